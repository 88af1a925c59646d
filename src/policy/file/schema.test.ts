// The policy file's entries (schema.ts, zod) and the model (model.ts) describe the same things: tsc checks that each
// entry has exactly its model type's fields, apart from those the file writes differently (decisions D40).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Agreement, Community, Jurisdiction, LegalBasis, Party } from "../model.ts";
import type {
	AgreementEntry,
	CommunityEntry,
	JurisdictionEntry,
	LegalBasisEntry,
	PartyEntry,
	SubgroupEntry,
} from "./schema.ts";

/** `T` compared as data: deeply readonly, an absent optional property the same as one that is undefined. */
type AsData<T> = T extends readonly (infer U)[]
	? readonly AsData<U>[]
	: T extends object
		? { readonly [K in keyof T]: AsData<Exclude<T[K], undefined>> }
		: T;

/**
 * `true` when `Entry` has the fields of `Model` but `Keyed` (the entry's map key in the file: an id or a code), and
 * each field but `Written` (written another way in the file) has the model's type; else what differs.
 */
type Corresponds<Model, Entry, Keyed extends keyof Model, Written extends keyof Entry = never> = [
	Exclude<keyof Model, keyof Entry | Keyed> | Exclude<keyof Entry, keyof Model>,
] extends [never]
	? [AsData<Omit<Entry, Written>>] extends [AsData<Omit<Model, Keyed | Written>>]
		? [AsData<Omit<Model, Keyed | Written>>] extends [AsData<Omit<Entry, Written>>]
			? true
			: { modelWiderThanFile: Model }
		: { fileWiderThanModel: Entry }
	: { onlyInModel: Exclude<keyof Model, keyof Entry | Keyed>; onlyInFile: Exclude<keyof Entry, keyof Model> };

// A field added to one side only fails `tsc --noEmit -p .` here. What the file writes differently, and why:
// a party's `node` may be left out (the file's own node), and `clients` are short keys (resolved to ids); a
// jurisdiction's legal bases and a community's subgroups are maps by key, read entry by entry (read-entries.ts).
export type FileMirrorsModel = [
	Corresponds<Party, PartyEntry, never, "node">,
	Corresponds<Jurisdiction, JurisdictionEntry, "code", "legalBases">,
	Corresponds<LegalBasis, LegalBasisEntry, "id">,
	Corresponds<Agreement, AgreementEntry, "id">,
	Corresponds<Community, CommunityEntry, "id", "subgroups">,
	Corresponds<Community["subgroups"][number], SubgroupEntry, "id">,
];
const mirrored: FileMirrorsModel = [true, true, true, true, true, true];

describe("the policy file's schema and the model", () => {
	it("describe the same fields (tsc checks FileMirrorsModel)", () => {
		assert.equal(mirrored.length, 6);
	});
});
