// What to offer at the cursor in a policy file: the keys the schema allows in the map the cursor is in, or the enum
// values of the key it is after. Reads YAML by its indentation (a block-style file such as the policy's), not a parser.
import type { JsonSchema } from "./policy-api.ts";

/** One completion: a key (with its description) or a value. */
export interface SchemaOption {
	label: string;
	kind: "key" | "value";
	detail?: string;
}

/** What the cursor is typing: a key in the map at `path`, or the value of `path`'s last key. */
export interface CursorPlace {
	kind: "key" | "value";
	/** Keys from the root; list items are "[]". */
	path: string[];
	/** The characters already typed of the word being completed. */
	word: string;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)([A-Za-z0-9_.+-]+):(?=\s|$)(.*)$/;
const TYPING_KEY = /^(\s*)((?:-\s+)*)([A-Za-z0-9_-]*)$/;
const TYPING_VALUE = /^(\s*)((?:-\s+)*)([A-Za-z0-9_.+-]+):\s+(\[(?:[^\]]*,)?\s*)?([A-Za-z0-9_+-]*)$/;

/** The keys enclosing a line that starts at `indent` (lines above, each less indented than the last). */
function parentPath(linesAbove: readonly string[], indent: number): string[] {
	const path: string[] = [];
	let limit = indent;
	for (let index = linesAbove.length - 1; index >= 0 && limit > 0; index--) {
		const line = linesAbove[index] ?? "";
		if (line.trim() === "" || line.trim().startsWith("#")) continue;
		const match = KEY_LINE.exec(line);
		const lineIndent = line.length - line.trimStart().length;
		if (lineIndent >= limit) continue;
		const dashes = (match?.[2] ?? /^\s*((?:-\s+)*)/.exec(line)?.[1] ?? "").length;
		if (match?.[3] !== undefined && lineIndent + dashes < limit) {
			if (match[4]?.trim() === "" || match[4]?.trim().startsWith("#")) path.unshift(match[3]);
			if (dashes > 0) path.unshift("[]");
		} else if (dashes > 0) path.unshift("[]");
		limit = lineIndent;
	}
	return path;
}

/**
 * Where the cursor is, from the text before it; undefined where nothing is offered (inside a comment, a quoted
 * string, a flow map).
 * @example cursorPlace(["agreements:", "  jcat:"], "    tlpCeiling: am") // { kind: "value", path: ["agreements", "jcat", "tlpCeiling"], word: "am" }
 */
export function cursorPlace(linesAbove: readonly string[], before: string): CursorPlace | undefined {
	if (before.includes("#") || before.includes('"') || before.includes("{")) return undefined;
	const key = TYPING_KEY.exec(before);
	if (key !== null) {
		const indent = (key[1]?.length ?? 0) + (key[2]?.length ?? 0);
		const parents = parentPath(linesAbove, indent);
		return { kind: "key", path: key[2] === "" ? parents : [...parents, "[]"], word: key[3] ?? "" };
	}
	const value = TYPING_VALUE.exec(before);
	if (value?.[3] !== undefined) {
		const indent = (value[1]?.length ?? 0) + (value[2]?.length ?? 0);
		const parents = parentPath(linesAbove, indent);
		const inList = value[2] === "" ? parents : [...parents, "[]"];
		const path = [...inList, value[3]];
		return { kind: "value", path: value[4] === undefined ? path : [...path, "[]"], word: value[5] ?? "" };
	}
	return undefined;
}

/** `schema` with its $ref followed (to $defs in `root`). */
function resolved(root: JsonSchema, schema: JsonSchema): JsonSchema {
	let current = schema;
	for (let hops = 0; current.$ref !== undefined && hops < 16; hops++) {
		const name = current.$ref.replace(/^#\/(\$defs|definitions)\//, "");
		const target = root.$defs?.[name] ?? root.definitions?.[name];
		if (target === undefined) return current;
		current = target;
	}
	return current;
}

/** The alternatives a schema allows (itself, or each of its anyOf/oneOf/allOf), resolved. */
function alternatives(root: JsonSchema, schema: JsonSchema): JsonSchema[] {
	const own = resolved(root, schema);
	const parts = [...(own.anyOf ?? []), ...(own.oneOf ?? []), ...(own.allOf ?? [])];
	return parts.length === 0 ? [own] : [own, ...parts.flatMap((part) => alternatives(root, part))];
}

/** The schemas a path may lead to from `root` ("[]" steps into a list's items; any other key into a map). */
export function schemasAt(root: JsonSchema, path: readonly string[]): JsonSchema[] {
	let current = alternatives(root, root);
	for (const step of path) {
		const next: JsonSchema[] = [];
		for (const schema of current) {
			const child =
				step === "[]"
					? schema.items
					: (schema.properties?.[step] ??
						(typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined));
			if (child !== undefined) next.push(...alternatives(root, child));
		}
		current = next;
	}
	return current;
}

/**
 * What to offer at `place`: the keys of the maps the path leads to (less those in `present`), or the enum and
 * const values of the key's schema; only those starting with the word typed.
 */
export function schemaOptions(
	root: JsonSchema,
	place: CursorPlace,
	present: ReadonlySet<string> = new Set(),
): SchemaOption[] {
	const options = new Map<string, SchemaOption>();
	for (const schema of schemasAt(root, place.path)) {
		if (place.kind === "key") {
			for (const [label, child] of Object.entries(schema.properties ?? {})) {
				if (present.has(label)) continue;
				const description = resolved(root, child).description ?? child.description;
				options.set(label, {
					label,
					kind: "key",
					...(description === undefined ? {} : { detail: description }),
				});
			}
		} else {
			const values = [...(schema.enum ?? []), ...(schema.const === undefined ? [] : [schema.const])];
			for (const value of values) {
				if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
					options.set(String(value), { label: String(value), kind: "value" });
				}
			}
		}
	}
	return [...options.values()].filter((option) => option.label.startsWith(place.word));
}

/** The keys already written in the map whose entries start at `indent` around the cursor's line. */
export function siblingKeys(lines: readonly string[], lineIndex: number, indent: number): Set<string> {
	const keys = new Set<string>();
	const collect = (index: number): boolean => {
		const line = lines[index] ?? "";
		if (line.trim() === "" || line.trim().startsWith("#")) return true;
		const lineIndent = line.length - line.trimStart().length;
		if (lineIndent < indent) return false;
		const match = KEY_LINE.exec(line);
		if (lineIndent === indent && match?.[3] !== undefined && match[2] === "") keys.add(match[3]);
		return !(lineIndent === indent && match?.[2] !== "" && match !== null);
	};
	for (let index = lineIndex - 1; index >= 0 && collect(index); index--);
	for (let index = lineIndex + 1; index < lines.length && collect(index); index++);
	return keys;
}
