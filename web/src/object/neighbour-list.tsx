// One side of the neighbourhood as a list of links (keyboards, screen readers, and tests): each neighbour
// with its type and the properties that link it, and where the graph draws it.
import { Badge, Group, Stack, Text } from "@mantine/core";
import type { StixObject } from "../api/types.ts";
import { displayName } from "../format.ts";
import { Link, objectHref } from "../router.tsx";
import type { NodePositions } from "./neighbourhood-graph.tsx";
import { typeColour } from "./type-colours.ts";

export interface ListedNeighbour {
	object: StixObject;
	/** The properties that hold the reference, as the graph's edge label shows them. */
	label: string;
}

export function NeighbourList(props: {
	title: string;
	/** `neighbour` (what the object references) or `referrer` (what references it), for tests. */
	kind: "neighbour" | "referrer";
	neighbours: readonly ListedNeighbour[];
	positions: NodePositions;
}) {
	if (props.neighbours.length === 0) return null;
	return (
		<Stack gap={4}>
			<Text size="sm" fw={600} id={`${props.kind}-list-title`}>
				{props.title}
			</Text>
			<Stack
				gap={4}
				component="ul"
				className="plain-list"
				data-testid={`${props.kind}s`}
				aria-labelledby={`${props.kind}-list-title`}
			>
				{props.neighbours.map(({ object, label }) => {
					const at = props.positions[object.id];
					return (
						<li
							key={object.id}
							data-node-id={object.id}
							data-graph-x={at?.x}
							data-graph-y={at?.y}
							data-testid={props.kind}
						>
							<Group gap={6} wrap="nowrap">
								<span
									className="type-dot"
									style={{ background: typeColour(object.type) }}
									aria-hidden="true"
								/>
								<Link href={objectHref(object.id, "graph")} size="sm">
									{displayName(object)}
								</Link>
								<Badge size="xs" variant="light" color="gray" tt="none">
									{object.type}
								</Badge>
								<Text size="xs" c="dimmed" ff="monospace" data-kinds={label}>
									{label}
								</Text>
							</Group>
						</li>
					);
				})}
			</Stack>
		</Stack>
	);
}
