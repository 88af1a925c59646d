// The oracle that needs no model of the gate: strings planted in what attackers and honest parties write, each
// with who may ever read it. Any answer to anyone else that contains one is a leak, whatever path it came by.
import assert from "node:assert/strict";
import type { ModelWorld } from "./entitlement-model.ts";

export interface Canary {
	/** A string no one writes by chance: `cnry` + the run's tag + a number + `x` (none is a part of another). */
	text: string;
	/** What planted it, for the failure message. */
	what: string;
	/** Whether `party` may read it in `world` (evaluated at each check: entitlements change with the policy). */
	may(world: ModelWorld, party: string): boolean;
}

/** Answers checked for canaries so far, for the test's closing line. */
export const scanned = { answers: 0 };

/** Plants a canary nobody may ever read (refused content) and returns its text. */
export function plantCanary(
	model: { tag: string; canaries: Canary[] },
	what: string,
	may: Canary["may"] = () => false,
): string {
	// Closed by a letter, so that canary n1 is not a part of canary n10.
	const text = `cnry${model.tag}n${model.canaries.length}x`;
	model.canaries.push({ text, what, may });
	return text;
}

/** Fails when `text`, an answer to `party`, carries a canary `party` may not read. */
export function expectNoCanary(
	label: string,
	text: string,
	world: ModelWorld,
	party: string,
	canaries: readonly Canary[],
): void {
	scanned.answers++;
	for (const canary of canaries)
		if (text.includes(canary.text) && !canary.may(world, party))
			assert.fail(
				`${label}: the answer carries a canary of ${canary.what}: ${process.env.CANARY_DEBUG ? text : ""}`,
			);
}
