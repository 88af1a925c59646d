// A marking as a chip: TLP and PAP in FIRST's colours on black, others plain; the full id in the tooltip.
import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { markingLook, sortedMarkings } from "../markings.ts";

export function MarkingChip(props: { refId: string; size?: "xs" | "sm" | "md" }) {
	const look = markingLook(props.refId);
	return (
		<Tooltip label={look.description} withArrow openDelay={300}>
			<Badge
				size={props.size ?? "sm"}
				radius="sm"
				variant="filled"
				tt="none"
				style={{
					background: look.background,
					color: look.color,
					fontFamily: "var(--mantine-font-family-monospace)",
				}}
				data-marking={props.refId}
			>
				{look.label}
			</Badge>
		</Tooltip>
	);
}

/** An object's markings, TLP first; "none" when it has none. */
export function MarkingChips(props: { refs: readonly string[] | undefined; size?: "xs" | "sm" | "md" }) {
	const refs = sortedMarkings(props.refs);
	if (refs.length === 0) {
		return (
			<Text size="xs" c="dimmed">
				no markings
			</Text>
		);
	}
	return (
		<Group gap={4} wrap="wrap">
			{refs.map((ref) => (
				<MarkingChip key={ref} refId={ref} {...(props.size === undefined ? {} : { size: props.size })} />
			))}
		</Group>
	);
}
