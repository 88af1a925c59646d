// Granular-marked content removed from a released copy, for every selector form of STIX 2.1 §7.2.3 (D33).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { scoId } from "../../stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../../stix/markings/index.ts";
import { validateObject } from "../../stix/validate/index.ts";
import type { AppliedTreatment } from "../model.ts";
import { transformBundle } from "./bundle.ts";
import { rebaseAfterRemoval, removeSelected } from "./granular.ts";
import { transformObject } from "./transform-object.ts";

const RED = TLP2_DEFINITIONS.red.id;
const GREEN = TLP2_DEFINITIONS.green.id;
const T = "2024-05-01T10:00:00.000Z";
const context = {
	key: new Uint8Array(32).fill(5),
	nodeIdentity: `identity--${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`,
	now: T,
};

const hide = (objectType: string, selectors: string[]): AppliedTreatment => ({
	treatment: "drop",
	objectType,
	fields: selectors,
	granular: true,
	because: "field.granular: TLP:RED is beyond what the recipient may receive",
});

/** The released copy, asserted valid STIX (errors only) and free of `x_entente_derivation` for comparison. */
function released(object: StixObject, selectors: string[]): StixObject {
	const out = transformObject(object, [hide(object.type, selectors)], context);
	assert.equal(out.kind, "released", out.kind === "withheld" ? out.reason : "");
	if (out.kind !== "released") throw new Error("withheld");
	const errors = validateObject(out.object).filter((issue) => issue.severity === "error");
	assert.deepEqual(errors, [], "the released copy is valid STIX");
	const { x_entente_derivation: _derivation, ...rest } = out.object;
	return rest as StixObject;
}

const indicator = (extra: Record<string, unknown>): StixObject =>
	({
		type: "indicator",
		spec_version: "2.1",
		id: "indicator--6b1c2d3e-4f50-4a61-8b72-c3d4e5f60718",
		created: T,
		modified: T,
		name: "visible name",
		pattern: "[domain-name:value = 'evil.example']",
		pattern_type: "stix",
		valid_from: T,
		...extra,
	}) as StixObject;

const phases = [
	{ kill_chain_name: "lockheed", phase_name: "recon" },
	{ kill_chain_name: "lockheed", phase_name: "SECRET-PHASE" },
	{ kill_chain_name: "lockheed", phase_name: "actions" },
];

