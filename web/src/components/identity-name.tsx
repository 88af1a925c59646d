// An identity id shown as its name when the session can learn it, else as a short id; the full id on hover.
import { Text, Tooltip } from "@mantine/core";
import { useEffect, useState } from "react";
import { shortId } from "../format.ts";
import { useSession } from "../session-context.tsx";

export function IdentityName(props: { id: string | undefined; size?: "xs" | "sm" }) {
	const { names } = useSession();
	const [name, setName] = useState<string | undefined>(undefined);
	useEffect(() => {
		let current = true;
		setName(undefined);
		if (props.id !== undefined) {
			names.nameOf(props.id).then((found) => {
				if (current) setName(found);
			});
		}
		return () => {
			current = false;
		};
	}, [props.id, names]);
	if (props.id === undefined) {
		return (
			<Text size={props.size ?? "sm"} c="dimmed">
				—
			</Text>
		);
	}
	return (
		<Tooltip label={props.id} withArrow openDelay={400}>
			<Text size={props.size ?? "sm"} truncate="end" {...(name === undefined ? { c: "dimmed" } : {})}>
				{name ?? shortId(props.id)}
			</Text>
		</Tooltip>
	);
}
