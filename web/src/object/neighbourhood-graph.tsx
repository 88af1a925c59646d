// The neighbourhood drawn with sigma.js (WebGL): the object in the middle, what it references on the right and
// what references it on the left, each edge pointing from the referrer to the object it names.
// Loaded on demand (a separate chunk). Clicking a neighbour opens it; the list beside it does the same by keyboard.
import { Alert } from "@mantine/core";
import Graph from "graphology";
import { useEffect, useRef, useState } from "react";
import Sigma, { DEFAULT_STYLES } from "sigma";
import { DEFAULT_EDGE_PRIMITIVES } from "sigma/primitives";
import { extremityArrow } from "sigma/rendering";
import type { StixObject } from "../api/types.ts";
import { displayName } from "../format.ts";
import { layoutNeighbours } from "./graph-layout.ts";
import { typeColour } from "./type-colours.ts";

/** Where each node is drawn, in CSS pixels from the graph container's top left. */
export type NodePositions = Readonly<Record<string, { x: number; y: number }>>;

/** Which way a neighbour's edge points: `out`, the object names it; `in`, it names the object (a referrer). */
export type EdgeDirection = "out" | "in";

export interface GraphNeighbour {
	object: StixObject;
	direction: EdgeDirection;
	/** The edge's label: the properties that hold the reference (`object_refs`, `target_ref`…). */
	label: string;
}

const EDGE_COLOURS: Readonly<Record<EdgeDirection, string>> = { out: "#adb5bd", in: "#74c0fc" };
/** Edges labelled with their property up to this many neighbours. */
const EDGE_LABELS_MAX = 16;

function truncate(text: string, length: number): string {
	return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** A neighbour's label: its name and type (a relationship's name already says it is one). */
function labelOf(object: StixObject): string {
	const name = displayName(object);
	return truncate(name.endsWith(`(${object.type})`) ? name : `${name} (${object.type})`, 40);
}

/** The focal object at the origin and its neighbours where graph-layout.ts puts them, edges pointing at what is named. */
function buildGraph(focus: StixObject, neighbours: readonly GraphNeighbour[]): Graph {
	const graph = new Graph({ multi: false, type: "directed" });
	graph.addNode(focus.id, {
		x: 0,
		y: 0,
		size: 18,
		// Shorter than a neighbour's: centred under the object, a long one would run over its edges (the page's
		// title has it whole).
		label: truncate(displayName(focus), 28),
		color: typeColour(focus.type),
		labelPosition: "below",
	});
	// An object both referenced and referring is drawn once, on the right, with both edges.
	const outIds = neighbours.filter((n) => n.direction === "out").map((n) => n.object.id);
	const outSet = new Set(outIds);
	const inIds = neighbours
		.filter((n) => n.direction === "in" && !outSet.has(n.object.id))
		.map((n) => n.object.id);
	const placements = layoutNeighbours(outIds, inIds);
	for (const neighbour of neighbours) {
		const placement = placements.get(neighbour.object.id);
		if (placement === undefined || graph.hasNode(neighbour.object.id)) continue;
		graph.addNode(neighbour.object.id, {
			...placement,
			size: 12,
			label: labelOf(neighbour.object),
			color: typeColour(neighbour.object.type),
		});
	}
	for (const neighbour of neighbours) {
		const [source, target] =
			neighbour.direction === "out" ? [focus.id, neighbour.object.id] : [neighbour.object.id, focus.id];
		if (graph.hasEdge(source, target)) continue;
		graph.addEdge(source, target, {
			label: neighbour.label,
			size: 2,
			color: EDGE_COLOURS[neighbour.direction],
		});
	}
	return graph;
}

export function NeighbourhoodGraph(props: {
	focus: StixObject;
	neighbours: readonly GraphNeighbour[];
	onOpen: (id: string) => void;
	onPositions: (positions: NodePositions) => void;
}) {
	const container = useRef<HTMLDivElement>(null);
	const [failure, setFailure] = useState<string | undefined>(undefined);
	const { focus, neighbours, onOpen, onPositions } = props;

	useEffect(() => {
		const element = container.current;
		if (element === null) return;
		let renderer: Sigma;
		try {
			renderer = new Sigma(buildGraph(focus, neighbours), element, {
				primitives: {
					edges: { ...DEFAULT_EDGE_PRIMITIVES, extremities: [extremityArrow()], defaultHead: "arrow" },
				},
				styles: {
					nodes: [
						DEFAULT_STYLES.nodes,
						{
							labelVisibility: "visible",
							labelSize: 13,
							labelPosition: { attribute: "labelPosition", defaultValue: "right" },
							cursor: "pointer",
						},
					],
					edges: [DEFAULT_STYLES.edges, { labelVisibility: "visible", labelSize: 11, labelColor: "#868e96" }],
				},
				settings: {
					// Past a dozen or so, edge labels only pile up on each other: the lists under the graph name each one.
					renderEdgeLabels: neighbours.length <= EDGE_LABELS_MAX,
					// Frame the labels too, not only the nodes: a label drawn outwards stays on the canvas.
					autoRescaleContent: "labels",
					stagePadding: 24,
					enableNodeDrag: false,
					gestureTarget: "graph",
					itemSizesReference: "screen",
				},
			});
		} catch (error) {
			setFailure(error instanceof Error ? error.message : String(error));
			return;
		}
		renderer.on("clickNode", ({ node }) => {
			if (node !== focus.id) onOpen(node);
		});
		// Report where nodes are drawn so that the list (and tests) can point at them.
		let last = "";
		const report = () => {
			const positions: Record<string, { x: number; y: number }> = {};
			renderer.getGraph().forEachNode((node, attributes) => {
				const point = renderer.graphToViewport({ x: attributes.x as number, y: attributes.y as number });
				positions[node] = { x: Math.round(point.x), y: Math.round(point.y) };
			});
			const text = JSON.stringify(positions);
			if (text !== last) {
				last = text;
				onPositions(positions);
			}
		};
		renderer.on("afterRender", report);
		// The constructor has rendered once already, before the listener: report that frame too (a graph whose
		// labels need no later frame would otherwise never say where its nodes are).
		report();
		return () => renderer.kill();
	}, [focus, neighbours, onOpen, onPositions]);

	if (failure !== undefined) {
		return (
			<Alert color="yellow" title="The graph cannot be drawn in this browser" role="status">
				It needs WebGL 2 ({failure}). The list beside it has the same neighbours; turn on hardware
				acceleration to see the graph.
			</Alert>
		);
	}
	// A picture to a screen reader: the lists below it hold the same neighbours as links a keyboard can follow.
	return (
		<div
			ref={container}
			className="graph-canvas"
			role="img"
			aria-label="Graph of the neighbourhood; the lists below name the same objects as links"
			data-testid="graph-canvas"
		/>
	);
}
