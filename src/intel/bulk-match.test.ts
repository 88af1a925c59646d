// Bulk matching answers a value repeated in one request once: the same rows as when each is asked alone, each id
// released once, and only what the release confirms.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../stix/core.ts";
import { type MatchRow, matchValues } from "./bulk-match.ts";
import { ObservableIndex } from "./index/observable-index.ts";
import type { MatchInput } from "./match.ts";

const SHOWN = "indicator--a1111111-1111-4111-8111-111111111111";
const HIDDEN = "indicator--b2222222-2222-4222-8222-222222222222";

function indicator(id: string, value: string): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id,
		pattern: `[ipv4-addr:value = '${value}']`,
		pattern_type: "stix",
	} as StixObject;
}

async function rowsOf(
	index: ObservableIndex,
	inputs: MatchInput[],
	released: string[][],
): Promise<MatchRow[]> {
	const release = async (ids: readonly string[]) => {
		released.push([...ids]);
		// The gate withholds HIDDEN: it must never be answered, however often its value is asked.
		return new Map(
			ids
				.filter((id) => id !== HIDDEN)
				.map((id) => [id, indicator(id, id === SHOWN ? "10.0.0.1" : "10.0.0.2")]),
		);
	};
	const rows: MatchRow[] = [];
	for await (const chunk of matchValues(index, inputs, release, { related: true, listed: 10, chunk: 3 }))
		rows.push(...chunk);
	return rows;
}

describe("bulk matching", () => {
	it("answers a repeated value as it answers it alone, releasing each id once per request", async () => {
		const index = new ObservableIndex();
		index.put(indicator(SHOWN, "10.0.0.1"));
		index.put(indicator(HIDDEN, "10.0.0.2"));
		const inputs: MatchInput[] = [
			"10.0.0.1",
			"10.0.0.2",
			"10.0.0.1",
			{ kind: "ipv4", value: "10.0.0.1" },
			"10.0.0.2",
			"10.0.0.1",
			"junk value",
			"10.0.0.1",
		];
		const released: string[][] = [];
		const rows = await rowsOf(index, inputs, released);
		const alone = await Promise.all(inputs.map(async (input) => (await rowsOf(index, [input], []))[0]));
		assert.deepEqual(rows, alone);
		assert.deepEqual(
			rows.map((row) => row.matches.map((hit) => hit.id)),
			[[SHOWN], [], [SHOWN], [SHOWN], [], [SHOWN], [], [SHOWN]],
		);
		assert.deepEqual(released.flat().sort(), [SHOWN, HIDDEN].sort(), "each id released once");
		rows[0]?.matches.push(rows[0].matches[0] as never);
		assert.equal(rows[2]?.matches.length, 1, "a repeat's row is its own");
	});
});
