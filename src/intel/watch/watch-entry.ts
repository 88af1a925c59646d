// What an organisation may watch (D51): a value in its normal form, of a known kind, within bounds, with the
// errors naming the fix. A watched block must be an organisation's own, not half the Internet.
import { AppError } from "../../errors/index.ts";
import {
	classify,
	OBSERVABLE_KINDS,
	type ObservableKind,
	registrableDomain,
	tryNormalise,
} from "../../observables/index.ts";
import { ipRangeOf } from "../ip-range.ts";

/** The bounds of a watch-list, checked before any work on the value. */
export const WATCH_LIMITS = {
	/** Characters of a value as sent (a domain is at most 253 octets; a URL or key a few hundred). */
	valueChars: 2048,
	labelChars: 200,
	entriesPerOrganization: 1000,
	/** The widest block an organisation may watch: an IPv4 /8, an IPv6 /32 (an LIR's allocation). */
	widestPrefix: { 4: 8, 6: 32 },
} as const;

/** An entry as a user writes it: the kind may be left out when the value's shape says it. */
export interface WatchEntryInput {
	kind?: string | undefined;
	value: string;
	label?: string | undefined;
}

/** An entry ready to store: its kind, its value in normal form, its label. */
export interface WatchValue {
	kind: ObservableKind;
	value: string;
	label: string;
}

/**
 * Checks and normalises an entry: the value's length first, then its kind (named, or guessed from its shape),
 * its normal form, and for blocks their width; a domain must be below a public suffix.
 * @throws AppError E_WATCH_ENTRY_INVALID naming what is wrong and what to send instead.
 * @example watchValueOf({ value: "192.0.2.0/24", label: "office" }) // { kind: "ipv4", value: "192.0.2.0/24", label: "office" }
 */
export function watchValueOf(input: WatchEntryInput): WatchValue {
	const label = (input.label ?? "").trim();
	if (label.length > WATCH_LIMITS.labelChars) {
		throw invalid(`a label is at most ${WATCH_LIMITS.labelChars} characters; this one has ${label.length}`);
	}
	const raw = input.value.trim();
	if (raw === "")
		throw invalid("the value is empty: send an address or CIDR block, an ASN, a domain or a value");
	if (raw.length > WATCH_LIMITS.valueChars) {
		throw invalid(
			`a watched value is at most ${WATCH_LIMITS.valueChars} characters; this one has ${raw.length}: send the address, block, ASN or domain alone`,
		);
	}
	const kind = kindOf(input.kind, raw);
	const normal = tryNormalise(kind, raw);
	// The normaliser's message names the value, its kind and what is wrong with it.
	if ("error" in normal) throw invalid(normal.error);
	checkWidth(kind, normal.value);
	if (kind === "domain" && registrableDomain(normal.value) === undefined) {
		throw invalid(
			`${normal.value} is a public suffix, shared by unrelated owners: watch your own domain below it (e.g. example.${normal.value})`,
		);
	}
	return { kind, value: normal.value, label };
}

function kindOf(named: string | undefined, raw: string): ObservableKind {
	if (named !== undefined && named !== "") {
		const kind = OBSERVABLE_KINDS.find((k) => k === named);
		if (kind === undefined)
			throw invalid(`unknown kind '${named}': use one of ${OBSERVABLE_KINDS.join(", ")}`);
		return kind;
	}
	const guessed = classify(raw)?.kind ?? shapeOf(raw);
	if (guessed === undefined) {
		throw invalid(
			`cannot tell what kind of value '${raw.slice(0, 80)}' is: name its kind (ipv4, ipv6, asn, domain, url, email, sha256, … — ${OBSERVABLE_KINDS.length} in all)`,
		);
	}
	return guessed;
}

/**
 * The kind a value that classify() refuses was meant to be, judged by its characters alone, so that a malformed
 * block (`10.0.0.0/33`) is told what is wrong with it as an address rather than that it is no known kind.
 */
function shapeOf(raw: string): ObservableKind | undefined {
	if (/^[\d.]+(\/\d*)?$/.test(raw)) return "ipv4";
	if (/^[\da-f:.]+(\/\d*)?$/i.test(raw) && raw.includes(":")) return "ipv6";
	if (/^asn?\s*[\d.]+$/i.test(raw)) return "asn";
	return undefined;
}

function checkWidth(kind: ObservableKind, value: string): void {
	if (kind !== "ipv4" && kind !== "ipv6") return;
	const range = ipRangeOf(value);
	if (range === undefined) return;
	const widest = WATCH_LIMITS.widestPrefix[range.version];
	if (range.prefix < widest) {
		throw invalid(
			`${value} is wider than an IPv${range.version} /${widest}: watch the blocks your organisation holds, each /${widest} or narrower`,
		);
	}
}

function invalid(message: string): AppError {
	return new AppError("E_WATCH_ENTRY_INVALID", message);
}
