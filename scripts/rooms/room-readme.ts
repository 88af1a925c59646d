// A room's README read as rules: the lines `May import:`, `May import types from:`, `Never imported by:`,
// `Public face:` and `May use packages:` are machine-read (comma-separated, `nothing` for none); the heading names the room's job.

/** What a room's README declares. */
export interface RoomDeclaration {
	/** The room's name: its folder under src/ (`store`), or an outer room (`web`). */
	readonly name: string;
	/** The README, relative to the repository root. */
	readonly readme: string;
	/** The job in one line: the heading's text after the dash (`# store/ — the only place that knows SQL`). */
	readonly job: string;
	/** Rooms whose code this room may import. */
	readonly mayImport: readonly string[];
	/** Rooms this room may import only with `import type` (erased at run time). */
	readonly mayImportTypes: readonly string[];
	/** Rooms that must never import this one. */
	readonly neverImportedBy: readonly string[];
	/** npm packages the room's production code may import (`pg`, `@hono/node-server`); undefined: not declared. */
	readonly mayUsePackages: readonly string[] | undefined;
	/** Files (relative to the room) other rooms may import; `index.ts` when the README names none. */
	readonly publicFace: readonly string[];
	/** Every `name.ts`/`name.tsx` the README names in backticks (its notable files), with its line. */
	readonly namedFiles: readonly { readonly path: string; readonly line: number }[];
}

/** A line of a README that is not what the checker can read, with what to write instead. */
export interface ReadmeProblem {
	readonly line: number;
	readonly message: string;
}

const FIELDS = {
	"May import:": "mayImport",
	"May import types from:": "mayImportTypes",
	"Never imported by:": "neverImportedBy",
	"Public face:": "publicFace",
	"May use packages:": "mayUsePackages",
} as const;

/**
 * Reads a room's README. Every problem is returned (a missing heading or `May import:` line, a field twice),
 * so one run lists them all.
 * @example parseRoomReadme("store", "src/store/README.md", "# store/ — SQL\n\nMay import: errors, stix\n")
 */
export function parseRoomReadme(
	name: string,
	readme: string,
	text: string,
): { declaration: RoomDeclaration; problems: ReadmeProblem[] } {
	const problems: ReadmeProblem[] = [];
	const fields: Partial<Record<(typeof FIELDS)[keyof typeof FIELDS], string[]>> = {};
	let job = "";
	const namedFiles: { path: string; line: number }[] = [];
	text.split("\n").forEach((raw, index) => {
		const line = raw.trim();
		for (const match of line.matchAll(/`([\w./-]+\.tsx?)`/g))
			namedFiles.push({ path: match[1] as string, line: index + 1 });
		const heading = /^# (\S+)\s+—\s+(.+)$/.exec(line);
		if (heading !== null && job === "") {
			if (heading[1] !== `${name}/`) {
				problems.push({
					line: index + 1,
					message: `the heading names "${heading[1]}"; write "# ${name}/ — <its job>"`,
				});
			}
			job = (heading[2] as string).trim();
			return;
		}
		for (const [label, field] of Object.entries(FIELDS)) {
			if (!line.startsWith(label)) continue;
			if (fields[field] !== undefined)
				problems.push({ line: index + 1, message: `"${label}" appears twice` });
			fields[field] = listOf(line.slice(label.length));
		}
	});
	if (job === "") problems.push({ line: 1, message: `no heading "# ${name}/ — <its job in one line>"` });
	if (fields.mayImport === undefined) {
		problems.push({ line: 1, message: `no "May import:" line (rooms, comma-separated, or "nothing")` });
	}
	const declaration: RoomDeclaration = {
		name,
		readme,
		job,
		mayImport: fields.mayImport ?? [],
		mayImportTypes: fields.mayImportTypes ?? [],
		neverImportedBy: fields.neverImportedBy ?? [],
		publicFace: fields.publicFace ?? ["index.ts"],
		mayUsePackages: fields.mayUsePackages,
		namedFiles,
	};
	return { declaration, problems };
}

/** `" errors, json , stix"` → `["errors", "json", "stix"]`; `"nothing"` → `[]`; backticks and slashes dropped. */
function listOf(value: string): string[] {
	const items = value
		.split(",")
		.map((item) => item.replaceAll("`", "").trim())
		.map((item) => (item.endsWith("/") ? item.slice(0, -1) : item))
		.filter((item) => item !== "");
	return items.length === 1 && items[0] === "nothing" ? [] : items;
}
