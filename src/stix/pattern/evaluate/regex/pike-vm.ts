// A Thompson/Pike virtual machine: runs a compiled regex over a text in time proportional to text × program.

import type { Budget } from "../budget.ts";
import { type AssertKind, parseRegex, type Ranges, type RegexNode, RegexSyntaxError } from "./syntax.ts";

type Instruction =
	| { op: "set"; ranges: Ranges }
	| { op: "split"; x: number; y: number }
	| { op: "jump"; x: number }
	| { op: "assert"; what: AssertKind }
	| { op: "match" };

/** A regex ready to run; build it with compileRegex. */
export interface CompiledRegex {
	readonly source: string;
	readonly program: readonly Instruction[];
}

/** Largest program (instructions) compiled; `(a{1000}){1000}` would be a million. */
export const MAX_PROGRAM = 20_000;

/**
 * Compiles a MATCHES regex, or throws RegexSyntaxError naming what is unsupported or too large.
 * @example runRegex(compileRegex("^evil\\d+\\.com$"), "evil42.com", budget) // true
 */
export function compileRegex(source: string): CompiledRegex {
	const program: Instruction[] = [];
	emit(parseRegex(source), program, source);
	program.push({ op: "match" });
	return { source, program };
}

function emit(node: RegexNode, program: Instruction[], source: string): void {
	if (program.length > MAX_PROGRAM) {
		throw new RegexSyntaxError(
			`regular expression '${source.slice(0, 40)}' compiles to more than ${MAX_PROGRAM.toLocaleString("en")} instructions; use smaller repetition counts`,
		);
	}
	switch (node.kind) {
		case "empty":
			return;
		case "set":
			program.push({ op: "set", ranges: node.ranges });
			return;
		case "assert":
			program.push({ op: "assert", what: node.what });
			return;
		case "concat":
			for (const item of node.items) emit(item, program, source);
			return;
		case "alternation":
			emitAlternation(node.items, program, source);
			return;
		case "repeat":
			emitRepeat(node, program, source);
			return;
	}
}

function emitAlternation(items: RegexNode[], program: Instruction[], source: string): void {
	const jumps: { op: "jump"; x: number }[] = [];
	items.forEach((item, i) => {
		if (i === items.length - 1) {
			emit(item, program, source);
			return;
		}
		const split = { op: "split" as const, x: program.length + 1, y: 0 };
		program.push(split);
		emit(item, program, source);
		const jump = { op: "jump" as const, x: 0 };
		jumps.push(jump);
		program.push(jump);
		split.y = program.length;
	});
	for (const jump of jumps) jump.x = program.length;
}

function emitRepeat(
	node: Extract<RegexNode, { kind: "repeat" }>,
	program: Instruction[],
	source: string,
): void {
	for (let i = 0; i < node.min; i++) emit(node.node, program, source);
	if (node.max === Number.POSITIVE_INFINITY) {
		const split = { op: "split" as const, x: program.length + 1, y: 0 };
		const loop = program.length;
		program.push(split);
		emit(node.node, program, source);
		program.push({ op: "jump", x: loop });
		split.y = program.length;
		return;
	}
	const splits: { op: "split"; x: number; y: number }[] = [];
	for (let i = node.min; i < node.max; i++) {
		const split = { op: "split" as const, x: program.length + 1, y: 0 };
		splits.push(split);
		program.push(split);
		emit(node.node, program, source);
	}
	for (const split of splits) split.y = program.length;
}

function inRanges(ranges: Ranges, cp: number): boolean {
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const [a, b] = ranges[mid] as readonly [number, number];
		if (cp < a) hi = mid - 1;
		else if (cp > b) lo = mid + 1;
		else return true;
	}
	return false;
}

function isWord(cp: number | undefined): boolean {
	return (
		cp !== undefined &&
		((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || cp === 0x5f || (cp >= 0x61 && cp <= 0x7a))
	);
}

/**
 * Whether the regex matches anywhere in `text` (a search, as §9.6.1 requires). Work is at most
 * (code points + 1) × program length steps, charged to `budget` as it goes.
 */
export function runRegex(regex: CompiledRegex, text: string, budget: Budget): boolean {
	const chars = codePoints(text);
	const size = regex.program.length;
	let current = new Int32Array(size);
	let next = new Int32Array(size);
	let currentCount = 0;
	const seen = new Int32Array(size).fill(-1);
	const stack = new Int32Array(size * 2 + 2);
	const what = `MATCHES '${regex.source.slice(0, 40)}'`;

	const add = (list: Int32Array, count: number, start: number, pos: number): number => {
		let n = count;
		let top = 0;
		stack[top++] = start;
		while (top > 0) {
			const pc = stack[--top] as number;
			if (seen[pc] === pos) continue;
			seen[pc] = pos;
			const inst = regex.program[pc] as Instruction;
			if (inst.op === "jump") stack[top++] = inst.x;
			else if (inst.op === "split") {
				stack[top++] = inst.y;
				stack[top++] = inst.x;
			} else if (inst.op === "assert") {
				if (holds(inst.what, chars, pos)) stack[top++] = pc + 1;
			} else list[n++] = pc;
		}
		return n;
	};

	for (let pos = 0; pos <= chars.length; pos++) {
		currentCount = add(current, currentCount, 0, pos);
		budget.charge(currentCount + 1, what);
		let nextCount = 0;
		const cp = chars[pos];
		for (let i = 0; i < currentCount; i++) {
			const pc = current[i] as number;
			const inst = regex.program[pc] as Instruction;
			if (inst.op === "match") return true;
			if (inst.op === "set" && cp !== undefined && inRanges(inst.ranges, cp)) {
				nextCount = add(next, nextCount, pc + 1, pos + 1);
			}
		}
		[current, next] = [next, current];
		currentCount = nextCount;
	}
	return false;
}

function holds(what: AssertKind, chars: readonly number[], pos: number): boolean {
	switch (what) {
		case "start":
			return pos === 0;
		case "end":
			return pos === chars.length;
		case "end-or-newline":
			return pos === chars.length || (pos === chars.length - 1 && chars[pos] === 0x0a);
		case "word":
			return isWord(chars[pos - 1]) !== isWord(chars[pos]);
		case "not-word":
			return isWord(chars[pos - 1]) === isWord(chars[pos]);
	}
}

function codePoints(text: string): number[] {
	const out: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.codePointAt(i) as number;
		out.push(c);
		if (c > 0xffff) i++;
	}
	return out;
}
