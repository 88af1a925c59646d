// The released copy of a set of objects: treatments applied, observables re-identified, references and patterns rewritten.

import type { StixObject } from "../../stix/core.ts";
import { forEachReference } from "../../stix/references/index.ts";
import type { AppliedTreatment } from "../model.ts";
import { defaultFields } from "./defaults.ts";
import { isObservableType, markDerived, mintObservableId, pruneGranularMarkings } from "./derivation.ts";
import { rebaseAfterRemoval } from "./granular.ts";
import { findLeak, orderForReplacement, replaceMentions } from "./mentions.ts";
import { isReferenceProperty, mapStrings, valuesAt } from "./paths.ts";
import { indexSubstitutions, rewritePattern } from "./pattern-rewrite.ts";
import { rewriteReferences, withdrawReferences } from "./references.ts";
import { type DerivationRule, type Substitution, treatFields } from "./treat-object.ts";

/** What a transformation needs from the node. */
export interface TransformContext {
	/** HMAC key for pseudonyms and minted ids; it never leaves this node. At least 16 bytes. */
	key: Uint8Array;
	/** Identity id of this node's organisation, recorded as `derived_by`. */
	nodeIdentity: string;
	/** RFC 3339 timestamp recorded as the derivation time. */
	now: string;
}

/**
 * The outcome of `transformBundle`. `objects` is what may be sent; `idMap` (old SCO id → new) and
 * `dropped`/`reasons` are for this node only (receipts, logs): an old SCO id reveals its value.
 */
export interface TransformedBundle {
	objects: StixObject[];
	idMap: Map<string, string>;
	/** Ids of objects withheld (held for review, invalid once treated, or still mentioning a transformed value). */
	dropped: string[];
	reasons: Map<string, string>;
}

interface Entry {
	original: StixObject;
	object: StixObject;
	rules: DerivationRule[];
	substitutions: Substitution[];
	/** The copy may not name its provider, nor so the node that derived it. */
	anonymous: boolean;
	withheld?: string;
}

/**
 * Produces the released copy of `objects` under `plan` (treatments per object id, from `decide`).
 * In order: treatments carried along references (pseudonymise an e-mail's `to_refs` → its recipients),
 * field treatments per object, indicator patterns and text mentioning transformed values, references
 * to withheld objects removed (an object left without a required reference is withheld too), new
 * ids for changed observables (to a fixpoint, since `network-traffic` ids hash their `src_ref`),
 * every reference rewritten, derivation recorded, and a last scan that withholds any object still
 * containing a transformed value or an old observable id. Pure: the input is not modified. `stored`
 * gives the stored body of an object the gate already withdrew references from: an observable's id is
 * minted against it, so one that lost an id-contributing reference (network-traffic's src_ref) is re-minted.
 * @example
 * const out = transformBundle(objects, new Map([[ip.id, [{ treatment: "pseudonymise", objectType: "ipv4-addr", because: "EU victim IP" }]]]), context);
 */
export function transformBundle(
	objects: readonly StixObject[],
	plan: ReadonlyMap<string, readonly AppliedTreatment[]>,
	context: TransformContext,
	stored: ReadonlyMap<string, StixObject> = new Map(),
): TransformedBundle {
	const expanded = carryAlongReferences(objects, plan);
	const entries: Entry[] = objects.map((original) => {
		const outcome = treatFields(original, expanded.get(original.id) ?? [], context.key);
		return outcome.kind === "withheld"
			? {
					original,
					object: original,
					rules: [],
					substitutions: [],
					anonymous: false,
					withheld: outcome.reason,
				}
			: {
					original,
					object: outcome.object,
					rules: outcome.rules,
					substitutions: outcome.substitutions,
					anonymous: outcome.anonymous,
				};
	});
	const substitutions = orderForReplacement(entries.flatMap((e) => e.substitutions));
	const live = () => entries.filter((e) => e.withheld === undefined);

	for (const entry of live())
		rewriteMentions(entry, plan.get(entry.original.id) ?? [], substitutions, context.key);
	withdrawFromWithheld(entries);
	const idMap = mintIds(live(), context.key, stored);
	for (const entry of live()) {
		if (rewriteReferences(entry.object, idMap)) {
			entry.rules.push({
				treatment: "rewrite-references",
				because: "referenced observables were transformed",
			});
		}
		const newId = idMap.get(entry.original.id);
		if (newId !== undefined) entry.object.id = newId;
		if (entry.rules.length > 0) {
			markDerived(entry.object, entry.rules, entry.anonymous ? undefined : context.nodeIdentity, context.now);
			pruneGranularMarkings(entry.object);
		}
	}
	const oldIds = new Set(idMap.keys());
	for (const entry of live()) {
		const leak = findLeak(entry.object, substitutions, oldIds);
		if (leak !== undefined) entry.withheld = `still contains ${leak}`;
	}
	return collect(entries, idMap);
}

