// Marking a released copy as derived, and minting the ids of transformed observables.
import { createHmac } from "node:crypto";
import type { StixObject } from "../../stix/core.ts";
import { canonicalJson, ID_CONTRIBUTING_PROPERTIES, scoId } from "../../stix/ids/index.ts";
import { resolveSelector } from "../../stix/markings/index.ts";
import { SCO_TYPES } from "../../stix/types/index.ts";
import type { DerivationRule } from "./treat-object.ts";

/** The custom property carrying the derivation record on a released copy. */
export const DERIVATION_PROPERTY = "x_entente_derivation";

/**
 * What a released copy says about itself. Never a value, and for an observable never the original
 * id either (it is a hash of the value, so a dictionary attack recovers an IP address from it).
 */
export interface Derivation {
	/** Absent when the copy may not name its provider (IEP `attribution: must-not`): the node is often the provider. */
	derived_by?: string;
	at: string;
	/** Only for SDOs, SROs and meta objects, whose ids are random and keep across the transformation. */
	original_id?: string;
	rules: DerivationRule[];
}

const SCO_TYPE_SET: ReadonlySet<string> = new Set(SCO_TYPES);

/** True for a STIX cyber-observable type (its id may be derived from its value). */
export function isObservableType(type: string): boolean {
	return SCO_TYPE_SET.has(type);
}

/**
 * Records the derivation on the copy (replacing one a previous hop left, which named another node).
 * `nodeIdentity` undefined: the record names nobody (the copy may not name its provider).
 */
export function markDerived(
	object: StixObject,
	rules: readonly DerivationRule[],
	nodeIdentity: string | undefined,
	at: string,
): void {
	const unique = new Map<string, DerivationRule>();
	for (const rule of rules) unique.set(JSON.stringify(rule), rule);
	const derivation: Derivation =
		nodeIdentity === undefined
			? { at, rules: [...unique.values()] }
			: { derived_by: nodeIdentity, at, rules: [...unique.values()] };
	if (!isObservableType(object.type)) derivation.original_id = object.id;
	object[DERIVATION_PROPERTY] = derivation;
}

/**
 * The id of a changed observable: when an ID contributing property changed, the deterministic id of
 * the new body (STIX §2.9), or — when the type has none left (process, custom types) — a UUIDv4 made
 * from an HMAC of the old id under the node's key: stable per key, unlinkable without it.
 * Otherwise the id stays: it was not derived from anything that changed.
 */
export function mintObservableId(original: StixObject, released: StixObject, key: Uint8Array): string {
	const contributing = ID_CONTRIBUTING_PROPERTIES[original.type] ?? [];
	const pick = (o: StixObject) => canonicalJson(contributing.map((name) => o[name] ?? null));
	if (pick(original) === pick(released)) return original.id;
	return scoId(released) ?? `${original.type}--${keyedUuidV4(key, original.id)}`;
}

/** A UUID with version 4 and RFC 4122 variant bits whose other 122 bits are HMAC-SHA256(key, name). */
export function keyedUuidV4(key: Uint8Array, name: string): string {
	const digest = createHmac("sha256", key).update(`entente-id-v1\u0000${name}`, "utf8").digest();
	digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x40;
	digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
	const hex = digest.toString("hex", 0, 16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Removes granular-marking selectors whose property the transformation removed, and markings left with none. */
export function pruneGranularMarkings(object: StixObject): void {
	const markings = object.granular_markings;
	if (!Array.isArray(markings)) return;
	const kept = [];
	for (const marking of markings) {
		if (typeof marking !== "object" || marking === null) continue;
		const selectors = (marking as { selectors?: unknown }).selectors;
		if (!Array.isArray(selectors)) continue;
		const live = selectors.filter((s) => typeof s === "string" && resolveSelector(object, s).ok);
		if (live.length > 0) kept.push({ ...marking, selectors: live });
	}
	if (kept.length > 0) object.granular_markings = kept;
	else delete object.granular_markings;
}
