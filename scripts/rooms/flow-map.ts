// The flow of an object in docs/architecture.md (between `<!-- flow:begin -->` and `<!-- flow:end -->`) checked
// against the code: every file it names exists, and every module that asks the egress gate is named in it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gateCalls } from "./gate-calls.ts";
import { MAP_FILE } from "./room-map.ts";
import type { Tree } from "./tree.ts";

export const FLOW_BEGIN = "<!-- flow:begin -->";
export const FLOW_END = "<!-- flow:end -->";
/** Paths in the flow are relative to src/, unless they start with one of these. */
const ROOTED = ["src/", "test/", "web/", "bench/", "scripts/", "docs/"];

/**
 * What is wrong with the flow in `doc`: no flow block, a named file that does not exist, or a module of src/
 * (outside policy/, which is the gate) that calls `gate.releasePage/release/explain/preview` and is not named.
 */
export function flowMapProblems(tree: Tree, doc: string): string[] {
	const begin = doc.indexOf(FLOW_BEGIN);
	const end = doc.indexOf(FLOW_END);
	if (begin === -1 || end < begin) return [`${MAP_FILE} has no flow block (${FLOW_BEGIN} … ${FLOW_END})`];
	const named = namedFiles(doc.slice(begin, end));
	const missing = [...named]
		.filter((path) => !existsSync(join(tree.root, path)))
		.map((path) => `${MAP_FILE}'s flow names ${path}, which does not exist: fix the path or the flow`);
	const unnamed = gateCallers(tree)
		.filter(({ path }) => !named.has(path))
		.map(
			({ path, methods }) =>
				`${path} calls gate.${methods.join("/gate.")} but ${MAP_FILE}'s flow does not name it among the exits: add it`,
		);
	return [...missing, ...unnamed];
}

/** The production modules of src/ that ask the gate, with the methods they call. */
export function gateCallers(tree: Tree): { path: string; methods: string[] }[] {
	return tree.files
		.filter((file) => file.path.startsWith("src/") && !file.isTest && file.room !== "policy")
		.map((file) => ({
			path: file.path,
			methods: gateCalls(readFileSync(join(tree.root, file.path), "utf8")),
		}))
		.filter(({ methods }) => methods.length > 0);
}

/** Every `path.ts`/`path.tsx` the block names, as a repository path (src/ prefixed unless rooted elsewhere). */
function namedFiles(block: string): Set<string> {
	const paths = [...block.matchAll(/(?<![\w./-])([a-z][\w./-]*\.tsx?)(?!\w)/g)].map(
		(match) => match[1] as string,
	);
	return new Set(paths.map((path) => (ROOTED.some((root) => path.startsWith(root)) ? path : `src/${path}`)));
}
