// Personal data on every output path: random victim observables and the objects naming them, random recipients and
// policy variants of the reference scenario; nobody not entitled in full ever receives an original value or SCO id.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { ingest } from "../src/ingest/index.ts";
import { filteredReferenceIds } from "../src/policy/engine/index.ts";
import type { Decision, Policy, Purpose } from "../src/policy/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scoId } from "../src/stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { validateObject } from "../src/stix/validate/validate-object.ts";
import { SCENARIO_NODE, scenarioPolicy } from "./fixtures/reference-scenario-policy.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const RUNS = Number(process.env.ENTENTE_PD_RUNS ?? 25);
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const ROOT = "/taxii2/api/collections/all";
const API = "/api/v1";
const TIME = "2025-05-01T00:00:00.000Z";

const BASE: Policy = scenarioPolicy();

/** Changes to the reference scenario: transfer routes taken away, agreement treatments removed or added. */
const VARIANTS: Record<string, (policy: Policy) => Policy> = {
	"no GB transfer routes": (p) => ({
		...p,
		jurisdictions: p.jurisdictions.map((j) => (j.code === "GB" ? { ...j, transferRoutes: [] } : j)),
	}),
	"no EU transfer routes": (p) => ({
		...p,
		jurisdictions: p.jurisdictions.map((j) => (j.code === "EU" ? { ...j, transferRoutes: [] } : j)),
	}),
	"no agreement treatments": (p) => ({
		...p,
		agreements: p.agreements.map((a) => ({ ...a, treatments: [] })),
	}),
	"every agreement pseudonymises victims": (p) => ({
		...p,
		agreements: p.agreements.map((a) => ({
			...a,
			treatments: (["ipv4-addr", "ipv6-addr", "email-addr", "user-account"] as const).map((objectType) => ({
				objectType,
				role: "victim",
				treatment: "pseudonymise" as const,
			})),
		})),
	}),
};

type Kind = "ipv4-addr" | "ipv6-addr" | "email-addr" | "user-account";
interface Victim {
	kind: Kind;
	n: number;
}
interface Scenario {
	variants: string[];
	purpose: Purpose;
	marking: "clear" | "green" | "amber";
	victims: Victim[];
	mentioned: boolean[];
	withRelationship: boolean;
	withReport: boolean;
	withSighting: boolean;
}

/** Values with a fixed shape, so one never contains another and no pseudonym (240/4, 3fff::/20) can equal one. */
function victimObject(victim: Victim, tag: number, marking: string): { object: StixObject; value: string } {
	const a = 100 + ((victim.n * 7 + tag) % 100);
	const b = 100 + ((victim.n * 13 + tag * 3) % 100);
	const hex = ((victim.n * 2654435761 + tag * 40503) >>> 0).toString(16).padStart(8, "0");
	const body: Record<string, unknown> = { type: victim.kind, spec_version: "2.1" };
	let value: string;
	if (victim.kind === "ipv4-addr")
		value =
			body.value = `1${String(tag % 90).padStart(2, "1")}.${a}.${b}.1${hex.slice(0, 2).replace(/[a-f]/g, "1").padStart(2, "0").slice(0, 2)}`;
	else if (victim.kind === "ipv6-addr")
		value = body.value = `2001:db8:${hex.slice(0, 4)}:${hex.slice(4)}::${a}`;
	else if (victim.kind === "email-addr") value = body.value = `victim-${hex}-${tag}@example.org`;
	else {
		value = `acct-${hex}-${tag}`;
		body.user_id = value;
		body.account_login = value;
	}
	const id = scoId(body as { type: string }) ?? "";
	return {
		object: {
			...body,
			id,
			object_marking_refs: [marking],
			x_entente_role: "victim",
		} as unknown as StixObject,
		value,
	};
}

function patternOf(object: StixObject): string | undefined {
	if (object.type === "user-account") return `[user-account:user_id = '${String(object.user_id)}']`;
	return `[${object.type}:value = '${String(object.value)}']`;
}

