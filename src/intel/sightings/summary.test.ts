import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import {
	decayScore,
	halfLifeOf,
	kindOf,
	kindProperties,
	summariseSightings,
	tallySightings,
} from "./index.ts";

const NOW = new Date("2026-12-07T12:00:00.000Z");
const CERT_X = "identity--00000000-0000-4000-8000-00000000000a";
const BANK = "identity--00000000-0000-4000-8000-00000000000b";
const AGENCY = "identity--00000000-0000-4000-8000-00000000000c";
const NAMES = new Map([
	[CERT_X, "CERT-X"],
	[BANK, "Example Bank"],
]);
const nameOf = (id: string) => NAMES.get(id);

const IP_INDICATOR: StixObject = {
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--00000000-0000-4000-8000-000000000001",
	created: "2026-01-01T00:00:00.000Z",
	modified: "2026-01-01T00:00:00.000Z",
	pattern: "[ipv4-addr:value = '203.0.113.5'] OR [file:hashes.'SHA-256' = 'aaaa']",
	pattern_type: "stix",
	valid_from: "2026-01-01T00:00:00Z",
};

let serial = 0;
function sighting(
	by: string,
	kind: "seen" | "false-positive" | "expired",
	daysAgo: number,
	extra: Record<string, unknown> = {},
): StixObject {
	const at = new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString();
	serial++;
	return {
		type: "sighting",
		spec_version: "2.1",
		id: `sighting--00000000-0000-4000-8000-${serial.toString().padStart(12, "0")}`,
		created: at,
		modified: at,
		created_by_ref: by,
		where_sighted_refs: [by],
		sighting_of_ref: IP_INDICATOR.id,
		first_seen: at,
		last_seen: at,
		...kindProperties(kind),
		...extra,
	};
}

describe("sighting kinds as other STIX consumers write them", () => {
	it("reads ours, OpenCTI's negative flag, and a plain sighting", () => {
		assert.equal(kindOf(sighting(BANK, "expired", 1)), "expired");
		assert.equal(kindOf(sighting(BANK, "false-positive", 1)), "false-positive");
		assert.equal(kindOf({ type: "sighting", id: "sighting--x", x_opencti_negative: true }), "false-positive");
		assert.equal(kindOf({ type: "sighting", id: "sighting--x", x_entente_sighting_kind: "bogus" }), "seen");
		assert.deepEqual(kindProperties("seen"), {});
		assert.deepEqual(kindProperties("expired"), {
			x_entente_sighting_kind: "expired",
			x_opencti_negative: true,
		});
	});
});

describe("half-life", () => {
	it("an indicator ages like the most volatile value its pattern names; others by type or the default", () => {
		assert.deepEqual(halfLifeOf(IP_INDICATOR), { days: 30, of: "ipv4-addr" });
		assert.deepEqual(halfLifeOf({ ...IP_INDICATOR, pattern: "[file:hashes.MD5 = 'ab']" }), {
			days: 365,
			of: "file",
		});
		assert.deepEqual(halfLifeOf({ ...IP_INDICATOR, pattern: "not a pattern" }), {
			days: 180,
			of: "indicator",
		});
		assert.deepEqual(halfLifeOf({ type: "domain-name", id: "domain-name--x" }), {
			days: 90,
			of: "domain-name",
		});
		assert.deepEqual(halfLifeOf({ type: "malware", id: "malware--x" }), { days: 180, of: "malware" });
	});
});

