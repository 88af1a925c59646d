// Release must not depend on arrival order (issue 13 §4, D58): the shared STIX data loaded as separate inputs,
// in folder order, reversed and shuffled, leaves exactly what loading it whole leaves, nothing flagged that a
// later input defined. ATT&CK's one marking definition closes its bundle: cut into parts, the definition
// arrives in a later input than the objects it marks (the CAPEC case).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ingest } from "../src/ingest/index.ts";
import { openSqliteStore, type Store, UNKNOWN_MARKING_FLAG } from "../src/store/index.ts";
import { sharedData } from "./support/shared-data.ts";

type Input = { name: string; objects: Record<string, unknown>[] };

const ORG = "identity--0a0a0a0a-0000-4000-8000-000000000001";
const ATTACK_PARTS = 6;

/** The inputs: ATT&CK mobile cut into parts (its definition last), then each OASIS example. */
function inputs(): Input[] {
	const attack = bundleObjects(sharedData("stix21", "attack", "mobile-attack-17.1.json"));
	const size = Math.ceil(attack.length / ATTACK_PARTS);
	const parts: Input[] = [];
	for (let start = 0; start < attack.length; start += size)
		parts.push({ name: `attack part ${parts.length + 1}`, objects: attack.slice(start, start + size) });
	const folder = sharedData("stix21", "oasis-examples");
	for (const file of readdirSync(folder).sort())
		parts.push({ name: file, objects: bundleObjects(`${folder}/${file}`) });
	return parts;
}

function bundleObjects(path: string): Record<string, unknown>[] {
	const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
	if (Array.isArray(parsed)) return parsed as Record<string, unknown>[];
	const objects = (parsed as { objects?: unknown }).objects;
	return Array.isArray(objects) ? (objects as Record<string, unknown>[]) : [];
}

/** Loads `order` as separate inputs (one ingest run each, as separate files, pages or pushes are). */
async function load(order: readonly Input[]): Promise<Store> {
	const store = await openSqliteStore({ path: ":memory:" });
	for (const input of order) {
		await ingest(
			store,
			input.objects.map((object, index) => ({ index, object })),
			{ provenance: { organizationId: ORG, source: `test:${input.name}` } },
		);
	}
	return store;
}

/** What the store holds and would release: each version with whether it is still flagged. */
async function snapshot(store: Store): Promise<{ versions: string[]; flagged: number }> {
	const versions: string[] = [];
	let flagged = 0;
	let after: string | undefined;
	for (;;) {
		const page = await store.query({
			versions: ["all"],
			limit: 1000,
			...(after === undefined ? {} : { after }),
		});
		for (const item of page.items) {
			const isFlagged = item.flags.includes(UNKNOWN_MARKING_FLAG);
			if (isFlagged) flagged++;
			// An observable's version is its commit position (D31): compare its content's identity instead.
			const modified = String(item.object.modified ?? item.object.created ?? "-");
			versions.push(`${item.id} ${modified} ${isFlagged ? "flagged" : "released"}`);
		}
		if (!page.more || page.next === undefined) break;
		after = page.next;
	}
	await store.close();
	return { versions: versions.sort(), flagged };
}

describe("release does not depend on arrival order (D58)", () => {
	const all = inputs();
	const whole: Input = { name: "whole", objects: all.flatMap((input) => input.objects) };

	it("loading the inputs in order, reversed, or the definition first, releases what loading them whole does", async () => {
		const expected = await snapshot(await load([whole]));
		assert.equal(expected.flagged, 0, "every marking the data uses is defined in it");
		assert.ok(expected.versions.length > 2000);
		for (const order of [all, [...all].reverse()])
			assert.deepEqual(await snapshot(await load(order)), expected);
	});

	it("any shuffled order releases the same (fast-check over permutations)", async () => {
		const expected = await snapshot(await load([whole]));
		await fc.assert(
			fc.asyncProperty(fc.shuffledSubarray(all, { minLength: all.length }), async (order) => {
				assert.deepEqual(await snapshot(await load(order)), expected);
			}),
			{ numRuns: 6 },
		);
	});
});