/**
 * Treatments that name a reference property, or another type than the object's, apply to the
 * objects referenced (one hop): `drop` of `to_refs` withholds the recipients as well as the link.
 */
function carryAlongReferences(
	objects: readonly StixObject[],
	plan: ReadonlyMap<string, readonly AppliedTreatment[]>,
): Map<string, AppliedTreatment[]> {
	const present = new Set(objects.map((o) => o.id));
	const out = new Map<string, AppliedTreatment[]>();
	for (const [id, treatments] of plan) out.set(id, [...treatments]);
	const carry = (targetId: string, t: AppliedTreatment, fields: readonly string[] | undefined) => {
		if (!present.has(targetId)) return;
		const objectType = targetId.slice(0, targetId.indexOf("--"));
		const carried: AppliedTreatment =
			fields === undefined
				? { treatment: t.treatment, objectType, because: t.because }
				: { treatment: t.treatment, objectType, fields, because: t.because };
		const list = out.get(targetId) ?? [];
		if (!list.some((x) => JSON.stringify(x) === JSON.stringify(carried))) list.push(carried);
		out.set(targetId, list);
	};
	for (const object of objects) {
		for (const t of plan.get(object.id) ?? []) {
			// The provider's identity is not personal data of the identity object: omit-provider stays on the copy.
			if (t.treatment === "hold" || t.treatment === "omit-provider" || t.granular === true) continue;
			if (t.objectType === object.type) {
				const fields = t.fields ?? defaultFields(t.treatment, object.type) ?? [];
				for (const field of fields) {
					if (!isReferenceProperty(field.split(".").pop() ?? "")) continue;
					for (const value of valuesAt(object, field)) {
						for (const ref of [value].flat()) if (typeof ref === "string") carry(ref, t, undefined);
					}
				}
			} else if (object.type !== "indicator") {
				forEachReference(object, (holder, name) => {
					if (name === "created_by_ref" || name === "object_marking_refs" || name === "marking_ref") return;
					for (const ref of [holder[name]].flat()) {
						if (typeof ref === "string" && ref.startsWith(`${t.objectType}--`)) carry(ref, t, t.fields);
					}
				});
			}
		}
	}
	return out;
}

const NOT_TEXT = new Set(["id", "type", "spec_version", "created", "modified", "pattern", "pattern_type"]);

