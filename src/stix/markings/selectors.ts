// Granular-marking selectors (STIX 2.1 §7.2.3.1): one reading of `a.b.[0].c` for validation and for the egress gate.

/** One step of a selector: a property (or dictionary key) name, or a zero-based list index. */
export type SelectorStep = string | number;

const INDEX = /^\[(\d+)\]$/;

/**
 * The steps of a selector, or undefined when it has an empty step or a malformed index (`[]`, `[-1]`, `[1.5]`).
 * @example selectorSteps("kill_chain_phases.[1].phase_name") // ["kill_chain_phases", 1, "phase_name"]
 */
export function selectorSteps(selector: string): SelectorStep[] | undefined {
	const steps: SelectorStep[] = [];
	for (const step of selector.split(".")) {
		if (step.length === 0) return undefined;
		const index = INDEX.exec(step);
		if (index !== null) steps.push(Number(index[1]));
		else if (step.startsWith("[") || step.endsWith("]")) return undefined;
		else steps.push(step);
	}
	return steps;
}

/** A selector as written from its steps (the inverse of `selectorSteps`). */
export function selectorOf(steps: readonly SelectorStep[]): string {
	return steps.map((step) => (typeof step === "number" ? `[${step}]` : step)).join(".");
}

export type SelectorResolution = { ok: true; value: unknown } | { ok: false; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What `selector` selects in `object`, or why it selects nothing, naming the step that fails. A selector
 * must name content actually present (§7.2.3.1): a missing property, an index past the end of its list,
 * an index into a non-list or a name into a list all fail.
 * @example resolveSelector({ labels: ["a"] }, "labels.[1]") // { ok: false, problem: "labels has 1 item, no [1]" }
 */
export function resolveSelector(object: Record<string, unknown>, selector: string): SelectorResolution {
	const steps = selectorSteps(selector);
	if (steps === undefined)
		return { ok: false, problem: "it is not property names and [n] indexes joined by dots" };
	let node: unknown = object;
	for (let i = 0; i < steps.length; i++) {
		const step = steps[i] as SelectorStep;
		const where = i === 0 ? "the object" : selectorOf(steps.slice(0, i));
		if (typeof step === "number") {
			if (!Array.isArray(node))
				return { ok: false, problem: `${where} is not a list, so [${step}] selects nothing` };
			if (step >= node.length)
				return {
					ok: false,
					problem: `${where} has ${node.length} item${node.length === 1 ? "" : "s"}, no [${step}]`,
				};
			node = node[step];
		} else {
			if (!isRecord(node))
				return {
					ok: false,
					problem: Array.isArray(node)
						? `${where} is a list: select an item with [n] before "${step}"`
						: `${where} has no properties, so "${step}" selects nothing`,
				};
			if (!Object.hasOwn(node, step)) return { ok: false, problem: `${where} has no property "${step}"` };
			node = node[step];
		}
	}
	return { ok: true, value: node };
}
