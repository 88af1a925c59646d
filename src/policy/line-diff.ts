// A line diff of two policy texts (Myers' O((N+M)D) algorithm), for `GET /policy/diff` and `entente policy diff`.

/** One line of a diff: kept (`=`), added (`+`) or removed (`-`); line numbers are 1-based. */
export interface DiffLine {
	op: "=" | "+" | "-";
	/** The line without its newline. */
	text: string;
	/** Its line in the old text (`=` and `-`). */
	fromLine?: number;
	/** Its line in the new text (`=` and `+`). */
	toLine?: number;
	/** The text's last line, with no newline after it. */
	noNewline?: true;
}

/** Past this many differing lines (after the common head and tail) the middle is given as removed then added. */
const MAX_EDITS = 2000;

interface Line {
	/** The line with its newline, if any: what is compared. */
	key: string;
	text: string;
	newline: boolean;
}

function linesOf(text: string): Line[] {
	const lines: Line[] = [];
	let start = 0;
	while (start < text.length) {
		const end = text.indexOf("\n", start);
		const stop = end === -1 ? text.length : end + 1;
		const key = text.slice(start, stop);
		lines.push({ key, text: end === -1 ? key : key.slice(0, -1), newline: end !== -1 });
		start = stop;
	}
	return lines;
}

/**
 * The lines of `from` and `to` in order, each kept, removed or added: a shortest edit script when at most 2,000
 * lines differ, otherwise a correct but longer one. The `+` and `=` lines (each followed by a newline unless
 * `noNewline`) give `to` back exactly, the `-` and `=` lines `from`.
 * @example diffLines("a\nb\n", "a\nc\n") // [{ op: "=", text: "a", fromLine: 1, toLine: 1 }, { op: "-", text: "b", fromLine: 2 }, { op: "+", text: "c", toLine: 2 }]
 */
export function diffLines(from: string, to: string): DiffLine[] {
	const a = linesOf(from);
	const b = linesOf(to);
	let head = 0;
	while (head < a.length && head < b.length && a[head]?.key === b[head]?.key) head++;
	let tail = 0;
	while (
		tail < a.length - head &&
		tail < b.length - head &&
		a[a.length - 1 - tail]?.key === b[b.length - 1 - tail]?.key
	)
		tail++;
	const script: DiffLine[] = [];
	const keep = (i: number, j: number): void => {
		script.push(line("=", a[i] as Line, i, j));
	};
	for (let i = 0; i < head; i++) keep(i, i);
	const middle = editScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
	for (const [op, i, j] of middle) {
		if (op === "=") keep(head + i, head + j);
		else if (op === "-") script.push(line("-", a[head + i] as Line, head + i, undefined));
		else script.push(line("+", b[head + j] as Line, undefined, head + j));
	}
	for (let k = tail; k > 0; k--) keep(a.length - k, b.length - k);
	return script;
}

function line(op: DiffLine["op"], source: Line, i: number | undefined, j: number | undefined): DiffLine {
	return {
		op,
		text: source.text,
		...(i === undefined ? {} : { fromLine: i + 1 }),
		...(j === undefined ? {} : { toLine: j + 1 }),
		...(source.newline ? {} : { noNewline: true as const }),
	};
}

type Step = readonly ["=" | "-" | "+", number, number];

/** Myers' greedy forward search, keeping each round's frontier to walk the path back. */
function editScript(a: readonly Line[], b: readonly Line[]): Step[] {
	const n = a.length;
	const m = b.length;
	const max = Math.min(n + m, MAX_EDITS);
	const offset = max + 1;
	const frontier = new Int32Array(2 * max + 3);
	const rounds: Int32Array[] = [];
	for (let d = 0; d <= max; d++) {
		for (let k = -d; k <= d; k += 2) {
			const down = k === -d || (k !== d && (frontier[offset + k - 1] ?? 0) < (frontier[offset + k + 1] ?? 0));
			let x = down ? (frontier[offset + k + 1] ?? 0) : (frontier[offset + k - 1] ?? 0) + 1;
			let y = x - k;
			while (x < n && y < m && a[x]?.key === b[y]?.key) {
				x++;
				y++;
			}
			frontier[offset + k] = x;
			if (x >= n && y >= m) {
				rounds.push(frontier.slice(offset - d, offset + d + 1));
				return walkBack(rounds, n, m);
			}
		}
		// Round d's frontier holds diagonals -d..d: kept as that slice only (index k + d), O(D²) memory in all.
		rounds.push(frontier.slice(offset - d, offset + d + 1));
	}
	return replaceAll(n, m);
}

function walkBack(rounds: readonly Int32Array[], n: number, m: number): Step[] {
	const steps: Step[] = [];
	let x = n;
	let y = m;
	for (let d = rounds.length - 1; d > 0; d--) {
		const previous = rounds[d - 1] as Int32Array;
		const at = (diagonal: number): number => previous[diagonal + d - 1] ?? 0;
		const k = x - y;
		const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
		const priorK = down ? k + 1 : k - 1;
		const priorX = at(priorK);
		const priorY = priorX - priorK;
		// The move lands on (priorX, priorY + 1) going down (a line of b added), (priorX + 1, priorY) going right.
		const snakeX = down ? priorX : priorX + 1;
		while (x > snakeX) {
			x--;
			y--;
			steps.push(["=", x, y]);
		}
		steps.push(down ? ["+", priorX, priorY] : ["-", priorX, priorY]);
		x = priorX;
		y = priorY;
	}
	while (x > 0 && y > 0) {
		x--;
		y--;
		steps.push(["=", x, y]);
	}
	return steps.reverse();
}

function replaceAll(n: number, m: number): Step[] {
	const steps: Step[] = [];
	for (let i = 0; i < n; i++) steps.push(["-", i, 0]);
	for (let j = 0; j < m; j++) steps.push(["+", 0, j]);
	return steps;
}
