// Turns a path inside a policy file (["agreements", "jcat", "parties", 2]) into the line and column a person edits.
import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { z } from "zod";

/** One problem in a policy file, where it is and what to do about it. */
export interface PolicyFileError {
	/** 1-based. */
	line: number;
	/** 1-based. */
	column: number;
	/** Where in the document: `agreements.jcat.parties[2]`; "" for the whole file. */
	path: string;
	message: string;
}

export type PathSegment = string | number;

/** Collects located errors; `at` points at a value, `atKey` at the key naming it (unknown or duplicate keys). */
export interface ErrorSink {
	at(path: readonly PathSegment[], message: string): void;
	atKey(path: readonly PathSegment[], message: string): void;
	/** Reports every issue of a failed zod parse of the value at `base`. */
	zodIssues(base: readonly PathSegment[], issues: readonly z.core.$ZodIssue[], value: unknown): void;
	readonly errors: PolicyFileError[];
}

/** An error sink over a parsed YAML document. */
export function createErrorSink(document: Document, lineCounter: LineCounter): ErrorSink {
	const errors: PolicyFileError[] = [];
	const push = (path: readonly PathSegment[], message: string, key: boolean): void => {
		const offset = offsetOf(document, path, key);
		const { line, col } = lineCounter.linePos(offset);
		errors.push({ line, column: col, path: formatPath(path), message });
	};
	const sink: ErrorSink = {
		errors,
		at: (path, message) => push(path, message, false),
		atKey: (path, message) => push(path, message, true),
		zodIssues(base, issues, value) {
			for (const issue of issues) {
				const path = [...base, ...(issue.path as PathSegment[])];
				if (issue.code === "unrecognized_keys") {
					for (const key of issue.keys) sink.atKey([...path, key], `unknown key "${key}"; ${issue.message}`);
					continue;
				}
				const found = valueAt(value, issue.path as PathSegment[]);
				if (found === undefined && path.length > 0) {
					// Reported on the key of the map that lacks it, where the missing line belongs.
					const parent = path.slice(0, -1);
					const message = `missing required key "${String(path.at(-1))}"`;
					if (parent.length === 0) sink.at(parent, message);
					else sink.atKey(parent, message);
					continue;
				}
				sink.at(path, describeIssue(issue, found));
			}
		},
	};
	return sink;
}

/** `agreements.jcat.parties[2]`. */
export function formatPath(path: readonly PathSegment[]): string {
	return path
		.map((segment, index) =>
			typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
		)
		.join("");
}

function describeIssue(issue: z.core.$ZodIssue, found: unknown): string {
	switch (issue.code) {
		case "invalid_type":
			return `expected ${article(issue.expected)}, got ${describeValue(found)}`;
		case "invalid_value":
			return issue.values.length === 1
				? `expected ${JSON.stringify(issue.values[0])}, got ${describeValue(found)}`
				: `${describeValue(found)} is not allowed; expected one of: ${issue.values.map(String).join(", ")}`;
		case "too_small":
			if (issue.origin === "array") return `must list at least ${issue.minimum} item(s)`;
			if (issue.origin === "string") return "must not be empty";
			return `must be at least ${issue.minimum}`;
		default:
			return issue.message;
	}
}

function article(type: string): string {
	const names: Record<string, string> = { object: "a map", array: "a list", int: "a whole number" };
	return names[type] ?? (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
}

function describeValue(value: unknown): string {
	if (value === null) return "null";
	if (Array.isArray(value)) return "a list";
	if (typeof value === "object") return "a map";
	if (typeof value === "string") return JSON.stringify(value);
	if (typeof value === "number" && !Number.isInteger(value)) return `the number ${value}`;
	return `${typeof value} ${String(value)}`;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
	let current = value;
	for (const segment of path) {
		if (current === null || typeof current !== "object") return undefined;
		current = Object.hasOwn(current, segment)
			? (current as Record<PathSegment, unknown>)[segment]
			: undefined;
	}
	return current;
}

/**
 * The source offset of the node at `path`, or of the deepest node that exists on the way (a missing
 * key is reported on the map that lacks it). With `key`, the last segment's key rather than its value.
 */
function offsetOf(document: Document, path: readonly PathSegment[], key: boolean): number {
	let node: Node | null | undefined = document.contents;
	let offset = node?.range?.[0] ?? 0;
	for (const [index, segment] of path.entries()) {
		const last = index === path.length - 1;
		if (isMap(node)) {
			const pair = node.items.find(
				(item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
			);
			if (pair === undefined) return offset;
			const keyNode = pair.key as Node;
			if (last && key) return keyNode.range?.[0] ?? offset;
			node = pair.value as Node | null;
			// `key:` with nothing after it has no value node: point at the key.
			offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
		} else if (isSeq(node) && typeof segment === "number") {
			const item = node.items[segment] as Node | undefined;
			if (item === undefined) return offset;
			node = item;
			offset = item.range?.[0] ?? offset;
		} else {
			return offset;
		}
	}
	return offset;
}
