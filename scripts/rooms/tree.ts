// The repository as the import checker sees it: which room each file is in, every source file with its
// imports, and how a specifier resolves (relative paths and package.json "imports" aliases such as #src/*).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { parseRoomReadme, type ReadmeProblem, type RoomDeclaration } from "./room-readme.ts";
import { type ImportSite, scanImports } from "./scan-imports.ts";

/** Rooms outside src/ whose imports are free: they test, measure or maintain the code, and may reach inside it. */
export const FREE_ROOMS = ["test", "bench", "scripts"] as const;
/** The composition root: src/main.ts, a room of one file that may import every room of src/. */
export const MAIN = "main";
/** Top-level folders read for sources; web/ has its own README and rules. */
const SOURCE_FOLDERS = ["src", "web", ...FREE_ROOMS];
const SKIPPED = new Set(["node_modules", "dist", "data", ".git"]);

/** One source file: its repository path, room (undefined when loose at the top of src/) and imports. */
export interface SourceFile {
	readonly path: string;
	readonly room: string | undefined;
	/** A test: `*.test.ts` anywhere, or any file of the test/ room. */
	readonly isTest: boolean;
	readonly imports: readonly ImportSite[];
}

/** A repository read once: declared rooms, their README problems, every source file. */
export interface Tree {
	readonly root: string;
	readonly rooms: ReadonlyMap<string, RoomDeclaration>;
	readonly readmeProblems: readonly (ReadmeProblem & { readonly file: string })[];
	/** Rooms without a README.md, as [room, where the README belongs]. */
	readonly roomsWithoutReadme: readonly (readonly [string, string])[];
	readonly files: readonly SourceFile[];
	/** Resolves `specifier` imported by the file at `from` to a repository path, or undefined (a package). */
	resolve(from: string, specifier: string): string | undefined;
}

/**
 * Reads the repository at `root`: src/<room>/README.md and web/README.md, and every .ts/.tsx file of src/,
 * web/, test/, bench/ and scripts/ with its imports.
 */
export function readTree(root: string): Tree {
	const rooms = new Map<string, RoomDeclaration>();
	const readmeProblems: (ReadmeProblem & { file: string })[] = [];
	const roomsWithoutReadme: [string, string][] = [];
	for (const [name, readme] of roomReadmes(root)) {
		if (!existsSync(join(root, readme))) {
			roomsWithoutReadme.push([name, readme]);
			continue;
		}
		const { declaration, problems } = parseRoomReadme(name, readme, readFileSync(join(root, readme), "utf8"));
		rooms.set(name, declaration);
		for (const problem of problems) readmeProblems.push({ ...problem, file: readme });
	}
	const files = SOURCE_FOLDERS.flatMap((folder) => sourcesUnder(root, folder)).map((path) => ({
		path,
		room: roomOf(path),
		isTest: path.endsWith(".test.ts") || roomOf(path) === "test",
		imports: scanImports(readFileSync(join(root, path), "utf8")),
	}));
	const aliases = importAliases(root);
	return {
		root,
		rooms,
		readmeProblems,
		roomsWithoutReadme,
		files,
		resolve: (from, specifier) => resolveSpecifier(aliases, from, specifier),
	};
}

/**
 * The room a repository path is in: `src/<room>/…` → room, `src/main.ts` → main, `web/…`, `test/…`, `bench/…`,
 * `scripts/…` → that folder; undefined for a file loose at the top of src/ (or outside every room).
 * @example roomOf("src/store/sqlite/migrations.ts") // "store"
 */
export function roomOf(path: string): string | undefined {
	const parts = path.split("/");
	if (parts[0] !== "src") return SOURCE_FOLDERS.includes(parts[0] as string) ? parts[0] : undefined;
	if (parts.length > 2) return parts[1];
	return parts[1] === "main.ts" || parts[1] === "main.test.ts" ? MAIN : undefined;
}

/** Each src/ folder and web/ (when present) with where its README is. */
function roomReadmes(root: string): [string, string][] {
	const srcRooms = existsSync(join(root, "src"))
		? readdirSync(join(root, "src"), { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry): [string, string] => [entry.name, `src/${entry.name}/README.md`])
		: [];
	const web: [string, string][] = existsSync(join(root, "web")) ? [["web", "web/README.md"]] : [];
	return [...srcRooms, ...web].sort(([a], [b]) => a.localeCompare(b));
}

/** Every .ts/.tsx file under `folder` (repository paths, `/`-separated, sorted). */
function sourcesUnder(root: string, folder: string): string[] {
	const start = join(root, folder);
	if (!existsSync(start)) return [];
	const found: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(dir).sort()) {
			if (SKIPPED.has(entry)) continue;
			const full = join(dir, entry);
			if (statSync(full).isDirectory()) walk(full);
			else if (/\.tsx?$/.test(entry) && !entry.endsWith(".d.ts"))
				found.push(relative(root, full).split(sep).join("/"));
		}
	};
	walk(start);
	return found;
}

/** package.json "imports" with a single `*` each (`#src/*` → `./src/*`), as [prefix, target prefix] pairs. */
function importAliases(root: string): [string, string][] {
	const file = join(root, "package.json");
	if (!existsSync(file)) return [];
	const imports =
		(JSON.parse(readFileSync(file, "utf8")) as { imports?: Record<string, unknown> }).imports ?? {};
	return Object.entries(imports)
		.filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[0].endsWith("*"))
		.map(([alias, target]) => [alias.slice(0, -1), posix.normalize(target.replace(/\*$/, ""))]);
}

function resolveSpecifier(aliases: [string, string][], from: string, specifier: string): string | undefined {
	if (specifier.startsWith("./") || specifier.startsWith("../")) {
		return posix.normalize(posix.join(posix.dirname(from), specifier));
	}
	for (const [prefix, target] of aliases) {
		if (specifier.startsWith(prefix))
			return posix.normalize(posix.join(target, specifier.slice(prefix.length)));
	}
	return undefined;
}