/** Indicator patterns through the pattern AST; every other string by whole-token replacement. */
function rewriteMentions(
	entry: Entry,
	treatments: readonly AppliedTreatment[],
	substitutions: readonly Substitution[],
	key: Uint8Array,
): void {
	const object = entry.object;
	const pattern = object.pattern;
	const forOthers = treatments.filter((t) => t.objectType !== object.type && t.treatment !== "hold");
	if (object.type === "indicator" && typeof pattern === "string") {
		if (object.pattern_type !== "stix") {
			if (forOthers.length > 0) {
				entry.withheld = `cannot apply ${forOthers[0]?.treatment} of ${forOthers[0]?.objectType} to a ${String(object.pattern_type)} pattern`;
				return;
			}
			const replaced = replaceMentions(pattern, substitutions);
			if (replaced !== pattern) object.pattern = replaced;
		} else {
			const outcome = rewritePattern(pattern, forOthers, indexSubstitutions(substitutions), key);
			if (outcome.kind === "withheld") {
				entry.withheld = outcome.reason;
				return;
			}
			if (outcome.kind === "rewritten") {
				object.pattern = outcome.pattern;
				const because = outcome.rules.map((t) => t.because);
				entry.rules.push({
					treatment: "rewrite-pattern",
					because: because.length > 0 ? because.join("; ") : "values transformed elsewhere in this release",
				});
			}
		}
	}
	const skip = (name: string) => NOT_TEXT.has(name) || isReferenceProperty(name);
	if (mapStrings(object, skip, (text) => replaceMentions(text, substitutions))) {
		entry.rules.push({
			treatment: "replace-mentions",
			because: "mentions of values transformed in this release",
		});
	}
}

/** Removes references to withheld objects, withholding in turn whatever cannot lose them, to a fixpoint. */
function withdrawFromWithheld(entries: Entry[]): void {
	for (;;) {
		const released = new Set(entries.filter((e) => e.withheld === undefined).map((e) => e.original.id));
		const gone = new Set(entries.filter((e) => !released.has(e.original.id)).map((e) => e.original.id));
		let more = false;
		for (const entry of entries) {
			if (entry.withheld !== undefined) continue;
			const outcome = withdrawReferences(entry.object, gone);
			if (outcome.kind === "withheld") {
				entry.withheld = outcome.reason;
				more = true;
			} else if (outcome.changed) {
				// Granular markings follow the references withdrawn (D33): `object_refs.[2]` stays on the same id.
				// The outcome is a copy: entry.object is still the body before.
				if (
					entry.object.granular_markings !== undefined &&
					!rebaseAfterRemoval(entry.object, outcome.object)
				) {
					entry.withheld =
						"its granular markings cannot be placed on what is left once references are withdrawn";
					more = true;
					continue;
				}
				entry.object = outcome.object;
				entry.rules.push({ treatment: "rewrite-references", because: "referenced objects are withheld" });
			}
		}
		if (!more) return;
	}
}

/**
 * New ids for observables whose ID contributing properties changed, including through references, compared
 * with the stored body when the gate already withdrew references from the object (`stored`).
 */
function mintIds(
	entries: readonly Entry[],
	key: Uint8Array,
	stored: ReadonlyMap<string, StixObject>,
): Map<string, string> {
	const idMap = new Map<string, string>();
	const observables = entries.filter((e) => isObservableType(e.original.type));
	for (let round = 0; round <= observables.length; round++) {
		let changed = false;
		for (const entry of observables) {
			const candidate = structuredClone(entry.object);
			rewriteReferences(candidate, idMap);
			const id = mintObservableId(stored.get(entry.original.id) ?? entry.original, candidate, key);
			if (id !== entry.original.id && idMap.get(entry.original.id) !== id) {
				idMap.set(entry.original.id, id);
				changed = true;
			}
		}
		if (!changed) break;
	}
	return idMap;
}

/** The released objects, one per id and version (generalised observables can coincide), and the withheld ids. */
function collect(entries: readonly Entry[], idMap: Map<string, string>): TransformedBundle {
	const objects: StixObject[] = [];
	const seen = new Set<string>();
	const reasons = new Map<string, string>();
	for (const entry of entries) {
		if (entry.withheld !== undefined) {
			if (!reasons.has(entry.original.id)) reasons.set(entry.original.id, entry.withheld);
			continue;
		}
		const key = `${entry.object.id}\u0000${entry.object.modified ?? ""}`;
		if (seen.has(key)) continue;
		seen.add(key);
		objects.push(entry.object);
	}
	return { objects, idMap, dropped: [...reasons.keys()], reasons };
}
