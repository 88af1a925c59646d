// Text whose `backticked` parts are commands, shown as code (the error hints name commands that way).
import { Code } from "@mantine/core";
import { Fragment } from "react";

export function WithInlineCode(props: { text: string }) {
	const parts = props.text.split("`");
	return (
		<>
			{parts.map((part, index) =>
				// biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string, in order.
				index % 2 === 1 ? <Code key={index}>{part}</Code> : <Fragment key={index}>{part}</Fragment>,
			)}
		</>
	);
}