let tagCounter = 0;
function bundleOf(s: Scenario): { objects: StixObject[]; originals: { id: string; value: string }[] } {
	const tag = ++tagCounter;
	const marking = TLP2_DEFINITIONS[s.marking].id;
	const seen = new Set<string>();
	const victims = s.victims
		.map((v) => victimObject(v, tag, marking))
		.filter((v) => !seen.has(v.object.id) && seen.add(v.object.id));
	const uuid = (prefix: string, n: number) =>
		`${prefix}--${String(tag).padStart(8, "0")}-0000-4000-8000-${String(n).padStart(12, "0")}`;
	const common = { spec_version: "2.1", created: TIME, modified: TIME, object_marking_refs: [marking] };
	const objects: StixObject[] = victims.map((v) => v.object);
	const mentioned = victims.filter((_, i) => s.mentioned[i] === true).map((v) => v.object);
	const indicatorId = uuid("indicator", 1);
	const patterns = mentioned.map(patternOf).filter((p): p is string => p !== undefined);
	objects.push({
		type: "indicator",
		id: indicatorId,
		...common,
		name: `pd indicator ${tag}`,
		pattern: patterns.length === 0 ? "[domain-name:value = 'bad.example']" : patterns.join(" OR "),
		pattern_type: "stix",
		valid_from: TIME,
	} as StixObject);
	const first = victims[0]?.object;
	if (s.withRelationship && first !== undefined)
		objects.push({
			type: "relationship",
			id: uuid("relationship", 2),
			...common,
			relationship_type: "related-to",
			source_ref: indicatorId,
			target_ref: first.id,
		} as StixObject);
	const observed = uuid("observed-data", 3);
	if (s.withSighting && victims.length > 0) {
		objects.push({
			type: "observed-data",
			id: observed,
			...common,
			first_observed: TIME,
			last_observed: TIME,
			number_observed: 1,
			object_refs: victims.map((v) => v.object.id),
		} as StixObject);
		objects.push({
			type: "sighting",
			id: uuid("sighting", 4),
			...common,
			sighting_of_ref: indicatorId,
			observed_data_refs: [observed],
		} as StixObject);
	}
	if (s.withReport)
		objects.push({
			type: "report",
			id: uuid("report", 5),
			...common,
			name: `pd report ${tag}`,
			published: TIME,
			object_refs: objects.map((o) => o.id),
		} as StixObject);
	return { objects, originals: victims.map((v) => ({ id: v.object.id, value: v.value })) };
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
	variants: fc.subarray(Object.keys(VARIANTS)),
	purpose: fc.constantFrom("network-defence", "criminal-investigation", "research" as const),
	marking: fc.constantFrom("clear", "green", "amber" as const),
	victims: fc.array(
		fc.record({
			kind: fc.constantFrom("ipv4-addr", "ipv6-addr", "email-addr", "user-account" as const),
			n: fc.nat(50),
		}),
		{ minLength: 1, maxLength: 4 },
	),
	mentioned: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
	withRelationship: fc.boolean(),
	withReport: fc.boolean(),
	withSighting: fc.boolean(),
});

/** Whether a treatment of the decision reaches the property holding the observable's value (`value`, `user_id`). */
function touchesValue(decision: Decision, object: StixObject): boolean {
	const property = object.type === "user-account" ? "user_id" : "value";
	return decision.treatments.some(
		(t) => t.objectType === object.type && (t.fields === undefined || t.fields.includes(property)),
	);
}

/** The reference properties the gate filters (all, at any depth): each must name an object the recipient receives. */
function refsOf(object: StixObject): string[] {
	return [...filteredReferenceIds(object)];
}

