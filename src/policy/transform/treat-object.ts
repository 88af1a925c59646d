// Field-level treatments on one object: the released body, what changed, and the values that now stand for others.

import type { StixObject } from "../../stix/core.ts";
import type { AppliedTreatment, Treatment } from "../model.ts";
import {
	COARSE_LOCATION_FIELDS,
	defaultFields,
	FINE_LOCATION_FIELDS,
	isRequired,
	isValueReplacing,
} from "./defaults.ts";
import { removeSelected } from "./granular.ts";
import { deletePath, hasPath, isReferenceProperty, mapPath } from "./paths.ts";
import { treatValue } from "./values.ts";

/** An original value and what replaced it, so mentions of it elsewhere (patterns, text) follow. */
export interface Substitution {
	objectType: string;
	property: string;
	from: string;
	to: string;
	/** True when `to` is a network that contains `from` (a pattern `=` becomes `ISSUBSET`). */
	network: boolean;
}

/** The treatment rule recorded on the released copy: no values, only what was done and why. */
export interface DerivationRule {
	treatment: AppliedTreatment["treatment"] | "rewrite-references" | "rewrite-pattern" | "replace-mentions";
	fields?: string[];
	because: string;
}

export type FieldOutcome =
	| {
			kind: "released";
			object: StixObject;
			rules: DerivationRule[];
			substitutions: Substitution[];
			/** An `omit-provider` treatment applied: the derivation record must not name who derived the copy. */
			anonymous: boolean;
	  }
	| { kind: "withheld"; reason: string };

/** Why a user account's credential is removed whatever the plan says. */
export const CREDENTIAL_RULE = "a user account's credential never leaves the node";

/**
 * Applies to a copy of `object` the treatments whose `objectType` is its type. Treatments for other
 * types (pattern constants of an indicator, objects behind references) are the bundle's business.
 * Fails closed: a treatment with no fields it knows how to apply withholds the object, and so does
 * removing a property the type requires.
 */
export function treatFields(
	object: StixObject,
	treatments: readonly AppliedTreatment[],
	key: Uint8Array,
): FieldOutcome {
	const rules: DerivationRule[] = [];
	const granular = removeGranular(object, treatments, rules);
	if (granular.kind === "withheld") return granular;
	const treated: Treated = { object, copy: granular.copy, key, rules, substitutions: [], anonymous: false };
	for (const t of treatments) {
		if (t.treatment === "hold") return { kind: "withheld", reason: `held for review: ${t.because}` };
		if (t.objectType !== object.type || t.granular === true) continue;
		const withheld = applyTreatment(treated, t);
		if (withheld !== undefined) return { kind: "withheld", reason: withheld };
	}
	if (object.type === "user-account" && deletePath(treated.copy, "credential")) {
		rules.push({ treatment: "drop", fields: ["credential"], because: CREDENTIAL_RULE });
	}
	return {
		kind: "released",
		object: treated.copy,
		rules,
		substitutions: treated.substitutions,
		anonymous: treated.anonymous,
	};
}

/** One object's copy under treatment, and what has been done to it so far. */
interface Treated {
	readonly object: StixObject;
	/** The copy being treated (changed in place). */
	readonly copy: StixObject;
	readonly key: Uint8Array;
	readonly rules: DerivationRule[];
	readonly substitutions: Substitution[];
	anonymous: boolean;
}

/**
 * Granular-marked content first, all selectors at once: they are paths into the object as stored. Returns
 * the copy to treat further, or why the object is withheld.
 */
function removeGranular(
	object: StixObject,
	treatments: readonly AppliedTreatment[],
	rules: DerivationRule[],
): { kind: "kept"; copy: StixObject } | { kind: "withheld"; reason: string } {
	const granular = treatments.filter((t) => t.granular === true && t.objectType === object.type);
	const copy = structuredClone(object);
	if (granular.length === 0) return { kind: "kept", copy };
	const outcome = removeSelected(copy, [...new Set(granular.flatMap((t) => t.fields ?? []))]);
	if (outcome.kind === "withheld")
		return { kind: "withheld", reason: `${outcome.reason}: ${granular.map((t) => t.because).join("; ")}` };
	// Each rule records what went on its account: its selectors, or the structure they grew to.
	for (const t of granular) {
		const mine = t.fields ?? [];
		const fields = outcome.removed.filter((r) => mine.some((f) => f === r || f.startsWith(`${r}.`)));
		if (fields.length > 0) rules.push({ treatment: "drop", fields, because: t.because });
	}
	return { kind: "kept", copy: outcome.object };
}

