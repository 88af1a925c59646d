// Finds every module specifier a TypeScript source names (import, export … from, import(), import type), with
// its line. A small tokenizer, not regular expressions over the text: comments, template literals and regex
// literals are skipped, so text that merely looks like an import (in a comment, a test's fake file, a regex)
// is never taken for one.

/** One module specifier named by a source file. */
export interface ImportSite {
	/** The specifier as written: `../store/index.ts`, `#src/stix/core.ts`, `node:fs`. */
	readonly specifier: string;
	/** 1-based line of the specifier. */
	readonly line: number;
	/** `import type …`, `export type … from`, or `import("…").Name` in a type position: erased at run time. */
	readonly typeOnly: boolean;
}

/** A word, a string literal's text or one punctuation character, with its line. */
export type Token =
	| { readonly kind: "word"; readonly text: string; readonly line: number }
	| { readonly kind: "string"; readonly text: string; readonly line: number }
	| { readonly kind: "punct"; readonly text: string; readonly line: number };

/**
 * Every module specifier of `source`, in order of appearance.
 * @example scanImports('import { a } from "./a.ts";\n// import "./b.ts"') // [{ specifier: "./a.ts", line: 1, typeOnly: false }]
 */
export function scanImports(source: string): ImportSite[] {
	const tokens = tokenize(source);
	const sites: ImportSite[] = [];
	let statementStart = -1;
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i] as Token;
		const previous = tokens[i - 1];
		const next = tokens[i + 1];
		// An import or export statement holds no `(` or `=` before its `from`: past one, a `from "…"` is text
		// (JSX, a call) that only looks like an import.
		if (token.kind === "punct" && STATEMENT_ENDS.has(token.text)) statementStart = -1;
		if (token.kind !== "word" || previous?.text === ".") continue;
		if (token.text === "import" || token.text === "export") {
			if (next?.kind === "string") {
				sites.push({ specifier: next.text, line: next.line, typeOnly: false });
			} else if (token.text === "import" && next?.text === "(" && tokens[i + 2]?.kind === "string") {
				const specifier = tokens[i + 2] as Token;
				const typeQuery = tokens[i + 3]?.text === ")" && tokens[i + 4]?.text === ".";
				sites.push({ specifier: specifier.text, line: specifier.line, typeOnly: typeQuery });
			} else {
				statementStart = i;
			}
		} else if (token.text === "from" && next?.kind === "string" && statementStart >= 0) {
			const typeOnly = tokens[statementStart + 1]?.text === "type";
			sites.push({ specifier: next.text, line: next.line, typeOnly });
			statementStart = -1;
		}
	}
	return sites;
}

const WORD = /[A-Za-z0-9_$]/;
const STATEMENT_ENDS = new Set([";", "(", "="]);
/** Words after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORDS = new Set([
	"return",
	"typeof",
	"case",
	"do",
	"else",
	"in",
	"of",
	"new",
	"delete",
	"void",
	"throw",
	"yield",
	"await",
]);

/** The source as words, string literals and punctuation; comments, templates and regex literals dropped. */
export function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let line = 1;
	let i = 0;
	/** Brace depth of each open `${` of a template literal, innermost last. */
	const templateDepths: number[] = [];
	let braceDepth = 0;
	const skipTo = (end: number): void => {
		for (; i < end; i++) if (source[i] === "\n") line++;
	};
	while (i < source.length) {
		const c = source[i] as string;
		const c2 = source[i + 1];
		if (c === "\n") {
			line++;
			i++;
		} else if (c === "/" && c2 === "/") {
			const end = source.indexOf("\n", i);
			skipTo(end === -1 ? source.length : end);
		} else if (c === "/" && c2 === "*") {
			const end = source.indexOf("*/", i + 2);
			skipTo(end === -1 ? source.length : end + 2);
		} else if (c === '"' || c === "'") {
			const start = line;
			let text = "";
			i++;
			while (i < source.length && source[i] !== c && source[i] !== "\n") {
				if (source[i] === "\\") i++;
				text += source[i];
				i++;
			}
			i++;
			tokens.push({ kind: "string", text, line: start });
		} else if (c === "`" || (c === "}" && templateDepths.at(-1) === braceDepth)) {
			if (c === "}") {
				templateDepths.pop();
				braceDepth--;
			} else tokens.push({ kind: "punct", text: "`", line });
			i++;
			i = skipTemplateText(i, templateDepths, braceDepth);
		} else if (c === "/" && regexMayStart(tokens.at(-1))) {
			skipRegex();
		} else if (WORD.test(c)) {
			let end = i;
			while (end < source.length && WORD.test(source[end] as string)) end++;
			tokens.push({ kind: "word", text: source.slice(i, end), line });
			i = end;
		} else {
			if (c === "{") braceDepth++;
			if (c === "}") braceDepth--;
			if (c.trim() !== "") tokens.push({ kind: "punct", text: c, line });
			i++;
		}
	}
	return tokens;

	/** Skips template text up to its closing backtick or the next `${`, whose depth it records. */
	function skipTemplateText(from: number, depths: number[], depth: number): number {
		let j = from;
		while (j < source.length) {
			const t = source[j];
			if (t === "\\") j += 2;
			else if (t === "`") return j + 1;
			else if (t === "$" && source[j + 1] === "{") {
				depths.push(depth + 1);
				braceDepth = depth + 1;
				return j + 2;
			} else {
				if (t === "\n") line++;
				j++;
			}
		}
		return j;
	}

	/** Skips a regular expression literal, character classes included (a `/` inside `[…]` does not end it). */
	function skipRegex(): void {
		let inClass = false;
		i++;
		while (i < source.length && source[i] !== "\n") {
			const r = source[i];
			if (r === "\\") i++;
			else if (r === "[") inClass = true;
			else if (r === "]") inClass = false;
			else if (r === "/" && !inClass) break;
			i++;
		}
		i++;
		while (i < source.length && WORD.test(source[i] as string)) i++;
	}
}

/** Punctuation that ends a value (a `/` after it divides). */
const VALUE_ENDS = new Set([")", "]", "}", "`"]);

/** Whether a `/` after `previous` begins a regular expression (not a division). */
function regexMayStart(previous: Token | undefined): boolean {
	if (previous === undefined) return true;
	if (previous.kind === "string") return false;
	if (previous.kind === "word") return REGEX_AFTER_WORDS.has(previous.text);
	return !VALUE_ENDS.has(previous.text);
}
