// The rooms' import rules, checked over a whole tree: every file in a room, each room importing only what its
// README allows (types only where it says so), other rooms reached through their public face, no production
// import of test code, no cycle between rooms, and only the npm packages a room's README names. Decisions D42.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { roomCycles } from "./room-cycles.ts";
import type { RoomDeclaration } from "./room-readme.ts";
import type { ImportSite } from "./scan-imports.ts";
import { FREE_ROOMS, MAIN, roomOf, type SourceFile, type Tree } from "./tree.ts";

/** What a violation breaks. */
export type RoomRule =
	| "readme"
	| "loose-file"
	| "direction"
	| "public-face"
	| "test-code"
	| "room-cycle"
	| "package";

/** One broken rule, located, with how to fix it. */
export interface Violation {
	readonly file: string;
	readonly line: number;
	readonly rule: RoomRule;
	readonly message: string;
}

/** One import that crosses from one room into another. */
interface Crossing {
	readonly file: SourceFile;
	readonly site: ImportSite;
	readonly target: string;
	readonly targetRoom: string;
}

/**
 * Every violation of the rooms' rules in `tree`, sorted by file and line; `[]` when the tree keeps them.
 * @example checkRooms(readTree(".")).map(formatViolation)
 */
export function checkRooms(tree: Tree): Violation[] {
	const crossings = crossingsOf(tree);
	const violations = [
		...readmeViolations(tree),
		...looseFiles(tree),
		...crossings.flatMap((crossing) => crossingViolations(tree, crossing)),
		...importCycles(crossings),
		...packageViolations(tree),
	];
	return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** `file:line: message [rule]`, the line the checker prints. */
export function formatViolation(violation: Violation): string {
	return `${violation.file}:${violation.line}: ${violation.message} [${violation.rule}]`;
}

/** Imports from a file of one room into a file of another (packages and same-room imports left out). */
function crossingsOf(tree: Tree): Crossing[] {
	return tree.files.flatMap((file) =>
		file.imports.flatMap((site): Crossing[] => {
			const target = tree.resolve(file.path, site.specifier);
			const targetRoom = target === undefined ? undefined : roomOf(target);
			if (target === undefined || targetRoom === undefined || targetRoom === file.room) return [];
			return [{ file, site, target, targetRoom }];
		}),
	);
}

/** Every README problem: missing, unreadable lines, unknown rooms, missing face files, contradictions, cycles. */
function readmeViolations(tree: Tree): Violation[] {
	const missing: Violation[] = tree.roomsWithoutReadme.map(([room, readme]) => ({
		file: readme,
		line: 1,
		rule: "readme",
		message: `room ${room} has no README: write one ("# ${room}/ — <its job in one line>", "May import: …")`,
	}));
	const unreadable: Violation[] = tree.readmeProblems.map((problem) => ({ ...problem, rule: "readme" }));
	const perRoom = [...tree.rooms.values()].flatMap((room) => [
		...unknownRooms(tree, room),
		...missingFaces(tree, room),
		...missingNamedFiles(tree, room),
		...contradictions(tree, room),
	]);
	return [...missing, ...unreadable, ...perRoom, ...declaredCycles(tree)];
}

/** Names on a README's lines that are not rooms (main.ts counts as the room `main`). */
function unknownRooms(tree: Tree, room: RoomDeclaration): Violation[] {
	const known = new Set([...tree.rooms.keys(), MAIN]);
	return [...room.mayImport, ...room.mayImportTypes, ...room.neverImportedBy]
		.filter((name) => !known.has(name))
		.map((name) =>
			at(room, "readme", `names "${name}", which is not a room (rooms: ${[...known].sort().join(", ")})`),
		);
}

function missingFaces(tree: Tree, room: RoomDeclaration): Violation[] {
	return room.publicFace
		.filter((face) => !existsSync(join(tree.root, roomFolder(room), face)))
		.map((face) =>
			at(room, "readme", `"Public face:" names ${face}, which does not exist in ${roomFolder(room)}/`),
		);
}

/** Files the README names that exist neither in the room (`commands/viewing.ts`) nor under src/ (`api/app.ts`). */
function missingNamedFiles(tree: Tree, room: RoomDeclaration): Violation[] {
	return room.namedFiles
		.filter(
			({ path }) => ![roomFolder(room), "src"].some((folder) => existsSync(join(tree.root, folder, path))),
		)
		.map(({ path, line }) => ({
			file: room.readme,
			line,
			rule: "readme" as const,
			message: `names ${path}, which exists neither in ${roomFolder(room)}/ nor under src/: fix the name or drop it`,
		}));
}

/** A room this README says must never import it, whose own README allows it. */
function contradictions(tree: Tree, room: RoomDeclaration): Violation[] {
	return room.neverImportedBy.flatMap((other) => {
		const declared = tree.rooms.get(other);
		const allows = declared?.mayImport.includes(room.name) || declared?.mayImportTypes.includes(room.name);
		if (declared === undefined || allows !== true) return [];
		return [
			at(
				room,
				"readme",
				`says ${other} must never import ${room.name}, but ${declared.readme} allows it: change one`,
			),
		];
	});
}

function declaredCycles(tree: Tree): Violation[] {
	return roomCycles(declaredGraph(tree)).map((cycle) => {
		const readmes = cycle.slice(0, -1).map((name) => tree.rooms.get(name)?.readme);
		return {
			file: readmes[0] ?? "src",
			line: 1,
			rule: "room-cycle" as const,
			message: `the READMEs allow a cycle of rooms ${cycle.join(" → ")} (${readmes.join(", ")}): take one room off a "May import" line`,
		};
	});
}

function looseFiles(tree: Tree): Violation[] {
	return tree.files
		.filter((file) => file.room === undefined)
		.map((file) => ({
			file: file.path,
			line: 1,
			rule: "loose-file" as const,
			message:
				"is in no room: move it into the room whose job it is (git mv) or make it a new room (a folder with a README.md)",
		}));
}

function crossingViolations(tree: Tree, crossing: Crossing): Violation[] {
	const { file, targetRoom } = crossing;
	if (file.room === undefined || (FREE_ROOMS as readonly string[]).includes(file.room)) return [];
	if (targetRoom === "test" || crossing.target.endsWith(".test.ts")) {
		return file.isTest ? [] : [testCodeViolation(crossing)];
	}
	const direction = file.isTest ? undefined : directionViolation(tree, crossing);
	const face = publicFaceViolation(tree, crossing);
	return [direction, face].filter((violation) => violation !== undefined);
}

function testCodeViolation({ file, site }: Crossing): Violation {
	return located(
		file,
		site,
		"test-code",
		`imports test code ${site.specifier}: production code never does. Move what both need into a room of src/, or this file under test/`,
	);
}

/** The room's README must allow the target room (a value import needs "May import:", a type-only one either line). */
function directionViolation(tree: Tree, crossing: Crossing): Violation | undefined {
	const { file, site, targetRoom } = crossing;
	if (file.room === MAIN && tree.rooms.has(targetRoom) && targetRoom !== "web") return undefined;
	if (file.room !== MAIN && !tree.rooms.has(file.room as string)) return undefined; // its missing README is reported
	const room = tree.rooms.get(file.room as string);
	if (room === undefined) {
		const what = `imports ${targetRoom}/ (${site.specifier}): main.ts, the composition root, imports only rooms of src/`;
		return located(file, site, "direction", what);
	}
	if (room.mayImport.includes(targetRoom)) return undefined;
	const allowed = `${room.readme}: "May import: ${room.mayImport.join(", ") || "nothing"}"`;
	if (room.mayImportTypes.includes(targetRoom)) {
		if (site.typeOnly) return undefined;
		return located(
			file,
			site,
			"direction",
			`imports code from room ${targetRoom} (${site.specifier}), but ${room.name} may import only its types (${room.readme}: "May import types from: ${room.mayImportTypes.join(", ")}"): write "import type", or pass the code in as a parameter`,
		);
	}
	return located(
		file,
		site,
		"direction",
		`imports room ${targetRoom} (${site.specifier}), which ${room.name} may not (${allowed}): pass what it needs in as a parameter, move this code to a room that may import ${targetRoom}, or, if the design changes, add ${targetRoom} to that line (no room cycle may follow)`,
	);
}

/** Another room is reached through a file its README lists as public face (`index.ts` by default). */
function publicFaceViolation(tree: Tree, crossing: Crossing): Violation | undefined {
	const { file, site, target, targetRoom } = crossing;
	const room = tree.rooms.get(targetRoom);
	if (room === undefined) return undefined;
	const inner = target.slice(roomFolder(room).length + 1);
	if (room.publicFace.includes(inner)) return undefined;
	return located(
		file,
		site,
		"public-face",
		`reaches inside room ${targetRoom} (${site.specifier}): import it from ${targetRoom}'s public face (${room.publicFace.join(", ")}), exporting it there if needed (${room.readme}, "Public face:")`,
	);
}

/** Rooms that import each other through production code, directly or through others (tests left out). */
function importCycles(crossings: Crossing[]): Violation[] {
	const graph = new Map<string, Set<string>>();
	const example = new Map<string, Crossing>();
	for (const crossing of crossings) {
		const from = crossing.file.room;
		if (from === undefined || crossing.file.isTest || (FREE_ROOMS as readonly string[]).includes(from))
			continue;
		if (!graph.has(from)) graph.set(from, new Set());
		graph.get(from)?.add(crossing.targetRoom);
		if (!example.has(`${from}>${crossing.targetRoom}`))
			example.set(`${from}>${crossing.targetRoom}`, crossing);
	}
	return roomCycles(graph).map((cycle) => {
		const edges = cycle.slice(1).map((to, index) => example.get(`${cycle[index]}>${to}`) as Crossing);
		const first = edges[0] as Crossing;
		const where = edges
			.map((edge) => `${edge.file.path}:${edge.site.line} imports ${edge.site.specifier}`)
			.join("; ");
		return located(
			first.file,
			first.site,
			"room-cycle",
			`rooms import each other in a cycle ${cycle.join(" → ")} (${where}): one of these imports must go (move the shared code down to a room both may import, or pass it in as a parameter)`,
		);
	});
}

/**
 * Production code of a room imports only the npm packages its README lists (`May use packages:`), so a package
 * stays where it was chosen for (`pg` in store/, `hono` in the HTTP rooms); node's built-ins are free, and so are
 * tests, main.ts (the composition root) and the outer rooms test/, bench/ and scripts/.
 */
function packageViolations(tree: Tree): Violation[] {
	return tree.files.flatMap((file) => {
		if (file.isTest || file.room === undefined || file.room === MAIN) return [];
		if ((FREE_ROOMS as readonly string[]).includes(file.room)) return [];
		const room = tree.rooms.get(file.room);
		if (room === undefined) return []; // its missing README is reported
		return file.imports.flatMap((site) => {
			const name = packageOf(site.specifier);
			if (name === undefined || room.mayUsePackages?.includes(name) === true) return [];
			const declared =
				room.mayUsePackages === undefined
					? `${room.readme} has no "May use packages:" line`
					: `${room.readme}: "May use packages: ${room.mayUsePackages.join(", ") || "nothing"}"`;
			return [
				located(
					file,
					site,
					"package",
					`imports the package ${name}, which room ${room.name} may not use (${declared}): use it from the room that owns it, or add it to that line and say why in docs/deps.md`,
				),
			];
		});
	});
}

/** The npm package a specifier names (`@scope/name`, `name`), or undefined for files, aliases and node: built-ins. */
export function packageOf(specifier: string): string | undefined {
	if (/^(\.|\/|#|node:)/.test(specifier)) return undefined;
	const parts = specifier.split("/");
	return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** What the READMEs allow, as a graph (main is left out: it may import every room by definition). */
function declaredGraph(tree: Tree): Map<string, Set<string>> {
	return new Map(
		[...tree.rooms.values()].map((room) => [room.name, new Set([...room.mayImport, ...room.mayImportTypes])]),
	);
}

function roomFolder(room: RoomDeclaration): string {
	return room.readme.slice(0, room.readme.lastIndexOf("/"));
}

function at(room: RoomDeclaration, rule: RoomRule, message: string): Violation {
	return { file: room.readme, line: 1, rule, message: `${room.name}/ ${message}` };
}

function located(file: SourceFile, site: ImportSite, rule: RoomRule, message: string): Violation {
	return { file: file.path, line: site.line, rule, message };
}
