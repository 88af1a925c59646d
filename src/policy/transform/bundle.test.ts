import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { scoId } from "../../stix/ids/index.ts";
import { parsePattern } from "../../stix/pattern/index.ts";
import type { AppliedTreatment } from "../model.ts";
import { transformBundle } from "./bundle.ts";
import { DERIVATION_PROPERTY } from "./derivation.ts";

const context = {
	key: new Uint8Array(32).fill(7),
	nodeIdentity: "identity--0f2b7d6e-1c3a-4b5d-8e9f-0a1b2c3d4e5f",
	now: "2025-03-01T12:00:00.000Z",
};
const T = "2024-05-01T10:00:00.000Z";

function sco(type: string, body: Record<string, unknown>): StixObject {
	const object = { type, spec_version: "2.1", ...body };
	return { ...object, id: scoId(object) ?? `${type}--00000000-0000-4000-8000-000000000000` };
}
function sdo(type: string, uuid: string, body: Record<string, unknown>): StixObject {
	return { type, spec_version: "2.1", id: `${type}--${uuid}`, created: T, modified: T, ...body };
}

const VICTIM = "198.51.100.7";
const victimIp = sco("ipv4-addr", { value: VICTIM });
const attackerIp = sco("ipv4-addr", { value: "203.0.113.9" });
const traffic = sco("network-traffic", {
	src_ref: victimIp.id,
	dst_ref: attackerIp.id,
	protocols: ["tcp"],
	dst_port: 443,
});
const alice = sco("email-addr", { value: "alice@victim.example", display_name: "Alice Example" });
const sender = sco("email-addr", { value: "boss@attacker.example" });
const message = sco("email-message", {
	is_multipart: false,
	from_ref: sender.id,
	to_refs: [alice.id],
	subject: "invoice",
	body: "Dear Alice Example, pay now",
});
const malware = sdo("malware", "1d1e1f20-2122-4324-8526-272829303132", { name: "Dridex", is_family: true });
const indicator = sdo("indicator", "31323334-3536-4738-b940-414243444546", {
	pattern: `[ipv4-addr:value = '${VICTIM}'] OR [network-traffic:src_ref.value = '${VICTIM}']`,
	pattern_type: "stix",
	valid_from: T,
	description: `Beacon seen from ${VICTIM}.`,
});
const mailIndicator = sdo("indicator", "51525354-5556-4758-9960-616263646566", {
	pattern: "[email-message:to_refs[*].value = 'alice@victim.example']",
	pattern_type: "stix",
	valid_from: T,
});
const relationship = sdo("relationship", "71727374-7576-4778-b980-818283848586", {
	relationship_type: "related-to",
	source_ref: victimIp.id,
	target_ref: malware.id,
});
const observed = sdo("observed-data", "91929394-9596-4798-9990-a1a2a3a4a5a6", {
	first_observed: T,
	last_observed: T,
	number_observed: 1,
	object_refs: [victimIp.id, attackerIp.id, traffic.id],
});
const sighting = sdo("sighting", "b1b2b3b4-b5b6-47b8-b9ba-c1c2c3c4c5c6", {
	sighting_of_ref: indicator.id,
	observed_data_refs: [observed.id],
	where_sighted_refs: [],
	x_seen_at_ref: victimIp.id,
});
const report = sdo("report", "d1d2d3d4-d5d6-47d8-99da-e1e2e3e4e5e6", {
	name: "Campaign",
	published: T,
	object_refs: [victimIp.id, attackerIp.id, traffic.id, message.id, indicator.id, relationship.id],
});

const all = [
	victimIp,
	attackerIp,
	traffic,
	alice,
	sender,
	message,
	malware,
	indicator,
	mailIndicator,
	relationship,
	observed,
	sighting,
	report,
];

const pseudonymiseVictim: AppliedTreatment = {
	treatment: "pseudonymise",
	objectType: "ipv4-addr",
	because: "EU: victim IP to a country without a transfer route",
};
const pseudonymiseRecipients: AppliedTreatment = {
	treatment: "pseudonymise",
	objectType: "email-message",
	because: "victim e-mail addresses",
};

function released(objects: StixObject[], id: string): StixObject {
	const found = objects.find((o) => o.id === id);
	assert.ok(found, `${id} released`);
	return found;
}

