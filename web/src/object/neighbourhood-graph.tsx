// The neighbourhood drawn with sigma.js (WebGL): the object in the middle, what it references around it.
// Loaded on demand (a separate chunk). Clicking a neighbour opens it; the list beside it does the same by keyboard.
import { Alert } from "@mantine/core";
import Graph from "graphology";
import { useEffect, useRef, useState } from "react";
import Sigma, { DEFAULT_STYLES } from "sigma";
import { DEFAULT_EDGE_PRIMITIVES } from "sigma/primitives";
import { extremityArrow } from "sigma/rendering";
import type { StixObject } from "../api/types.ts";
import { displayName } from "../format.ts";
import type { Reference } from "./neighbourhood.ts";
import { typeColour } from "./type-colours.ts";

/** Where each node is drawn, in CSS pixels from the graph container's top left. */
export type NodePositions = Readonly<Record<string, { x: number; y: number }>>;

export interface GraphNeighbour {
	reference: Reference;
	object: StixObject;
}

function truncate(text: string, length: number): string {
	return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** The focal object at the origin, neighbours evenly on a circle around it (references have no natural layout). */
function buildGraph(focus: StixObject, neighbours: readonly GraphNeighbour[]): Graph {
	const graph = new Graph({ multi: false, type: "directed" });
	graph.addNode(focus.id, {
		x: 0,
		y: 0,
		size: 18,
		label: truncate(displayName(focus), 40),
		color: typeColour(focus.type),
		labelPosition: "below",
	});
	neighbours.forEach((neighbour, index) => {
		// Start off the axes so that no neighbour's label runs into the focal object's.
		const count = Math.max(1, neighbours.length);
		const angle = (2 * Math.PI * index) / count + Math.PI / 2 + Math.PI / count;
		const x = Math.cos(angle);
		graph.addNode(neighbour.object.id, {
			x,
			y: Math.sin(angle),
			labelPosition: Math.abs(x) < 0.2 ? (Math.sin(angle) > 0 ? "above" : "below") : x > 0 ? "right" : "left",
			size: 12,
			label: truncate(`${displayName(neighbour.object)} (${neighbour.object.type})`, 40),
			color: typeColour(neighbour.object.type),
		});
		graph.addEdge(focus.id, neighbour.object.id, {
			label: neighbour.reference.via,
			size: 2,
			color: "#adb5bd",
		});
	});
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
					renderEdgeLabels: true,
					stagePadding: 60,
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
	return <div ref={container} className="graph-canvas" data-testid="graph-canvas" />;
}
