// Where the neighbourhood graph puts each neighbour: the object at the origin, what references it on the left,
// what it references on the right (arrows read left to right), on an ellipse as wide as the canvas is.

export type LabelPosition = "left" | "right" | "above" | "below";

export interface Placement {
	x: number;
	y: number;
	labelPosition: LabelPosition;
}

/** The ellipse neighbours sit on: wider than tall, like the canvas. */
const RADIUS_X = 1.6;
const RADIUS_Y = 1;
/** Angle between two neighbours of one side while there is room (radians). */
const STEP = 0.5;
/** Angle kept free between the two sides, so that they read as two groups. */
const GAP = 0.4;
/** Few enough to sit on their own side when the other side is empty; more take the whole circle, for room. */
const ONE_SIDE_MAX = 6;

/** `count` angles (0 = right, counter-clockwise) over an arc of at most `maxSpan` around `centre`, top first. */
function arcAngles(count: number, centre: number, maxSpan: number): number[] {
	const span = Math.min(maxSpan, STEP * (count - 1));
	const angles = Array.from({ length: count }, (_, i) =>
		count === 1 ? centre : centre - span / 2 + (span * i) / (count - 1),
	);
	// Top to bottom, in the order the list under the graph has them.
	return angles.sort((a, b) => Math.sin(b) - Math.sin(a));
}

/** `count` angles around the whole circle, off the axes so that no label runs into the object's. */
function circleAngles(count: number): number[] {
	return Array.from({ length: count }, (_, i) => (2 * Math.PI * i) / count + Math.PI / 2 + Math.PI / count);
}

function placementAt(angle: number): Placement {
	const x = RADIUS_X * Math.cos(angle);
	const y = RADIUS_Y * Math.sin(angle);
	return { x, y, labelPosition: Math.abs(x) < 0.3 ? (y > 0 ? "above" : "below") : x > 0 ? "right" : "left" };
}

/**
 * A place for each neighbour id: `outgoing` (what the object references) on the right, `incoming` (what
 * references it) on the left, each side's arc as wide as its share of the neighbours allows. One side alone
 * with more than ONE_SIDE_MAX takes the whole circle; the arrows still say which way each edge points.
 * @example layoutNeighbours(["malware--…"], ["report--…"]).get("report--…") // { x: -1.6, y: 0, labelPosition: "left" }
 */
export function layoutNeighbours(
	outgoing: readonly string[],
	incoming: readonly string[],
): Map<string, Placement> {
	const total = outgoing.length + incoming.length;
	const alone = outgoing.length === 0 ? incoming : incoming.length === 0 ? outgoing : undefined;
	const angles: [readonly string[], number[]][] =
		alone === undefined
			? [
					[outgoing, arcAngles(outgoing.length, 0, (2 * Math.PI * outgoing.length) / total - GAP)],
					[incoming, arcAngles(incoming.length, Math.PI, (2 * Math.PI * incoming.length) / total - GAP)],
				]
			: alone.length > ONE_SIDE_MAX
				? [[alone, circleAngles(alone.length)]]
				: [[alone, arcAngles(alone.length, alone === outgoing ? 0 : Math.PI, 0.9 * Math.PI)]];
	const placements = new Map<string, Placement>();
	for (const [ids, sideAngles] of angles)
		for (const [index, id] of ids.entries()) placements.set(id, placementAt(sideAngles[index] ?? 0));
	return placements;
}
