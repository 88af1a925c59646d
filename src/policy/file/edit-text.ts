// Splicing one value into a policy file's text: only the edited value's characters change, every comment, blank
// line and the layout of everything else stay as written (the `yaml` Document gives the ranges; D63).
import { type Document, isCollection, isMap, isPair, isScalar, type Node, stringify } from "yaml";

/** A text change: replace [start, end) with `insert`. */
export interface Splice {
	start: number;
	end: number;
	insert: string;
}

/** Applies one splice. */
export function applySplice(text: string, { start, end, insert }: Splice): string {
	return text.slice(0, start) + insert + text.slice(end);
}

/** The node at `path` (keys as written), or undefined. */
export function nodeAt(document: Document, path: readonly string[]): Node | undefined {
	const node = document.getIn(path, true);
	return isScalar(node) || isCollection(node) ? (node as Node) : undefined;
}

/** A scalar as YAML writes it on one line (quoted only when it must be). */
function scalarText(value: unknown): string {
	return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A value on one line: scalars plain, lists `[a, b]`, maps `{ k: v }`. */
export function flowText(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(flowText).join(", ")}]`;
	if (typeof value === "object" && value !== null) {
		const pairs = Object.entries(value).filter(([, item]) => item !== undefined);
		return `{ ${pairs.map(([key, item]) => `${key}: ${flowText(item)}`).join(", ")} }`;
	}
	return scalarText(value);
}

/**
 * A map's fields as block lines at `indent` spaces: scalars, lists and small maps on their key's line (flow), a
 * list of maps as one `- { … }` line per item, as the reference scenario writes them.
 */
export function blockLines(fields: Record<string, unknown>, indent: number): string[] {
	const pad = " ".repeat(indent);
	const lines: string[] = [];
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		if (Array.isArray(value) && value.some((item) => typeof item === "object" && item !== null)) {
			lines.push(`${pad}${key}:`);
			for (const item of value) lines.push(`${pad}  - ${flowText(item)}`);
		} else lines.push(`${pad}${key}: ${flowText(value)}`);
	}
	return lines;
}

function lineStart(text: string, offset: number): number {
	return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The column a block map's keys start at. */
function keyColumn(text: string, map: Node): number {
	const first = isMap(map) ? map.items[0] : undefined;
	const start = (isPair(first) && isScalar(first.key) ? first.key.range?.[0] : map.range?.[0]) ?? 0;
	return start - lineStart(text, start);
}

/**
 * Sets `key` of the map at `mapPath` to `value`: the old value's characters replaced (a flow value stays on its
 * line, a block map's fields stay block), or a new `key: value` line after the map's last field (in a flow map,
 * `, key: value` before its `}`).
 */
export function setKey(
	text: string,
	document: Document,
	mapPath: readonly string[],
	key: string,
	value: unknown,
): Splice {
	const map = nodeAt(document, mapPath);
	if (!isMap(map) || map.range == null) throw new Error(`${mapPath.join(".")} is not a map`);
	const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
	const old = pair?.value as Node | null | undefined;
	if (old?.range != null) {
		const [start, end] = old.range;
		if (isMap(old) && !old.flow && typeof value === "object" && value !== null && !Array.isArray(value)) {
			const column = keyColumn(text, old);
			const lines = blockLines(value as Record<string, unknown>, column);
			return { start, end, insert: `${lines.join("\n").slice(column)}\n` };
		}
		return { start, end, insert: flowText(value) };
	}
	if (map.flow) {
		let close = map.range[1] - 1;
		while (close > 0 && text[close] !== "}") close--;
		let at = close;
		while (at > 0 && text[at - 1] === " ") at--;
		const separator = map.items.length === 0 ? " " : ", ";
		return { start: at, end: at, insert: `${separator}${key}: ${flowText(value)}` };
	}
	const end = map.range[1];
	const newline = end > 0 && text[end - 1] !== "\n" ? "\n" : "";
	const line = blockLines({ [key]: value }, keyColumn(text, map)).join("\n");
	return { start: end, end, insert: `${newline}${line}\n` };
}

/** Removes `key` of the map at `mapPath` (its whole line in a block map); nothing when it is absent. */
export function removeKey(
	text: string,
	document: Document,
	mapPath: readonly string[],
	key: string,
): Splice | undefined {
	const map = nodeAt(document, mapPath);
	if (!isMap(map)) return undefined;
	const index = map.items.findIndex((item) => isScalar(item.key) && String(item.key.value) === key);
	const pair = map.items[index];
	const keyStart = (pair?.key as Node | undefined)?.range?.[0];
	const valueRange = (pair?.value as Node | null | undefined)?.range;
	if (keyStart === undefined || valueRange == null) return undefined;
	if (!map.flow) return { start: lineStart(text, keyStart), end: valueRange[2], insert: "" };
	if (index > 0) {
		const previous = map.items[index - 1]?.value as Node | null | undefined;
		return { start: previous?.range?.[1] ?? keyStart, end: valueRange[1], insert: "" };
	}
	const next = map.items[index + 1]?.key as Node | undefined;
	return { start: keyStart, end: next?.range?.[0] ?? valueRange[1], insert: "" };
}

/**
 * Adds `key: entry` at the end of the block map `section` (a blank line before it when the map's entries are
 * separated by one), or the section itself at the end of the file when it is absent.
 */
export function appendEntry(
	text: string,
	document: Document,
	section: string,
	key: string,
	entry: Record<string, unknown>,
): Splice {
	const map = nodeAt(document, [section]);
	if (map === undefined) {
		const newline = text === "" || text.endsWith("\n") ? "" : "\n";
		const body = [`${section}:`, `  ${key}:`, ...blockLines(entry, 4)].join("\n");
		return { start: text.length, end: text.length, insert: `${newline}\n${body}\n` };
	}
	if (!isMap(map) || map.flow || map.range == null)
		throw new Error(`the ${section} section is not written as a block map`);
	const column = keyColumn(text, map);
	const end = map.range[1];
	const newline = end > 0 && text[end - 1] !== "\n" ? "\n" : "";
	const blank = separatedByBlankLines(text, map) ? "\n" : "";
	const body = [`${" ".repeat(column)}${key}:`, ...blockLines(entry, column + 2)].join("\n");
	return { start: end, end, insert: `${newline}${blank}${body}\n` };
}

function separatedByBlankLines(text: string, map: Node): boolean {
	if (!isMap(map) || map.items.length < 2) return false;
	const second = map.items[1]?.key as Node | undefined;
	const start = second?.range?.[0];
	if (start === undefined) return false;
	const before = lineStart(text, start);
	return before >= 2 && text.slice(lineStart(text, before - 1), before).trim() === "";
}

/** Whether `path` names an entry of the document (a map). */
export function hasMap(document: Document, path: readonly string[]): boolean {
	return isMap(nodeAt(document, path));
}