describe("granular-marked content removed from the released copy", () => {
	it("a top-level property: removed with its marking; a visible one kept with its own", () => {
		const out = released(
			indicator({
				description: "SECRET-DESCRIPTION",
				granular_markings: [
					{ marking_ref: RED, selectors: ["description"] },
					{ marking_ref: GREEN, selectors: ["name", "description"] },
				],
			}),
			["description"],
		);
		assert.equal(out.description, undefined);
		assert.equal(out.name, "visible name");
		assert.deepEqual(out.granular_markings, [{ marking_ref: GREEN, selectors: ["name"] }]);
	});

	it("a whole list item: later items' selectors shift down, earlier ones stay", () => {
		const out = released(
			indicator({
				labels: ["a", "SECRET-LABEL", "c", "d"],
				granular_markings: [
					{ marking_ref: RED, selectors: ["labels.[1]"] },
					{ marking_ref: GREEN, selectors: ["labels.[0]", "labels.[3]"] },
					{ lang: "de", selectors: ["labels.[2]"] },
				],
			}),
			["labels.[1]"],
		);
		assert.deepEqual(out.labels, ["a", "c", "d"]);
		assert.deepEqual(out.granular_markings, [
			{ marking_ref: GREEN, selectors: ["labels.[0]", "labels.[2]"] },
			{ lang: "de", selectors: ["labels.[1]"] },
		]);
	});

	it("external_references.[0].description: the property goes, the reference stays", () => {
		const out = released(
			indicator({
				external_references: [
					{ source_name: "vendor", url: "https://v.example/1", description: "SECRET-REF" },
					{ source_name: "other", url: "https://o.example/2" },
				],
				granular_markings: [
					{ marking_ref: RED, selectors: ["external_references.[0].description"] },
					{ marking_ref: GREEN, selectors: ["external_references.[1].url", "external_references.[0].url"] },
				],
			}),
			["external_references.[0].description"],
		);
		assert.deepEqual(out.external_references, [
			{ source_name: "vendor", url: "https://v.example/1" },
			{ source_name: "other", url: "https://o.example/2" },
		]);
		assert.deepEqual(out.granular_markings, [
			{ marking_ref: GREEN, selectors: ["external_references.[1].url", "external_references.[0].url"] },
		]);
	});

	it("an external reference left with only its source_name goes whole (one of description, url, external_id is required)", () => {
		const out = released(
			indicator({
				external_references: [
					{ source_name: "vendor", description: "SECRET-REF" },
					{ source_name: "other", url: "https://o.example/2" },
				],
				granular_markings: [
					{ marking_ref: RED, selectors: ["external_references.[0].description"] },
					{ marking_ref: GREEN, selectors: ["external_references.[1].url"] },
				],
			}),
			["external_references.[0].description"],
		);
		assert.deepEqual(out.external_references, [{ source_name: "other", url: "https://o.example/2" }]);
		assert.deepEqual(out.granular_markings, [
			{ marking_ref: GREEN, selectors: ["external_references.[0].url"] },
		]);
	});

	it("kill_chain_phases.[1].phase_name: the phase cannot lose its name, so it goes; [2] becomes [1]", () => {
		const out = released(
			indicator({
				kill_chain_phases: phases,
				granular_markings: [
					{ marking_ref: RED, selectors: ["kill_chain_phases.[1].phase_name"] },
					{ marking_ref: GREEN, selectors: ["kill_chain_phases.[2].phase_name", "kill_chain_phases.[0]"] },
				],
			}),
			["kill_chain_phases.[1].phase_name"],
		);
		assert.deepEqual(out.kill_chain_phases, [phases[0], phases[2]]);
		assert.deepEqual(out.granular_markings, [
			{ marking_ref: GREEN, selectors: ["kill_chain_phases.[1].phase_name", "kill_chain_phases.[0]"] },
		]);
	});

	it("several selectors into one list at once are all read in the stored object's indexes", () => {
		const out = released(
			indicator({
				kill_chain_phases: phases,
				granular_markings: [
					{ marking_ref: RED, selectors: ["kill_chain_phases.[0]", "kill_chain_phases.[1].phase_name"] },
					{ marking_ref: GREEN, selectors: ["kill_chain_phases.[2]"] },
				],
			}),
			["kill_chain_phases.[0]", "kill_chain_phases.[1].phase_name"],
		);
		assert.deepEqual(out.kill_chain_phases, [phases[2]]);
		assert.deepEqual(out.granular_markings, [{ marking_ref: GREEN, selectors: ["kill_chain_phases.[0]"] }]);
	});

	it("the last item of an optional list: the list goes too", () => {
		const out = released(
			indicator({
				kill_chain_phases: [phases[1]],
				granular_markings: [{ marking_ref: RED, selectors: ["kill_chain_phases.[0].phase_name"] }],
			}),
			["kill_chain_phases.[0].phase_name"],
		);
		assert.equal(out.kill_chain_phases, undefined);
		assert.equal(out.granular_markings, undefined);
	});

	it("lists of lists and nested dictionaries in custom properties", () => {
		const out = released(
			indicator({
				x_matrix: [["a", "SECRET-CELL"], ["SECRET-ROW"], ["e"]],
				x_notes: { inner: { keep: "k", secret: "SECRET-DICT" } },
				granular_markings: [
					{ marking_ref: RED, selectors: ["x_matrix.[0].[1]", "x_matrix.[1].[0]", "x_notes.inner.secret"] },
					{ marking_ref: GREEN, selectors: ["x_matrix.[2].[0]", "x_matrix.[0].[0]", "x_notes.inner.keep"] },
				],
			}),
			["x_matrix.[0].[1]", "x_matrix.[1].[0]", "x_notes.inner.secret"],
		);
		assert.deepEqual(out.x_matrix, [["a"], ["e"]]);
		assert.deepEqual(out.x_notes, { inner: { keep: "k" } });
		assert.deepEqual(out.granular_markings, [
			{ marking_ref: GREEN, selectors: ["x_matrix.[1].[0]", "x_matrix.[0].[0]", "x_notes.inner.keep"] },
		]);
	});

	it("extensions.<name>.<prop>: the property goes; an extension left empty goes, and extensions with it", () => {
		const body = { type: "file", spec_version: "2.1", name: "a.exe" };
		const file = {
			...body,
			id: scoId(body) ?? "",
			extensions: {
				"ntfs-ext": { alternate_data_streams: [{ name: "SECRET-STREAM", size: 4 }] },
				"windows-pebinary-ext": { pe_type: "exe", imphash: "SECRETIMPHASH" },
			},
			granular_markings: [
				{ marking_ref: RED, selectors: ["extensions.ntfs-ext.alternate_data_streams.[0].name"] },
				{ marking_ref: RED, selectors: ["extensions.windows-pebinary-ext.imphash"] },
				{ marking_ref: GREEN, selectors: ["extensions.windows-pebinary-ext.pe_type"] },
			],
		} as StixObject;
		const out = released(file, [
			"extensions.ntfs-ext.alternate_data_streams.[0].name",
			"extensions.windows-pebinary-ext.imphash",
		]);
		assert.deepEqual(out.extensions, { "windows-pebinary-ext": { pe_type: "exe" } });
		assert.deepEqual(out.granular_markings, [
			{ marking_ref: GREEN, selectors: ["extensions.windows-pebinary-ext.pe_type"] },
		]);
		// extensions contribute to a file's id: the id of the stored body is a hash of the hidden values.
		assert.notEqual(out.id, file.id);
		assert.equal(out.id, scoId(out));
	});

	it("withholds the object when a property it cannot lose is marked: its pattern, its id, its markings", () => {
		for (const selector of ["pattern", "id", "object_marking_refs", "granular_markings.[0].marking_ref"]) {
			const object = indicator({
				object_marking_refs: [GREEN],
				granular_markings: [{ marking_ref: RED, selectors: [selector] }],
			});
			const out = transformObject(object, [hide("indicator", [selector])], context);
			assert.equal(out.kind, "withheld", selector);
		}
		const report = {
			type: "report",
			spec_version: "2.1",
			id: "report--6b1c2d3e-4f50-4a61-8b72-c3d4e5f60719",
			created: T,
			modified: T,
			name: "r",
			published: T,
			object_refs: ["malware--6b1c2d3e-4f50-4a61-8b72-c3d4e5f60710"],
			granular_markings: [{ marking_ref: RED, selectors: ["object_refs.[0]"] }],
		} as StixObject;
		const out = transformObject(report, [hide("report", ["object_refs.[0]"])], context);
		assert.equal(
			out.kind,
			"withheld",
			"the only object_ref gone leaves a report without its required object_refs",
		);
	});

	it("a selector that selects nothing on this version removes nothing", () => {
		const object = indicator({ labels: ["a"] });
		const out = removeSelected(object, ["labels.[3]", "description"]);
		assert.deepEqual(out, { kind: "released", object, removed: [] });
	});

	it("records what went in the derivation, never the value", () => {
		const object = indicator({
			kill_chain_phases: phases,
			granular_markings: [{ marking_ref: RED, selectors: ["kill_chain_phases.[1].phase_name"] }],
		});
		const out = transformObject(object, [hide("indicator", ["kill_chain_phases.[1].phase_name"])], context);
		assert.equal(out.kind, "released");
		const text = JSON.stringify(out.kind === "released" ? out.object : {});
		assert.doesNotMatch(text, /SECRET/);
		assert.match(text, /"fields":\["kill_chain_phases\.\[1\]"\]/);
	});

	it("is not carried along references: a marked created_by_ref hides the reference, not the identity", () => {
		const identity = {
			type: "identity",
			spec_version: "2.1",
			id: "identity--6b1c2d3e-4f50-4a61-8b72-c3d4e5f60711",
			created: T,
			modified: T,
			name: "Vendor",
		} as StixObject;
		const object = indicator({
			created_by_ref: identity.id,
			granular_markings: [{ marking_ref: RED, selectors: ["created_by_ref"] }],
		});
		const out = transformBundle(
			[object, identity],
			new Map([[object.id, [hide("indicator", ["created_by_ref"])]]]),
			context,
		);
		assert.deepEqual(out.dropped, []);
		const [copy] = out.objects;
		assert.equal(copy?.created_by_ref, undefined);
		assert.equal(copy?.granular_markings, undefined);
		assert.equal(out.objects[1]?.name, "Vendor");
	});

	it("a container's object_refs shortened for a withheld object keep their granular markings on the right items", () => {
		const ids = [1, 2, 3].map((n) => `malware--6b1c2d3e-4f50-4a61-8b72-c3d4e5f6070${n}`);
		const malware = ids.map(
			(id) =>
				({
					type: "malware",
					spec_version: "2.1",
					id,
					created: T,
					modified: T,
					name: id,
					is_family: false,
				}) as StixObject,
		);
		const report = {
			type: "report",
			spec_version: "2.1",
			id: "report--6b1c2d3e-4f50-4a61-8b72-c3d4e5f60719",
			created: T,
			modified: T,
			name: "r",
			published: T,
			object_refs: ids,
			granular_markings: [
				{ marking_ref: GREEN, selectors: ["object_refs.[2]"] },
				{ marking_ref: RED, selectors: ["object_refs.[0]", "name"] },
			],
		} as StixObject;
		const hold: AppliedTreatment = { treatment: "hold", objectType: "malware", because: "held" };
		const out = transformBundle([report, ...malware], new Map([[ids[0] as string, [hold]]]), context);
		const copy = out.objects.find((o) => o.type === "report");
		assert.deepEqual(copy?.object_refs, ids.slice(1));
		assert.deepEqual(copy?.granular_markings, [
			{ marking_ref: GREEN, selectors: ["object_refs.[1]"] },
			{ marking_ref: RED, selectors: ["name"] },
		]);
		assert.deepEqual(
			validateObject(copy as StixObject).filter((issue) => issue.severity === "error"),
			[],
		);
	});

	it("rebaseAfterRemoval says when a change was not removals only, so the caller withholds", () => {
		const before = indicator({
			labels: ["a", "b", "c"],
			granular_markings: [{ marking_ref: RED, selectors: ["labels.[2]"] }],
		});
		const removed = { ...structuredClone(before), labels: ["a", "c"] } as StixObject;
		assert.equal(rebaseAfterRemoval(before, removed), true);
		assert.deepEqual(removed.granular_markings, [{ marking_ref: RED, selectors: ["labels.[1]"] }]);
		const changed = { ...structuredClone(before), labels: ["a", "x"] } as StixObject;
		assert.equal(rebaseAfterRemoval(before, changed), false);
	});
});