describe("transformBundle: the SCO id trap", () => {
	const out = transformBundle(all, new Map([[victimIp.id, [pseudonymiseVictim]]]), context);
	const json = JSON.stringify(out.objects);
	const newIpId = out.idMap.get(victimIp.id) ?? "";
	const newIp = released(out.objects, newIpId);

	it("mints a new id that is the SCO id of the new value", () => {
		assert.notEqual(newIpId, victimIp.id);
		assert.equal(newIpId, scoId(newIp));
		assert.match(String(newIp.value), /^24\d|^25[0-5]\./);
	});

	it("leaves the original value and id nowhere in the released set", () => {
		assert.ok(!json.includes(VICTIM), json);
		assert.ok(!json.includes(victimIp.id));
		assert.equal(out.dropped.length, 0, [...out.reasons.values()].join("; "));
	});

	it("rewrites relationships, sightings, observed-data, network-traffic and containers", () => {
		assert.equal(released(out.objects, relationship.id).source_ref, newIpId);
		assert.equal(released(out.objects, sighting.id).x_seen_at_ref, newIpId);
		const newTrafficId = out.idMap.get(traffic.id) ?? "";
		assert.notEqual(newTrafficId, traffic.id, "network-traffic ids hash src_ref, so it is re-minted");
		const newTraffic = released(out.objects, newTrafficId);
		assert.equal(newTraffic.src_ref, newIpId);
		assert.equal(newTraffic.dst_ref, attackerIp.id);
		assert.equal(newTrafficId, scoId(newTraffic));
		assert.deepEqual(released(out.objects, observed.id).object_refs, [newIpId, attackerIp.id, newTrafficId]);
		assert.deepEqual((released(out.objects, report.id).object_refs as string[]).slice(0, 3), [
			newIpId,
			attackerIp.id,
			newTrafficId,
		]);
	});

	it("leaves attacker infrastructure and unrelated objects as they were", () => {
		assert.deepEqual(released(out.objects, attackerIp.id), attackerIp);
		assert.deepEqual(released(out.objects, malware.id), malware);
		assert.deepEqual(released(out.objects, mailIndicator.id), mailIndicator);
	});

	it("rewrites the indicator pattern and text mentioning the value, and the pattern still parses", () => {
		const rewritten = released(out.objects, indicator.id);
		const value = String(newIp.value);
		assert.equal(
			rewritten.pattern,
			`[ipv4-addr:value = '${value}'] OR [network-traffic:src_ref.value = '${value}']`,
		);
		assert.ok(parsePattern(String(rewritten.pattern)).ok);
		assert.equal(rewritten.description, `Beacon seen from ${value}.`);
	});

	it("records the derivation: by whom, when, under which rule; SDOs keep their id, SCOs name no original", () => {
		const ipMark = newIp[DERIVATION_PROPERTY] as Record<string, unknown>;
		assert.equal(ipMark.derived_by, context.nodeIdentity);
		assert.equal(ipMark.at, context.now);
		assert.equal(ipMark.original_id, undefined);
		assert.deepEqual(ipMark.rules, [
			{ treatment: "pseudonymise", fields: ["value"], because: pseudonymiseVictim.because },
		]);
		const relMark = released(out.objects, relationship.id)[DERIVATION_PROPERTY] as Record<string, unknown>;
		assert.equal(relMark.original_id, relationship.id);
		assert.equal(released(out.objects, malware.id)[DERIVATION_PROPERTY], undefined);
	});

	it("does not modify its input", () => {
		assert.equal(victimIp.value, VICTIM);
		assert.equal(relationship.source_ref, victimIp.id);
	});
});

describe("transformBundle: e-mail recipients", () => {
	const out = transformBundle(all, new Map([[message.id, [pseudonymiseRecipients]]]), context);
	const json = JSON.stringify(out.objects);

	it("carries the treatment along to_refs, re-mints the message and rewrites the to_refs pattern", () => {
		const newAliceId = out.idMap.get(alice.id) ?? "";
		const newAlice = released(out.objects, newAliceId);
		assert.match(String(newAlice.value), /^pseudonym-[0-9a-f]{16}@pseudonym\.invalid$/);
		assert.match(String(newAlice.display_name), /^pseud-/);
		const newMessage = released(out.objects, out.idMap.get(message.id) ?? "");
		assert.deepEqual(newMessage.to_refs, [newAliceId]);
		assert.equal(newMessage.from_ref, sender.id, "the sender stays");
		const pattern = String(released(out.objects, mailIndicator.id).pattern);
		assert.equal(pattern, `[email-message:to_refs[*].value = '${String(newAlice.value)}']`);
		for (const secret of ["alice@victim.example", "Alice Example", alice.id, message.id]) {
			assert.ok(!json.includes(secret), secret);
		}
	});
});

