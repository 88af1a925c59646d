// Cycles in a graph of rooms: one shortest cycle through each strongly connected group of rooms.

/**
 * One cycle (first room repeated at the end) per group of rooms that reach each other, shortest first found
 * from the group's alphabetically first room; no cycles → `[]`.
 * @example roomCycles(new Map([["a", new Set(["b"])], ["b", new Set(["a"])]])) // [["a", "b", "a"]]
 */
export function roomCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
	const cycles: string[][] = [];
	const seen = new Set<string>();
	for (const start of [...graph.keys()].sort()) {
		if (seen.has(start)) continue;
		const cycle = shortestCycleThrough(graph, start);
		if (cycle === undefined) continue;
		for (const room of reachingEachOther(graph, start)) seen.add(room);
		cycles.push(cycle);
	}
	return cycles;
}

/** The shortest path start → … → start (breadth first), or undefined. */
function shortestCycleThrough(
	graph: ReadonlyMap<string, ReadonlySet<string>>,
	start: string,
): string[] | undefined {
	const previous = new Map<string, string>();
	const queue = [start];
	while (queue.length > 0) {
		const room = queue.shift() as string;
		for (const next of [...(graph.get(room) ?? [])].sort()) {
			if (next === start) {
				const path = [room];
				while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
				return [...path, start];
			}
			if (previous.has(next) || next === start) continue;
			previous.set(next, room);
			queue.push(next);
		}
	}
	return undefined;
}

/** The rooms that both reach `start` and are reached from it. */
function reachingEachOther(graph: ReadonlyMap<string, ReadonlySet<string>>, start: string): Set<string> {
	const reached = reachable(graph, start);
	return new Set([...reached].filter((room) => reachable(graph, room).has(start)));
}

function reachable(graph: ReadonlyMap<string, ReadonlySet<string>>, start: string): Set<string> {
	const found = new Set<string>([start]);
	const stack = [start];
	while (stack.length > 0) {
		for (const next of graph.get(stack.pop() as string) ?? []) {
			if (!found.has(next)) {
				found.add(next);
				stack.push(next);
			}
		}
	}
	return found;
}