describe("counts, timeline and the decay score", () => {
	it("seen 3 times by 2 organisations, one false positive: the words say who and why", () => {
		const sightings = [
			sighting(BANK, "seen", 2, { count: 2 }),
			sighting(CERT_X, "seen", 10),
			sighting(CERT_X, "false-positive", 5),
		];
		const summary = summariseSightings(IP_INDICATOR, sightings, NOW, nameOf);
		assert.deepEqual(
			[summary.kinds.seen.count, summary.kinds.seen.reports, summary.kinds["false-positive"].count],
			[3, 2, 1],
		);
		assert.equal(summary.kinds.seen.last, "2026-12-05T12:00:00.000Z");
		assert.deepEqual(
			summary.organisations.map((o) => [o.name, o.latestKind]),
			[
				["Example Bank", "seen"],
				["CERT-X", "false-positive"],
			],
		);
		assert.deepEqual(
			summary.timeline.map((d) => [d.day, d.seen, d["false-positive"]]),
			[
				["2026-11-27", 1, 0],
				["2026-12-02", 0, 1],
				["2026-12-05", 2, 0],
			],
		);
		// freshness 0.5^(2/30) ≈ 0.955, two organisations saw it (1), CERT-X's latest is a false positive (0.5).
		assert.equal(summary.score.value, 48);
		assert.equal(summary.score.status, "active");
		assert.match(
			summary.explanation,
			/^Seen 3 times by 2 organisations, last 2 days ago; 1 false positive from CERT-X\./,
		);
		assert.match(
			summary.explanation,
			/Score 48\/100: latest evidence 2 days ago, with a 30-day half-life for ipv4-addr, keeps 95%/,
		);
		assert.match(summary.explanation, /1 organisation reported a false positive not seen since \(50%\)/);
	});

	it("seeing it again withdraws an organisation's false positive and renews freshness", () => {
		const before = [sighting(BANK, "seen", 40), sighting(CERT_X, "false-positive", 30)];
		const after = [...before, sighting(CERT_X, "seen", 0)];
		const older = decayScore(IP_INDICATOR, tallySightings(before), NOW).value;
		const renewed = decayScore(IP_INDICATOR, tallySightings(after), NOW).value;
		assert.ok(older < renewed, `${older} then ${renewed}`);
		assert.equal(renewed, 100);
	});

	it("no sightings: the indicator's own valid_from ages it; never sighted weighs 0.6", () => {
		const recent = { ...IP_INDICATOR, valid_from: NOW.toISOString() };
		const summary = summariseSightings(recent, [], NOW, nameOf);
		assert.equal(summary.score.value, 60);
		assert.match(summary.explanation, /^No sightings reported\. Score 60\/100/);
		// A year old with a 30-day half-life: nearly nothing left.
		assert.equal(summariseSightings(IP_INDICATOR, [], NOW, nameOf).score.value, 0);
	});

	it("expired: revoked, past valid_until, or an expiry reported after the last sighting (seen again revives it)", () => {
		const fresh = [sighting(BANK, "seen", 1)];
		assert.equal(
			decayScore({ ...IP_INDICATOR, revoked: true }, tallySightings(fresh), NOW).status,
			"expired",
		);
		const until = { ...IP_INDICATOR, valid_until: "2026-12-01T00:00:00Z" };
		assert.equal(decayScore(until, tallySightings(fresh), NOW).value, 0);
		const reported = [...fresh, sighting(AGENCY, "expired", 0.5)];
		const summary = summariseSightings(IP_INDICATOR, reported, NOW, nameOf);
		assert.equal(summary.score.status, "expired");
		assert.match(
			summary.explanation,
			/reported expired by identity--0{8}-0{4}-4000-8000-00000000000c, last today/,
		);
		assert.match(summary.explanation, /expired: an expiry was reported after the last sighting \(0%\)/);
		// An expiry does not withdraw a false positive; a sighting by the same organisation does.
		const fpThenExpired = [
			...fresh,
			sighting(AGENCY, "false-positive", 0.7),
			sighting(AGENCY, "expired", 0.6),
		];
		assert.equal(
			tallySightings(fpThenExpired).organisations.find((o) => o.id === AGENCY)?.falsePositiveStands,
			true,
		);
		const revived = decayScore(IP_INDICATOR, tallySightings([...reported, sighting(BANK, "seen", 0)]), NOW);
		assert.equal(revived.status, "active");
	});

	it("counts only sightings of this object; a copy naming nobody counts as undisclosed", () => {
		const other = sighting(BANK, "seen", 1, {
			sighting_of_ref: "indicator--00000000-0000-4000-8000-000000000099",
		});
		const anonymous = sighting(BANK, "seen", 1);
		delete anonymous.created_by_ref;
		delete anonymous.where_sighted_refs;
		const summary = summariseSightings(IP_INDICATOR, [other, anonymous], NOW, nameOf);
		assert.equal(summary.kinds.seen.count, 1);
		assert.deepEqual(
			summary.organisations.map((o) => o.id),
			["undisclosed"],
		);
	});
});
