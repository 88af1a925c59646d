// Tests reference filtering for every object: containers, sightings, relationships and observables.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import type { Verdict } from "../model.ts";
import { releasableRefs } from "./references.ts";

const verdicts: Record<string, Verdict> = {
	"indicator--a": "full",
	"indicator--b": "deny",
	"ipv4-addr--c": "transformed",
	"malware--d": "match-only",
	"identity--e": "contact-originator",
	"ipv4-addr--f": "deny",
};
const verdictOf = (id: string): Verdict => verdicts[id] ?? "deny";

const report = (refs: string[]): StixObject => ({
	type: "report",
	id: "report--1",
	name: "r",
	published: "2025-01-01T00:00:00Z",
	object_refs: refs,
});

describe("releasableRefs", () => {
	it("keeps only references the recipient receives itself, asking once per id", () => {
		const asked: string[] = [];
		const result = releasableRefs(
			report(["indicator--a", "indicator--b", "ipv4-addr--c", "malware--d", "identity--e", "indicator--a"]),
			(id) => {
				asked.push(id);
				return verdictOf(id);
			},
		);
		assert.deepEqual(result?.object.object_refs, ["indicator--a", "ipv4-addr--c", "indicator--a"]);
		assert.deepEqual(result?.withheld, ["indicator--b", "malware--d", "identity--e"]);
		assert.equal(asked.filter((id) => id === "indicator--a").length, 1);
	});

	it("returns the same object when nothing is withheld, and nothing when a container would be empty", () => {
		const whole = report(["indicator--a"]);
		assert.equal(releasableRefs(whole, verdictOf)?.object, whole);
		assert.equal(releasableRefs(report(["indicator--b", "malware--d"]), verdictOf), undefined);
	});

	it("withholds a sighting whose sighting_of_ref is withheld, and trims where_sighted_refs", () => {
		const sighting: StixObject = {
			type: "sighting",
			id: "sighting--1",
			sighting_of_ref: "indicator--a",
			where_sighted_refs: ["identity--e"],
		};
		const trimmed = releasableRefs(sighting, verdictOf);
		assert.equal(trimmed?.object.where_sighted_refs, undefined, "the victim identity is not named");
		assert.equal(releasableRefs({ ...sighting, sighting_of_ref: "indicator--b" }, verdictOf), undefined);
	});

	it("needs both ends of a relationship released inline", () => {
		const rel = (source: string, target: string): StixObject => ({
			type: "relationship",
			id: "relationship--1",
			relationship_type: "indicates",
			source_ref: source,
			target_ref: target,
		});
		const kept = rel("indicator--a", "ipv4-addr--c");
		assert.equal(releasableRefs(kept, verdictOf)?.object, kept);
		assert.equal(releasableRefs(rel("indicator--a", "malware--d"), verdictOf), undefined);
		assert.equal(releasableRefs(rel("indicator--b", "indicator--a"), verdictOf), undefined);
	});

	it("filters an observable's references: a hidden end goes, the only end withholds the traffic", () => {
		const traffic: StixObject = {
			type: "network-traffic",
			id: "network-traffic--1",
			src_ref: "ipv4-addr--f",
			dst_ref: "ipv4-addr--c",
			protocols: ["tcp"],
		};
		const trimmed = releasableRefs(traffic, verdictOf);
		assert.equal(trimmed?.object.src_ref, undefined);
		assert.equal(trimmed?.object.dst_ref, "ipv4-addr--c");
		assert.deepEqual(trimmed?.withheld, ["ipv4-addr--f"]);
		assert.equal(traffic.src_ref, "ipv4-addr--f", "the stored object is not modified");
		const { dst_ref: _, ...onlySource } = traffic;
		assert.equal(releasableRefs(onlySource, verdictOf), undefined);
	});

	it("filters references in extensions, MIME parts and custom properties, and leaves markings and author alone", () => {
		const mail: StixObject = {
			type: "email-message",
			id: "email-message--1",
			is_multipart: true,
			created_by_ref: "identity--e",
			object_marking_refs: ["marking-definition--x"],
			body_multipart: [{ body_raw_ref: "ipv4-addr--c" }, { body: "text" }],
			extensions: {
				"x-ext": { x_victim_ref: "ipv4-addr--f", x_peer_refs: ["ipv4-addr--f", "indicator--a"] },
			},
			x_custom_ref: "indicator--b",
		};
		const out = releasableRefs(mail, verdictOf)?.object;
		assert.deepEqual(out?.extensions, { "x-ext": { x_peer_refs: ["indicator--a"] } });
		assert.equal(out?.x_custom_ref, undefined);
		assert.equal(out?.created_by_ref, "identity--e");
		assert.deepEqual(out?.object_marking_refs, ["marking-definition--x"]);
		const hidden = { ...mail, body_multipart: [{ body_raw_ref: "ipv4-addr--f" }] };
		assert.equal(releasableRefs(hidden, verdictOf), undefined, "a MIME part needs its body or body_raw_ref");
	});
});
