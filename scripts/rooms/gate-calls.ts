// Which source files ask the egress gate: a call `gate.releasePage(`, `gate.release(`, `gate.explain(` or
// `gate.preview(` on anything named `gate` (`services.gate`, `node.gate`, `context.gate`), comments excluded.
// The architecture map must name each of them as an exit (test/architecture-map.test.ts).
import { tokenize } from "./scan-imports.ts";

/** The gate's methods whose answers leave the node (policy/gate's `EgressGate`). */
export const GATE_METHODS = ["releasePage", "release", "explain", "preview"] as const;

/**
 * The gate methods `source` calls, in order of first call; `[]` when it never asks the gate.
 * @example gateCalls("const page = await services.gate.releasePage(viewer, versions);") // ["releasePage"]
 */
export function gateCalls(source: string): string[] {
	const tokens = tokenize(source);
	const called = new Set<string>();
	for (let i = 0; i + 3 < tokens.length; i++) {
		const [gate, dot, method, open] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
		if (gate?.kind !== "word" || gate.text !== "gate" || dot?.text !== "." || open?.text !== "(") continue;
		if ((GATE_METHODS as readonly string[]).includes(method?.text ?? "")) called.add(method?.text as string);
	}
	return [...called];
}