/** Applies one treatment of the object's type to the copy; returns why the object is withheld, if it is. */
function applyTreatment(treated: Treated, t: AppliedTreatment): string | undefined {
	const { object, copy, rules } = treated;
	if (t.treatment === "omit-provider") {
		treated.anonymous = true;
		const removed = omitProvider(copy);
		if (removed.length > 0) rules.push({ treatment: t.treatment, fields: removed, because: t.because });
		return undefined;
	}
	const treatment = t.treatment;
	if (
		(treatment === "coarsen" || treatment === "generalise") &&
		t.fields === undefined &&
		(object.type === "location" || object.type === "identity")
	) {
		const outcome =
			object.type === "location" ? coarsenLocation(copy) : coarsenIdentity(copy, treated.substitutions);
		if (outcome !== undefined) return outcome;
		rules.push({ treatment, because: t.because });
		return undefined;
	}
	const fields = t.fields ?? defaultFields(treatment, object.type);
	if (fields === undefined) return `no known personal data in ${object.type} to ${treatment}: ${t.because}`;
	const touched: string[] = [];
	for (const field of fields) {
		const last = field.split(".").pop() ?? field;
		const topLevel = !field.includes(".");
		// References are carried to the objects they point at, except `drop`, which removes the link too.
		if (isReferenceProperty(last) && treatment !== "drop") continue;
		if (!hasPath(copy, field)) continue;
		const changed = mapPath(copy, field, (value) => treatRecorded(treated, treatment, field, value));
		if (topLevel && isRequired(object.type, field) && copy[field] === undefined)
			return `${treatment} of ${object.type}.${field} leaves no valid object: ${t.because}`;
		if (changed) touched.push(field);
	}
	if (touched.length > 0) rules.push({ treatment, fields: touched, because: t.because });
	return undefined;
}

/** The treated value of `field`; a value replaced by another is recorded as a substitution, so mentions follow. */
function treatRecorded(
	{ object, key, substitutions }: Treated,
	treatment: Treatment,
	field: string,
	value: unknown,
): unknown {
	const next = treatValue(treatment, { objectType: object.type, property: field }, value, key);
	if (typeof value !== "string" || typeof next !== "string" || next === value || !isValueReplacing(treatment))
		return next;
	// A second treatment of the same value (a law and an agreement both pseudonymise it) replaces the
	// replacement: the original then stands for the last value, so mentions follow in one step.
	const earlier = substitutions.find(
		(s) => s.objectType === object.type && s.property === field && s.to === value,
	);
	if (earlier !== undefined) {
		earlier.to = next;
		earlier.network ||= treatment !== "pseudonymise";
		return next;
	}
	substitutions.push({
		objectType: object.type,
		property: field,
		from: value,
		to: next,
		network: treatment !== "pseudonymise",
	});
	return next;
}

/**
 * Removes what names the provider: `created_by_ref`, and the `derived_by` a previous hop's derivation
 * record left (the node that derived a copy is often the provider's). Returns the paths removed.
 */
function omitProvider(copy: StixObject): string[] {
	const removed: string[] = [];
	if (deletePath(copy, "created_by_ref")) removed.push("created_by_ref");
	// derivation.ts's DERIVATION_PROPERTY, spelt out: that module imports this one.
	if (deletePath(copy, "x_entente_derivation.derived_by")) removed.push("x_entente_derivation.derived_by");
	return removed;
}

/** Keeps a location's country and region only; a location with neither cannot be coarsened. */
function coarsenLocation(location: StixObject): string | undefined {
	for (const field of FINE_LOCATION_FIELDS) delete location[field];
	const kept = [...COARSE_LOCATION_FIELDS].some((field) => location[field] !== undefined);
	return kept ? undefined : "location has no country or region to coarsen to";
}

/**
 * An individual becomes "Individual (<sectors>)": name, contact details, roles, description and
 * external references go. Organisations keep their name; their contact information goes.
 */
function coarsenIdentity(identity: StixObject, substitutions: Substitution[]): string | undefined {
	delete identity.contact_information;
	if (identity.identity_class !== "individual") return undefined;
	const sectors = Array.isArray(identity.sectors)
		? identity.sectors.filter((s) => typeof s === "string")
		: [];
	const name = sectors.length > 0 ? `Individual (${sectors.join(", ")})` : "Individual";
	const original = identity.name;
	if (typeof original === "string" && original !== name) {
		substitutions.push({
			objectType: "identity",
			property: "name",
			from: original,
			to: name,
			network: false,
		});
	}
	identity.name = name;
	for (const field of ["description", "roles", "external_references"]) delete identity[field];
	return undefined;
}
