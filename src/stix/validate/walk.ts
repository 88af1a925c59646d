// The state of one validation run: the issues found so far and the path to the value being checked.
import type { ValidationIssue } from "../core.ts";
import type { IssueCode } from "./issue-codes.ts";

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Collects issues while a validator descends through an object. The path is a stack of segments
 * that is only turned into a string when an issue is reported, so a clean object costs no string
 * building at all.
 */
export class Walk {
	readonly issues: ValidationIssue[] = [];
	private readonly segments: Array<string | number> = [];

	/** Descends into a property name or a list index. */
	enter(segment: string | number): void {
		this.segments.push(segment);
	}

	leave(): void {
		this.segments.pop();
	}

	/** Reports an error at the current path, or at the current path plus `child` when given. */
	error(code: IssueCode, message: string, child?: string | number): void {
		this.issues.push({ path: this.path(child), code, message, severity: "error" });
	}

	/** Reports a warning at the current path (plus `child`). */
	warn(code: IssueCode, message: string, child?: string | number): void {
		this.issues.push({ path: this.path(child), code, message, severity: "warning" });
	}

	/** Adds issues of a sub-object validated on its own, re-rooting their paths at the current path. */
	adopt(issues: readonly ValidationIssue[]): void {
		if (issues.length === 0) return;
		const prefix = this.path();
		for (const issue of issues) this.issues.push({ ...issue, path: prefix + issue.path.slice(1) });
	}

	private path(child?: string | number): string {
		let out = "$";
		for (const segment of this.segments) out += formatSegment(segment);
		if (child !== undefined) out += formatSegment(child);
		return out;
	}
}

function formatSegment(segment: string | number): string {
	if (typeof segment === "number") return `[${segment}]`;
	return PLAIN_KEY.test(segment) ? `.${segment}` : `['${segment.replaceAll("'", "\\'")}']`;
}

/** One step of an issue path as `pathSegments` reads it: `.name`, `['odd name']` or `[index]`. */
const SEGMENT = String.raw`\.([A-Za-z_][A-Za-z0-9_]*)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]`;

/**
 * The segments of an issue path (the inverse of how Walk writes them), for callers that locate issues as
 * lists (`["pattern"]`, `["granular_markings", 0, "marking_ref"]`); a path it cannot read is one segment.
 * @example pathSegments("$.external_references[2].url") // ["external_references", 2, "url"]
 */
export function pathSegments(path: string): (string | number)[] {
	if (!path.startsWith("$")) return [path];
	const segments: (string | number)[] = [];
	const step = new RegExp(SEGMENT, "y"); // sticky: each step must start where the last one ended
	step.lastIndex = 1;
	while (step.lastIndex < path.length) {
		const at = step.lastIndex;
		const match = step.exec(path);
		if (match === null) return [...segments, path.slice(at)];
		const [, name, quoted, index] = match;
		if (name !== undefined) segments.push(name);
		else if (quoted !== undefined) segments.push(quoted.replaceAll("\\'", "'"));
		else segments.push(Number(index));
	}
	return segments;
}
