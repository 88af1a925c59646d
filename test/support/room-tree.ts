// Small repositories on disk for the room checker's tests: a package.json with the project's aliases, a README
// per room from a one-line description, and the given source files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";

/** What a fake room's README declares; `job` defaults to "the <name> room". */
export interface FakeRoom {
	readonly mayImport?: readonly string[];
	readonly mayImportTypes?: readonly string[];
	readonly neverImportedBy?: readonly string[];
	readonly publicFace?: readonly string[];
	readonly mayUsePackages?: readonly string[];
	readonly job?: string;
	/** Lines after the rules (notable files). */
	readonly notes?: string;
}

/** A README in the rooms' format. */
export function roomReadme(name: string, room: FakeRoom): string {
	const lines = [`# ${name}/ — ${room.job ?? `the ${name} room`}`, "", `May import: ${list(room.mayImport)}`];
	if (room.mayImportTypes !== undefined) lines.push(`May import types from: ${list(room.mayImportTypes)}`);
	if (room.neverImportedBy !== undefined) lines.push(`Never imported by: ${list(room.neverImportedBy)}`);
	if (room.publicFace !== undefined) lines.push(`Public face: ${list(room.publicFace)}`);
	if (room.mayUsePackages !== undefined) lines.push(`May use packages: ${list(room.mayUsePackages)}`);
	if (room.notes !== undefined) lines.push("", room.notes);
	return `${lines.join("\n")}\n`;
}

/**
 * Writes a repository into a fresh temporary folder (removed after the test file): `rooms` become
 * src/<name>/README.md (web → web/README.md), `files` are written as given. Returns its root.
 */
export function fakeTree(rooms: Record<string, FakeRoom>, files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), "entente-rooms-"));
	after(() => rmSync(root, { recursive: true, force: true }));
	const all: Record<string, string> = {
		"package.json": JSON.stringify({ imports: { "#src/*": "./src/*", "#test/*": "./test/*" } }),
		...Object.fromEntries(
			Object.entries(rooms).map(([name, room]) => [
				name === "web" ? "web/README.md" : `src/${name}/README.md`,
				roomReadme(name, room),
			]),
		),
		...files,
	};
	for (const [path, text] of Object.entries(all)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	return root;
}

function list(items: readonly string[] | undefined): string {
	return items === undefined || items.length === 0 ? "nothing" : items.join(", ");
}
