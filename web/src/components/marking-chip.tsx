// A marking as a chip: TLP and PAP in FIRST's colours on black, others plain and named by their definition (an
// IEP's name, a statement's first words), never by their id; the full id in the tooltip.
import { Badge, Group, Text, Tooltip } from "@mantine/core";
import {
	definitionLabel,
	isPinnedMarking,
	type MarkingLook,
	markingLook,
	sortedMarkings,
} from "../markings.ts";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";

/** The look of `ref`; a marking the catalogue does not pin is named from its definition, fetched once per session. */
function useMarkingLook(ref: string): MarkingLook {
	const { purpose } = useSession();
	const pinned = isPinnedMarking(ref);
	const definition = useApiQuery(
		"/objects/{id}",
		{ params: { id: ref }, query: { purpose } },
		{ enabled: !pinned },
	);
	const look = markingLook(ref);
	if (pinned) return look;
	const label = definition.data === undefined ? undefined : definitionLabel(definition.data.object);
	return {
		...look,
		label: label ?? (definition.isPending ? "marking…" : "unnamed marking"),
		description: label === undefined ? look.description : `${label} — ${ref}`,
	};
}

export function MarkingChip(props: { refId: string; size?: "xs" | "sm" | "md" }) {
	const look = useMarkingLook(props.refId);
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