describe("personal data never leaves untreated for a recipient not entitled to it in full", () => {
	let node: ScenarioNode;
	before(async () => {
		node = await openScenarioNode({ nodeName: SCENARIO_NODE, parties: BASE, writers: [NCA] });
	});
	after(() => node.close());

	// An indicator whose pattern names a victim observable is judged with that observable wherever it goes (D19),
	// so GET objects/{indicator}/ and pages without the observable rewrite or withhold it too.
	it("on every output path, for random victim observables, referencing objects, recipients and policy variants", async () => {
		let transformedReleases = 0;
		let withheldOrTreated = 0;
		let policyVersion = 0;
		await fc.assert(
			fc.asyncProperty(scenario, async (s) => {
				for (const v of (await node.store.query({ versions: ["last"], limit: 1000 })).items)
					await node.store.deleteObject(v.id);
				let policy = BASE;
				for (const name of s.variants) policy = (VARIANTS[name] ?? ((p) => p))(policy);
				await node.store.putPolicy({ text: `pd ${++policyVersion}`, policy, appliedBy: "test" });
				const { objects, originals } = bundleOf(s);
				const report = await ingest(
					node.store,
					objects.map((object, index) => ({ index, object })),
					{ provenance: { organizationId: NCA, source: "test" } },
				);
				assert.equal(report.counts.rejected, 0, JSON.stringify(report.problems));
				const stored = objects.map((o) => o.id);
				for (const party of policy.parties) {
					if (party.id === NCA) continue;
					// Entitled in full: the gate's own decision for the observable, without treatments.
					const secrets: string[] = [];
					for (const original of originals) {
						const [version] = await node.store.getVersions(original.id, ["last"]);
						assert.ok(version !== undefined);
						const decision = await node.gate.explain(version, party.id, s.purpose);
						// Transformed by treatments that leave the value alone (GB: a user account's credential only)
						// is entitled to the value and so to the id.
						if (
							decision.verdict === "full" ||
							(decision.verdict === "transformed" && !touchesValue(decision, version.object))
						)
							continue;
						withheldOrTreated++;
						if (decision.verdict === "transformed") transformedReleases++;
						secrets.push(original.id, original.value);
					}
					const get = async (path: string) => {
						const answer = await node.get(path, party.id, s.purpose);
						return `${answer.status} ${answer.text}`;
					};
					const bodies: [string, string][] = [];
					const taxii = await get(`${ROOT}/objects/?match[version]=all&limit=1000`);
					bodies.push(["TAXII objects", taxii]);
					bodies.push(["TAXII manifest", await get(`${ROOT}/manifest/?match[version]=all&limit=1000`)]);
					for (const id of stored) {
						bodies.push([`TAXII object ${id}`, await get(`${ROOT}/objects/${id}/`)]);
						bodies.push([`TAXII versions ${id}`, await get(`${ROOT}/objects/${id}/versions/`)]);
						bodies.push([`REST object ${id}`, await get(`${API}/objects/${id}`)]);
						bodies.push([`REST versions ${id}`, await get(`${API}/objects/${id}/versions`)]);
					}
					bodies.push(["REST search", await get(`${API}/objects?limit=200`)]);
					for (const original of originals) {
						bodies.push([
							`REST search ${original.value}`,
							await get(`${API}/objects?limit=200&q=${encodeURIComponent(original.value)}`),
						]);
						bodies.push([
							`REST autocomplete ${original.value}`,
							await get(
								`${API}/autocomplete?limit=50&prefix=${encodeURIComponent(original.value.slice(0, 6))}`,
							),
						]);
					}
					const { text: exported } = await node.exportAs(party.id, { versions: ["all"] }, s.purpose);
					bodies.push(["export --as", exported]);
					for (const [where, body] of bodies)
						for (const secret of secrets)
							assert.ok(
								!body.includes(secret),
								`${where} as ${party.name} (${s.purpose}) contains ${secret}`,
							);

					// What is released (transformed or not) is valid STIX and names only what the recipient receives.
					const received = (JSON.parse(exported) as { objects: StixObject[] }).objects;
					const taxiiObjects = (JSON.parse(taxii.slice(4)) as { objects?: StixObject[] }).objects ?? [];
					for (const set of [received, taxiiObjects]) {
						const ids = new Set(set.map((o) => o.id));
						for (const object of set) {
							const errors = validateObject(object).filter((issue) => issue.severity === "error");
							assert.deepEqual(errors, [], `${object.id} as released to ${party.name} is not valid STIX`);
							for (const ref of refsOf(object))
								assert.ok(
									ids.has(ref),
									`${object.id} released to ${party.name} names ${ref}, which it does not receive`,
								);
						}
					}
				}
			}),
			{ numRuns: RUNS },
		);
		assert.ok(withheldOrTreated > 0, "some recipient was not entitled in full: the property is not vacuous");
		assert.ok(transformedReleases > 0, "some observable went out transformed");
	});
});
