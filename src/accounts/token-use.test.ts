// The token-use recorder (D66): one write per token per minute per process, never awaited by the request, and a
// failed write logged rather than thrown.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Logger } from "../log/index.ts";
import type { NewAuditEntry, Store, User } from "../store/index.ts";
import { TOKEN_USE_INTERVAL_MS, TokenUseRecorder } from "./token-use.ts";

function user(name: string, tokenHash: string): User {
	return {
		id: `user--${name}`,
		organizationId: "identity--o",
		name,
		role: "analyst",
		tokenHash,
		createdAt: "",
	};
}

/** A store that records what the recorder writes (only the two methods it calls). */
function recordingStore(fail = false) {
	const uses: [string, string][] = [];
	const lines: NewAuditEntry[] = [];
	const store = {
		async recordTokenUse(hash: string, at: string) {
			if (fail) throw new Error("disk full");
			uses.push([hash, at]);
		},
		async appendAudit(entry: NewAuditEntry) {
			lines.push(entry);
			return { ...entry, seq: lines.length, at: "" };
		},
	} as unknown as Store;
	return { store, uses, lines };
}

describe("TokenUseRecorder", () => {
	it("records a token's first use, then nothing for a minute, then again", async () => {
		const clock = { now: 0 };
		const { store, uses, lines } = recordingStore();
		const recorder = new TokenUseRecorder(store, { nowMillis: () => clock.now });
		const ann = user("ann", "a".repeat(64));
		for (let request = 0; request < 1000; request++) {
			recorder.note(ann, "api");
			clock.now += 50; // 50 s of requests, 20 a second
		}
		await recorder.settled();
		assert.equal(uses.length, 1);
		assert.equal(lines.length, 1);
		assert.deepEqual(lines[0]?.actor, {
			name: "ann",
			id: "user--ann",
			organizationId: "identity--o",
			channel: "api",
		});
		assert.equal(lines[0]?.action, "token.use");
		clock.now = TOKEN_USE_INTERVAL_MS;
		recorder.note(ann, "taxii");
		await recorder.settled();
		assert.equal(uses.length, 2, "a minute after the first record, the next use records");
		assert.equal(lines[1]?.details?.channel, "taxii");
	});

	it("keeps tokens apart: a rotated token is a new one", async () => {
		const { store, uses } = recordingStore();
		const recorder = new TokenUseRecorder(store, { nowMillis: () => 0 });
		recorder.note(user("ann", "a".repeat(64)), "api");
		recorder.note(user("ann", "b".repeat(64)), "api");
		recorder.note(user("bob", "c".repeat(64)), "api");
		recorder.note(user("bob", "c".repeat(64)), "api");
		await recorder.settled();
		assert.deepEqual(
			uses.map(([hash]) => hash[0]),
			["a", "b", "c"],
		);
	});

	it("never throws at the request: a failed write is logged", async () => {
		const { store } = recordingStore(true);
		const warnings: unknown[] = [];
		const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
		const recorder = new TokenUseRecorder(store, { nowMillis: () => 0, logger });
		assert.doesNotThrow(() => recorder.note(user("ann", "a".repeat(64)), "api"));
		await recorder.settled();
		assert.equal(warnings.length, 1);
	});
});
