// The neighbourhood tab: loads what the object references and what references it (only what is released to
// you), draws both with sigma (loaded on first use), and lists the same neighbours as links under the graph.
import { Loader, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import type { StixObject } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { modifiedOf } from "../format.ts";
import { navigate, objectHref } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { type ListedNeighbour, NeighbourList } from "./neighbour-list.tsx";
import { loadNeighbourhood, type Neighbourhood } from "./neighbourhood.ts";
import type { GraphNeighbour, NodePositions } from "./neighbourhood-graph.tsx";
import { loadReferrers, MAX_REFERRERS, type Referrers } from "./referrers.ts";

const NeighbourhoodGraph = lazy(() =>
	import("./neighbourhood-graph.tsx").then((module) => ({ default: module.NeighbourhoodGraph })),
);

/** What the panel says it shows, in words: counts of what was released to you, never of what was not. */
function summary(references: Neighbourhood, referrers: Referrers): string {
	const parts = [
		references.visible.length === 0
			? "It references nothing released to you."
			: `It references ${references.visible.length} object(s) released to you.`,
	];
	if (references.hidden > 0)
		parts.push(`${references.hidden} other reference(s) are not released to you, or not on this node.`);
	if (references.skipped > 0) parts.push(`${references.skipped} more are not drawn.`);
	parts.push(
		referrers.items.length === 0
			? "Nothing released to you references it."
			: `${referrers.items.length}${referrers.more ? "+" : ""} object(s) released to you reference it` +
					(referrers.more ? ` (the first ${MAX_REFERRERS} are drawn).` : "."),
	);
	if (references.visible.length + referrers.items.length > 0)
		parts.push("Click one in the graph, or in the lists below, to open it.");
	return parts.join(" ");
}

export function GraphPanel(props: { object: StixObject }) {
	const { get, purpose } = useSession();
	// One cache entry for the whole neighbourhood (several GETs), keyed by the object version and the purpose.
	const loaded = useQuery({
		queryKey: ["neighbourhood", props.object.id, modifiedOf(props.object), purpose],
		queryFn: async ({ signal }) => {
			const [references, referrers] = await Promise.all([
				loadNeighbourhood(
					props.object,
					async (id) => (await get("/objects/{id}", { params: { id }, query: { purpose }, signal })).object,
				),
				loadReferrers((cursor) =>
					get("/objects/{id}/referrers", {
						params: { id: props.object.id },
						query: { purpose, limit: MAX_REFERRERS, cursor },
						signal,
					}),
				),
			]);
			return { references, referrers };
		},
	});
	const [positions, setPositions] = useState<NodePositions>({});
	const open = useCallback((id: string) => navigate(objectHref(id, "graph")), []);

	const lists = useMemo(() => {
		const data = loaded.data;
		const outgoing: ListedNeighbour[] = (data?.references.visible ?? []).map(({ reference, object }) => ({
			object,
			label: reference.via,
		}));
		const incoming: ListedNeighbour[] = (data?.referrers.items ?? []).map(({ object, kinds }) => ({
			object,
			label: kinds.join(", "),
		}));
		const drawn: GraphNeighbour[] = [
			...outgoing.map((neighbour) => ({ ...neighbour, direction: "out" as const })),
			...incoming.map((neighbour) => ({ ...neighbour, direction: "in" as const })),
		];
		return { outgoing, incoming, drawn };
	}, [loaded.data]);

	if (loaded.isPending) return <Loader size="sm" aria-label="Loading the neighbourhood" />;
	if (loaded.error !== null) return <ErrorAlert error={loaded.error} onRetry={() => void loaded.refetch()} />;

	return (
		<Stack gap="sm">
			<Text size="sm">{summary(loaded.data.references, loaded.data.referrers)}</Text>
			<Suspense fallback={<Loader size="sm" aria-label="Loading the graph view" />}>
				<NeighbourhoodGraph
					focus={props.object}
					neighbours={lists.drawn}
					onOpen={open}
					onPositions={setPositions}
				/>
			</Suspense>
			<NeighbourList title="References" kind="neighbour" neighbours={lists.outgoing} positions={positions} />
			<NeighbourList
				title="Referenced by"
				kind="referrer"
				neighbours={lists.incoming}
				positions={positions}
			/>
		</Stack>
	);
}
