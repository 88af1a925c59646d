// docs/architecture.md cannot go stale (D42): its rooms block is what the READMEs generate and names every room,
// and its flow names files that exist and every module that asks the egress gate. Checked on the real
// repository, then shown to fail on fake trees and edited copies.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { flowMapProblems, gateCallers } from "../scripts/rooms/flow-map.ts";
import { gateCalls } from "../scripts/rooms/gate-calls.ts";
import { MAP_FILE, renderRoomMap, roomMapProblems, withRoomMap } from "../scripts/rooms/room-map.ts";
import { readTree } from "../scripts/rooms/tree.ts";
import { fakeTree } from "./support/room-tree.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const repository = readTree(ROOT);
const doc = readFileSync(join(ROOT, MAP_FILE), "utf8");

const FLOW = (names: string) => `<!-- flow:begin -->\n${names}\n<!-- flow:end -->\n`;

describe("docs/architecture.md", () => {
	it("has the rooms block the READMEs generate, naming every room of src/", () => {
		assert.deepEqual(roomMapProblems(repository, doc), []);
		for (const room of repository.rooms.keys())
			assert.ok(renderRoomMap(repository).includes(`\`${room}/\``), room);
	});

	it("has a flow whose files exist and which names every module that asks the gate", () => {
		assert.deepEqual(flowMapProblems(repository, doc), []);
		// The exits the flow must name are found in the code, not listed here: at least TAXII, REST, CLI and federation.
		const callers = gateCallers(repository).map((caller) => caller.path.split("/")[1]);
		for (const room of ["taxii", "api", "cli", "federation"]) assert.ok(callers.includes(room), room);
	});
});

describe("the map's checks fail when the picture is stale", () => {
	const rooms = { errors: {}, stix: { mayImport: ["errors"] } };
	const files = {
		"src/errors/index.ts": "export const e = 1;\n",
		"src/stix/index.ts": "export const s = 1;\n",
	};

	it("a rooms block that differs from the READMEs, or misses a room, or names one that is gone", () => {
		const tree = readTree(fakeTree(rooms, files));
		const current = withRoomMap(tree, "# Architecture\n");
		assert.deepEqual(roomMapProblems(tree, current), []);
		assert.match(roomMapProblems(tree, "# Architecture\n").join("\n"), /has no rooms block/);

		const edited = readTree(fakeTree({ ...rooms, stix: { mayImport: ["errors"], job: "a new job" } }, files));
		assert.match(
			roomMapProblems(edited, current).join("\n"),
			/differs from the rooms' READMEs: run npm run docs:map/,
		);

		const added = readTree(
			fakeTree({ ...rooms, json: {} }, { ...files, "src/json/index.ts": "export const j = 1;\n" }),
		);
		assert.match(
			roomMapProblems(added, current).join("\n"),
			/room json is not in docs\/architecture\.md's rooms block/,
		);

		const removed = readTree(fakeTree({ errors: {} }, { "src/errors/index.ts": "export const e = 1;\n" }));
		assert.match(roomMapProblems(removed, current).join("\n"), /names stix\/, which is not a room/);
	});

	it("a flow that names a file that does not exist, or leaves out a module that asks the gate", () => {
		const gateUser =
			"export async function answer(gate: G) {\n\treturn gate.releasePage(viewer, versions);\n}\n";
		const tree = readTree(fakeTree(rooms, { ...files, "src/stix/exit.ts": gateUser }));
		assert.deepEqual(flowMapProblems(tree, FLOW("REST reads: `stix/exit.ts`")), []);
		assert.match(flowMapProblems(tree, "").join("\n"), /has no flow block/);
		assert.match(
			flowMapProblems(tree, FLOW("`stix/exit.ts` → `stix/gone.ts`")).join("\n"),
			/names src\/stix\/gone\.ts, which does not exist/,
		);
		assert.match(
			flowMapProblems(tree, FLOW("nothing named")).join("\n"),
			/src\/stix\/exit\.ts calls gate\.releasePage but .* does not name it among the exits/,
		);
	});

	it("finds gate calls on any object named gate, and not in comments or on other objects", () => {
		assert.deepEqual(
			gateCalls("await services.gate.releasePage(v, x); node.gate.explain(a, b, c); gate.preview(a, p);"),
			["releasePage", "explain", "preview"],
		);
		assert.deepEqual(
			gateCalls("// then gate.releasePage(viewer, own)\nbudget.release(request); client.release();"),
			[],
		);
	});
});
