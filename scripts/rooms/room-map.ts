// The rooms' picture in docs/architecture.md, generated from the READMEs between two markers: each room, its
// job in one line and what it may import, layered so that imports point down the table.
import type { RoomDeclaration } from "./room-readme.ts";
import { FREE_ROOMS, MAIN, type Tree } from "./tree.ts";

export const MAP_FILE = "docs/architecture.md";
export const ROOMS_BEGIN = "<!-- rooms:begin";
export const ROOMS_END = "<!-- rooms:end -->";
const BEGIN_LINE = `${ROOMS_BEGIN}: generated from each room's README.md by \`npm run docs:map\`; do not edit by hand -->`;

/** The rooms outside src/ whose imports are free, as the map describes them. */
const FREE_ROOM_JOBS: Record<(typeof FREE_ROOMS)[number], string> = {
	test: "end-to-end, contract and model tests; fixtures, fakes and the test node builder (`#test/*`)",
	bench: "benchmarks (`npm run bench`), each a ratio against a floor measured in the same run",
	scripts: "the project's own tools: this map and the room checker (`npm run lint`, D42)",
};

/**
 * The generated block, markers included: one table row per room, layer 0 first (a room's layer is one more
 * than the highest layer it may import), then main.ts, web/ and the free rooms.
 */
export function renderRoomMap(tree: Tree): string {
	const rooms = [...tree.rooms.values()].filter((room) => room.name !== "web");
	const layers = layersOf(rooms);
	const mainLayer = layers.get(MAIN) ?? 0;
	const rows = rooms
		.map((room) => ({ layer: layers.get(room.name) ?? 0, room }))
		.sort((a, b) => a.layer - b.layer || a.room.name.localeCompare(b.room.name));
	const lines = [
		BEGIN_LINE,
		"| layer | room | its job | may import | may import types from | npm packages |",
		"|---|---|---|---|---|---|",
		...rows.filter(({ layer }) => layer <= mainLayer).map(({ layer, room }) => roomRow(String(layer), room)),
		`| ${mainLayer} | \`src/main.ts\` | the composition root: the only place that builds config, logger, store, gate and server | every room of src/ but those above it | — | any |`,
		...rows.filter(({ layer }) => layer > mainLayer).map(({ layer, room }) => roomRow(String(layer), room)),
		...(tree.rooms.has("web") ? [roomRow("outer", tree.rooms.get("web") as RoomDeclaration)] : []),
		...FREE_ROOMS.map(
			(name) =>
				`| outer | \`${name}/\` | ${FREE_ROOM_JOBS[name]} | any file of src/ (inner files too) | — | any |`,
		),
		ROOMS_END,
	];
	return lines.join("\n");
}

/**
 * What is wrong with the rooms' picture in `doc` (the text of docs/architecture.md): no block, a room in src/
 * missing from it or one it names that is gone, or a block that differs from what the READMEs generate.
 */
export function roomMapProblems(tree: Tree, doc: string): string[] {
	const current = blockOf(doc);
	if (current === undefined)
		return [`${MAP_FILE} has no rooms block (${ROOMS_BEGIN} … ${ROOMS_END}): run npm run docs:map`];
	const named = new Set(
		[...current.matchAll(/^\| [^|]+ \| `([a-z-]+)\/` \|/gm)].map((match) => match[1] as string),
	);
	const rooms = new Set([...tree.rooms.keys(), ...FREE_ROOMS]);
	const problems = [
		...[...rooms]
			.filter((room) => !named.has(room))
			.map((room) => `room ${room} is not in ${MAP_FILE}'s rooms block`),
		...[...named]
			.filter((room) => !rooms.has(room))
			.map((room) => `${MAP_FILE}'s rooms block names ${room}/, which is not a room`),
	];
	if (current !== renderRoomMap(tree))
		problems.push(`${MAP_FILE}'s rooms block differs from the rooms' READMEs`);
	return problems.map((problem) => `${problem}: run npm run docs:map`);
}

/** `doc` with its rooms block replaced by the generated one (appended under "## The rooms" if it has none). */
export function withRoomMap(tree: Tree, doc: string): string {
	const block = renderRoomMap(tree);
	const begin = doc.indexOf(ROOMS_BEGIN);
	const end = doc.indexOf(ROOMS_END);
	if (begin === -1 || end === -1) return `${doc.trimEnd()}\n\n## The rooms\n${block}\n`;
	return doc.slice(0, begin) + block + doc.slice(end + ROOMS_END.length);
}

function blockOf(doc: string): string | undefined {
	const begin = doc.indexOf(ROOMS_BEGIN);
	const end = doc.indexOf(ROOMS_END);
	return begin === -1 || end < begin ? undefined : doc.slice(begin, end + ROOMS_END.length);
}

function roomRow(layer: string, room: RoomDeclaration): string {
	const list = (items: readonly string[]) => (items.length === 0 ? "—" : items.join(", "));
	const packages = list(room.mayUsePackages ?? []);
	return `| ${layer} | \`${room.name}/\` | ${room.job} | ${list(room.mayImport)} | ${list(room.mayImportTypes)} | ${packages} |`;
}

function importsMain(room: RoomDeclaration): boolean {
	return room.mayImport.includes(MAIN) || room.mayImportTypes.includes(MAIN);
}

/** Each room's layer: 0 when it imports no room, else one more than the highest it may import (main counted). */
function layersOf(rooms: readonly RoomDeclaration[]): Map<string, number> {
	const byName = new Map(rooms.map((room) => [room.name, room]));
	const layers = new Map<string, number>();
	const visiting = new Set<string>();
	const layerOf = (name: string): number => {
		const known = layers.get(name);
		if (known !== undefined) return known;
		if (visiting.has(name)) return 0; // a declared cycle: reported by the checker, drawn flat here
		visiting.add(name);
		const room = byName.get(name);
		const below =
			name === MAIN
				? rooms.filter((other) => !importsMain(other)).map((other) => other.name)
				: [...(room?.mayImport ?? []), ...(room?.mayImportTypes ?? [])];
		const layer = below.length === 0 ? 0 : 1 + Math.max(...below.map(layerOf));
		layers.set(name, layer);
		return layer;
	};
	for (const room of rooms) layerOf(room.name);
	layerOf(MAIN);
	return layers;
}
