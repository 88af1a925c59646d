// The neighbourhood tab: loads what the object references (only what is released to you), draws it with sigma
// (loaded on first use), and lists the same neighbours as links for keyboards and screen readers.
import { Badge, Group, Loader, Stack, Text } from "@mantine/core";
import { lazy, Suspense, useCallback, useState } from "react";
import type { ObjectEntry, StixObject } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { displayName } from "../format.ts";
import { Link, navigate, objectHref } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { useResource } from "../use-resource.ts";
import { loadNeighbourhood } from "./neighbourhood.ts";
import type { NodePositions } from "./neighbourhood-graph.tsx";
import { typeColour } from "./type-colours.ts";

const NeighbourhoodGraph = lazy(() =>
	import("./neighbourhood-graph.tsx").then((module) => ({ default: module.NeighbourhoodGraph })),
);

export function GraphPanel(props: { object: StixObject }) {
	const { get, purpose } = useSession();
	const neighbourhood = useResource(
		(signal) =>
			loadNeighbourhood(
				props.object,
				async (id) =>
					(await get<ObjectEntry>(`/objects/${encodeURIComponent(id)}`, { purpose }, signal)).object,
			),
		[get, props.object, purpose],
	);
	const [positions, setPositions] = useState<NodePositions>({});
	const open = useCallback((id: string) => navigate(objectHref(id, "graph")), []);

	if (neighbourhood.loading) return <Loader size="sm" aria-label="Loading the neighbourhood" />;
	if (neighbourhood.error !== undefined)
		return <ErrorAlert error={neighbourhood.error} onRetry={neighbourhood.reload} />;
	const data = neighbourhood.data;
	if (data === undefined) return null;

	return (
		<Stack gap="sm">
			<Text size="sm">
				{data.visible.length === 0
					? "It references nothing released to you."
					: `It references ${data.visible.length} object(s) released to you. Click one in the graph, or in the list below, to open it.`}
				{data.hidden > 0
					? ` ${data.hidden} other reference(s) are not released to you, or not on this node.`
					: ""}
				{data.skipped > 0 ? ` ${data.skipped} more are not drawn.` : ""}
			</Text>
			<Suspense fallback={<Loader size="sm" aria-label="Loading the graph view" />}>
				<NeighbourhoodGraph
					focus={props.object}
					neighbours={data.visible}
					onOpen={open}
					onPositions={setPositions}
				/>
			</Suspense>
			<Stack gap={4} component="ul" className="plain-list" data-testid="neighbours" aria-label="Neighbours">
				{data.visible.map(({ reference, object }) => {
					const at = positions[object.id];
					return (
						<li
							key={object.id}
							data-node-id={object.id}
							data-graph-x={at?.x}
							data-graph-y={at?.y}
							data-testid="neighbour"
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
								<Text size="xs" c="dimmed" ff="monospace">
									{reference.via}
								</Text>
							</Group>
						</li>
					);
				})}
			</Stack>
		</Stack>
	);
}