describe("transformBundle: generalising", () => {
	const generalise: AppliedTreatment = {
		treatment: "generalise",
		objectType: "ipv4-addr",
		because: "victim IP",
	};
	const out = transformBundle(all, new Map([[victimIp.id, [generalise]]]), context);

	it("turns = into ISSUBSET of the /24", () => {
		assert.equal(
			released(out.objects, indicator.id).pattern,
			"[ipv4-addr:value ISSUBSET '198.51.100.0/24'] OR [network-traffic:src_ref.value ISSUBSET '198.51.100.0/24']",
		);
		assert.ok(!JSON.stringify(out.objects).includes(VICTIM));
	});

	it("merges observables that generalise to one network", () => {
		const neighbour = sco("ipv4-addr", { value: "198.51.100.99" });
		const both = transformBundle(
			[victimIp, neighbour],
			new Map([
				[victimIp.id, [generalise]],
				[neighbour.id, [generalise]],
			]),
			context,
		);
		assert.equal(both.objects.length, 1);
		assert.equal(both.idMap.get(victimIp.id), both.idMap.get(neighbour.id));
	});
});

describe("transformBundle: withholding", () => {
	it("removes references to a held observable and withholds what cannot lose them", () => {
		const hold: AppliedTreatment = { treatment: "hold", objectType: "ipv4-addr", because: "review" };
		const out = transformBundle(all, new Map([[victimIp.id, [hold]]]), context);
		assert.ok(out.dropped.includes(victimIp.id));
		assert.ok(out.dropped.includes(relationship.id), "its source_ref is gone");
		assert.ok(!JSON.stringify(out.objects).includes(victimIp.id));
		const newTraffic = out.objects.find((o) => o.type === "network-traffic");
		assert.equal(newTraffic?.src_ref, undefined);
		assert.notEqual(newTraffic?.id, traffic.id);
		assert.ok(!(released(out.objects, report.id).object_refs as string[]).includes(victimIp.id));
	});

	it("withholds an indicator whose pattern mentions the value in a way it cannot rewrite", () => {
		const like = sdo("indicator", "e1e2e3e4-e5e6-47e8-89ea-f1f2f3f4f5f6", {
			pattern: `[url:value LIKE '%${VICTIM}/%']`,
			pattern_type: "stix",
			valid_from: T,
		});
		const out = transformBundle([victimIp, like], new Map([[victimIp.id, [pseudonymiseVictim]]]), context);
		assert.deepEqual(out.dropped, [like.id]);
		assert.match(out.reasons.get(like.id) ?? "", /still contains/);
	});

	it("withholds a non-STIX pattern it was asked to treat", () => {
		const snort = sdo("indicator", "f1f2f3f4-f5f6-47f8-89fa-0a0b0c0d0e0f", {
			pattern: "alert tcp any any -> 198.51.100.7 any",
			pattern_type: "snort",
			valid_from: T,
		});
		const out = transformBundle([snort], new Map([[snort.id, [pseudonymiseVictim]]]), context);
		assert.deepEqual(out.dropped, [snort.id]);
	});

	it("rewrites an indicator's own pattern under a treatment given for it", () => {
		const lone = sdo("indicator", "0a0b0c0d-0e0f-4011-9213-141516171819", {
			pattern: `[ipv4-addr:value IN ('${VICTIM}', '203.0.113.9')]`,
			pattern_type: "stix",
			valid_from: T,
		});
		const out = transformBundle([lone], new Map([[lone.id, [pseudonymiseVictim]]]), context);
		const pattern = String(released(out.objects, lone.id).pattern);
		assert.ok(!pattern.includes(VICTIM) && !pattern.includes("203.0.113.9"), pattern);
		assert.ok(parsePattern(pattern).ok);
	});
});
