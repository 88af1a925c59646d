// The rooms' checker, run by `npm run lint`: node scripts/check-imports.ts [--write-map] [ROOT]. Prints every
// broken room rule (file:line, what, how to fix) and every stale part of docs/architecture.md's map, and exits
// 1; `--write-map` (`npm run docs:map`) first regenerates the rooms block from the READMEs. Decisions D42.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkRooms, formatViolation } from "./rooms/check-rooms.ts";
import { flowMapProblems } from "./rooms/flow-map.ts";
import { MAP_FILE, roomMapProblems, withRoomMap } from "./rooms/room-map.ts";
import { readTree } from "./rooms/tree.ts";

const args = process.argv.slice(2);
const root = resolve(args.find((arg) => !arg.startsWith("--")) ?? ".");
const tree = readTree(root);
const mapPath = join(root, MAP_FILE);
if (args.includes("--write-map")) {
	writeFileSync(mapPath, withRoomMap(tree, readFileSync(mapPath, "utf8")));
	console.log(`${MAP_FILE}: rooms block written from ${tree.rooms.size} READMEs`);
}
const doc = readFileSync(mapPath, "utf8");
const problems = [
	...checkRooms(tree).map(formatViolation),
	...[...roomMapProblems(tree, doc), ...flowMapProblems(tree, doc)].map(
		(problem) => `${MAP_FILE}: ${problem}`,
	),
];
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
	console.error(
		`\n${problems.length} room rule(s) broken; the rules: each room's README.md and docs/decisions.md D42.`,
	);
	process.exitCode = 1;
} else {
	console.log(
		`rooms: ${tree.files.length} files in ${tree.rooms.size} rooms keep their rules; ${MAP_FILE} is current`,
	);
}
