// The form edits of a policy file (`POST /api/v1/policy/edit`): one structured change applied to the text as
// written, comments and layout kept; the result is checked as any policy file is (D63).
import { parseDocument } from "yaml";
import type { PapLevel, Purpose, TlpLevel } from "../model.ts";
import { appendEntry, applySplice, hasMap, removeKey, type Splice, setKey } from "./edit-text.ts";
import { agreementSchema, partySchema } from "./schema.ts";

/** A new entry's fields as the file writes them (checked by the parse that follows the edit). */
export type EntryFields = Readonly<Record<string, unknown>>;

/** One change a form makes. Keys are the file's short keys (`uk-nca`, `jcat`) and jurisdiction codes (`EU`). */
export type PolicyChange =
	| { kind: "add-party"; key: string; party: EntryFields }
	| { kind: "add-agreement"; key: string; agreement: EntryFields }
	| {
			kind: "set-ceiling";
			/** `subgroup`: `key` is the community, `subgroup` the subgroup's key. */
			target: "party" | "agreement" | "subgroup";
			key: string;
			subgroup?: string | undefined;
			/** null removes a party's or subgroup's own ceiling; an agreement always has one. */
			tlpCeiling?: TlpLevel | null | undefined;
			/** Agreements only. */
			papCeiling?: PapLevel | undefined;
	  }
	| { kind: "set-purposes"; agreement: string; purposes: readonly Purpose[] }
	| {
			kind: "set-legal-basis-window";
			jurisdiction: string;
			basis: string;
			from: string;
			/** Absent or null: open-ended. */
			until?: string | null | undefined;
	  };

export type PolicyEditResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * `text` after `change`, only the changed value's characters different; or why the change cannot be made (its
 * target is missing, it adds a key already there, the text is not readable YAML). The result may still be an
 * invalid policy: parse it to learn its errors.
 * @example editPolicyText(text, { kind: "set-purposes", agreement: "jcat", purposes: ["crime-prevention"] })
 */
export function editPolicyText(text: string, change: PolicyChange): PolicyEditResult {
	const document = parseDocument(text, { uniqueKeys: false });
	const syntax = document.errors[0];
	if (syntax !== undefined)
		return refused(`the text is not readable YAML (${syntax.message}); fix it in the editor first`);
	try {
		const splices = splicesFor(text, document, change);
		if (typeof splices === "string") return refused(splices);
		// Later splices first, so earlier offsets stay true.
		const ordered = [...splices].sort((a, b) => b.start - a.start);
		return { ok: true, text: ordered.reduce(applySplice, text) };
	} catch (error) {
		return refused(`${(error as Error).message}; edit the text directly`);
	}
}

function refused(message: string): PolicyEditResult {
	return { ok: false, message };
}

/** The splices of a change, or why it cannot be made. */
function splicesFor(
	text: string,
	document: ReturnType<typeof parseDocument>,
	change: PolicyChange,
): Splice[] | string {
	switch (change.kind) {
		case "add-party":
		case "add-agreement": {
			const [section, noun, schema, fields] =
				change.kind === "add-party"
					? (["parties", "party", partySchema, change.party] as const)
					: (["agreements", "agreement", agreementSchema, change.agreement] as const);
			if (document.hasIn([section, change.key]))
				return `there is already a ${noun} "${change.key}"; choose another key`;
			return [appendEntry(text, document, section, change.key, inSchemaOrder(fields, schema.shape))];
		}
		case "set-ceiling":
			return ceilingSplices(text, document, change);
		case "set-purposes":
			if (!hasMap(document, ["agreements", change.agreement]))
				return `there is no agreement "${change.agreement}"`;
			return [setKey(text, document, ["agreements", change.agreement], "purposes", change.purposes)];
		case "set-legal-basis-window": {
			const path = ["jurisdictions", change.jurisdiction, "legalBases", change.basis];
			if (!hasMap(document, path))
				return `jurisdiction "${change.jurisdiction}" has no legal basis "${change.basis}"`;
			const window = { from: change.from, ...(change.until == null ? {} : { until: change.until }) };
			return [setKey(text, document, path, "validity", window)];
		}
	}
}

function ceilingSplices(
	text: string,
	document: ReturnType<typeof parseDocument>,
	change: Extract<PolicyChange, { kind: "set-ceiling" }>,
): Splice[] | string {
	if (change.tlpCeiling === undefined && change.papCeiling === undefined)
		return "name a tlpCeiling or a papCeiling to set";
	if (change.papCeiling !== undefined && change.target !== "agreement")
		return "only an agreement has a papCeiling";
	const path =
		change.target === "party"
			? ["parties", change.key]
			: change.target === "agreement"
				? ["agreements", change.key]
				: ["communities", change.key, "subgroups", change.subgroup ?? ""];
	if (change.target === "subgroup" && change.subgroup === undefined) return "name the subgroup to change";
	if (!hasMap(document, path)) return `there is no ${change.target} "${path.slice(1).join(" / ")}"`;
	if (change.tlpCeiling === null && change.target === "agreement")
		return "an agreement always has a tlpCeiling; set another level instead";
	const splices: Splice[] = [];
	if (change.tlpCeiling === null) {
		const removal = removeKey(text, document, path, "tlpCeiling");
		if (removal !== undefined) splices.push(removal);
	} else if (change.tlpCeiling !== undefined)
		splices.push(setKey(text, document, path, "tlpCeiling", change.tlpCeiling));
	if (change.papCeiling !== undefined)
		splices.push(setKey(text, document, path, "papCeiling", change.papCeiling));
	return splices;
}

/** The fields in the order the schema lists them (as the reference scenario writes them), unknown ones last. */
function inSchemaOrder(fields: EntryFields, shape: Record<string, unknown>): Record<string, unknown> {
	const ordered: Record<string, unknown> = {};
	for (const key of Object.keys(shape)) if (fields[key] !== undefined) ordered[key] = fields[key];
	for (const [key, value] of Object.entries(fields)) if (!(key in ordered)) ordered[key] = value;
	return ordered;
}
