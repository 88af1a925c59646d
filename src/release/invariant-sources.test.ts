// Where incidents go (D37): every one recorded in the store, logged at error level at most 20 lines a minute.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Logger } from "../log/index.ts";
import type { Incident } from "../policy/index.ts";
import { openSqliteStore } from "../store/index.ts";
import { incidentSink, storeInvariantSources } from "./invariant-sources.ts";

const incident = (n: number): Incident => ({
	at: "2026-01-01T00:00:00.000Z",
	invariant: "tlp-ceiling",
	objectId: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
	objectVersion: undefined,
	partyId: "identity--00000000-0000-4000-8000-0000000000b1",
	userId: "u",
	purpose: "network-defence",
	reason: "TLP:RED is above TLP:AMBER",
});

describe("incidentSink", () => {
	it("records every incident and logs at most 20 lines a minute, then says how many it did not", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		const lines: string[] = [];
		const logger = { error: (_fields: unknown, message: string) => lines.push(message) } as unknown as Logger;
		let now = 1_000_000;
		const sink = incidentSink(store, logger, () => now);
		await sink(Array.from({ length: 25 }, (_, i) => incident(i)));
		assert.equal(lines.length, 20);
		assert.match(lines[0] ?? "", /^invariants: ALERT release withheld: tlp-ceiling: TLP:RED/);
		now += 61_000;
		await sink([incident(99)]);
		assert.deepEqual(lines.slice(20), [
			"invariants: ALERT 5 more incident(s) not logged (rate limit)",
			"invariants: ALERT release withheld: tlp-ceiling: TLP:RED is above TLP:AMBER",
		]);
		assert.equal((await store.listIncidents({ limit: 100 })).length, 26);
		assert.equal((await store.incidentCounts()).get("tlp-ceiling"), 26);
		await store.close();
	});

	it("never throws when the store cannot record: it logs that instead", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		await store.close();
		const lines: string[] = [];
		const logger = { error: (_fields: unknown, message: string) => lines.push(message) } as unknown as Logger;
		await incidentSink(store, logger)([incident(1)]);
		assert.equal(lines.at(-1), "invariants: could not record incidents");
	});
});

describe("storeInvariantSources", () => {
	it("reads the applied policy as stored, and again only when its version changes", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		const sources = storeInvariantSources(store);
		assert.equal(await sources.policy(), undefined);
		const policy = { version: 0, parties: [], jurisdictions: [], agreements: [], communities: [] };
		await store.putPolicy({ text: "one", policy, appliedBy: "test" });
		const first = await sources.policy();
		assert.equal(first?.version, 1);
		assert.equal(await sources.policy(), first);
		await store.close();
	});
});
