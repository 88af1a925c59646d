// One line of the policy file with its key and comment told apart (enough to read YAML, not a YAML parser).
import type { ReactNode } from "react";

const KEY = /^(\s*(?:-\s+)?)([A-Za-z0-9_.+-]+)(:)(?=\s|$)/;
/** A `#` that starts a comment: at the line's start or after white space (quotes are not tracked). */
const COMMENT = /(^|\s)#/;

export function YamlLine(props: { line: string }) {
	let rest = props.line;
	let comment: ReactNode = null;
	const hash = COMMENT.exec(rest);
	if (hash !== null) {
		const at = hash.index + (hash[1]?.length ?? 0);
		comment = <span className="yaml-comment">{rest.slice(at)}</span>;
		rest = rest.slice(0, at);
	}
	const key = KEY.exec(rest);
	return (
		<span className="yaml-line">
			{key === null ? (
				rest
			) : (
				<>
					{key[1]}
					<span className="yaml-key">{key[2]}</span>
					{key[3]}
					{rest.slice(key[0].length)}
				</>
			)}
			{comment}
			{props.line === "" ? " " : null}
			{"\n"}
		</span>
	);
}
