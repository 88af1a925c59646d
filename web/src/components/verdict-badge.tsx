// A gate verdict as a coloured badge, with what it means for the recipient.
import { Badge, Tooltip } from "@mantine/core";

const LOOKS: Readonly<Record<string, { color: string; label: string; meaning: string }>> = {
	full: {
		color: "green.8",
		label: "full",
		meaning: "receives the object as it is (perhaps with added markings)",
	},
	transformed: {
		color: "orange.7",
		label: "transformed",
		meaning: "receives a changed copy: personal data pseudonymised, generalised or dropped",
	},
	"match-only": {
		color: "cyan.8",
		label: "match-only",
		meaning: "may only be told that it matches something it already holds",
	},
	"contact-originator": {
		color: "violet.7",
		label: "contact originator",
		meaning: "receives nothing; is told to ask the originator",
	},
	deny: { color: "red.8", label: "deny", meaning: "receives nothing" },
};

export function verdictMeaning(verdict: string): string {
	return LOOKS[verdict]?.meaning ?? "unknown verdict";
}

export function VerdictBadge(props: { verdict: string }) {
	const look = LOOKS[props.verdict] ?? { color: "gray", label: props.verdict, meaning: "unknown verdict" };
	return (
		<Tooltip label={look.meaning} withArrow openDelay={300}>
			<Badge color={look.color} variant="filled" radius="sm" tt="none" data-verdict={props.verdict}>
				{look.label}
			</Badge>
		</Tooltip>
	);
}
