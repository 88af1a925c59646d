// Inputs an operator can name: a file, a folder of .json files (recursively), or "-" for standard input.
import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { AppError } from "../errors/index.ts";

/** One input to read: a name for reports, its size when known, and its bytes. */
export interface InputSource {
	name: string;
	/** Bytes, when known up front (files); undefined for standard input. */
	size: number | undefined;
	open(): AsyncIterable<Uint8Array>;
}

const CHUNK_BYTES = 1 << 20;

/** Resolves a path argument to its inputs, in a stable (sorted) order. */
export function listSources(
	argument: string,
	stdin: AsyncIterable<Uint8Array> = process.stdin,
): InputSource[] {
	if (argument === "-") return [{ name: "(stdin)", size: undefined, open: () => stdin }];
	const path = resolve(argument);
	if (!existsSync(path)) {
		throw new AppError("E_INPUT_NOT_FOUND", `${argument} does not exist; name a .json file, a folder or '-'`);
	}
	const files = statSync(path).isDirectory() ? jsonFilesUnder(path) : [path];
	return files.map((file) => ({
		name: file,
		size: statSync(file).size,
		open: () => createReadStream(file, { highWaterMark: CHUNK_BYTES }),
	}));
}

function jsonFilesUnder(folder: string): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
		a.name.localeCompare(b.name),
	)) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) found.push(...jsonFilesUnder(path));
		else if (entry.isFile() && entry.name.endsWith(".json")) found.push(path);
	}
	return found;
}

/** Counts bytes as they pass, for progress. */
export async function* counted(
	chunks: AsyncIterable<Uint8Array>,
	onBytes: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
	for await (const chunk of chunks) {
		onBytes(chunk.byteLength);
		yield chunk;
	}
}
