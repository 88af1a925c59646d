// Suricata and Snort rule files: one rule per value and what the engine tests it in, with a stable sid and a rev.
import type { FoundObservable } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ExportOptions } from "./format.ts";
import type { LineFormat } from "./line-format.ts";
import type { RuleDialect, RuleSpec } from "./rule-dialects.ts";
import { metadataOf, msgOf, referenceOf } from "./rule-text.ts";
import { baseSid, revOf, SID_BASE, SID_SPAN } from "./sid.ts";

/**
 * A rules file in `dialect`; sids stable per indicator and rule (see sid.ts: each rule is written with its base sid,
 * which the line exporter settles in rule order), rev from the version.
 */
export function rulesFormat(dialect: RuleDialect, options: ExportOptions): LineFormat {
	// The rules `refuses` made for the object being judged, so `entries` does not make them again.
	let judged = new Map<FoundObservable, RuleSpec[]>();
	// Indicators imported together often share their version: the last one's rev is kept (Date.parse is not free).
	let lastVersion: string | undefined;
	let lastRev = 1;
	const revOfObject = (object: StixObject): number => {
		const version = versionOf(object);
		if (version !== lastVersion || version === undefined) {
			lastVersion = version;
			lastRev = revOf(version);
		}
		return lastRev;
	};
	const rulesOf = (value: FoundObservable): RuleSpec[] => {
		const known = judged.get(value);
		if (known !== undefined) return known;
		const rules = dialect.rulesFor(value);
		return typeof rules === "string" ? [] : rules;
	};
	return {
		title: dialect.title,
		mediaType: "text/plain; charset=utf-8",
		extension: "rules",
		comment: "#",
		notes: [
			`sid: ${SID_BASE} + FNV-1a(STIX id, rule) mod ${SID_SPAN} (stable; a collision moves a rule to the next free sid); rev: the version's modified time in seconds`,
			...dialect.notes,
		],
		refuses(value) {
			if (judged.size > 16) judged = new Map();
			const rules = dialect.rulesFor(value);
			if (typeof rules === "string") return rules;
			judged.set(value, rules);
			return undefined;
		},
		entries(object, values, out) {
			// What every rule of the object shares, made once: msg, reference and metadata, rev.
			const msg = msgOf(object);
			const tail = `${commonOptions(object, options)}sid:`;
			const rev = `; rev:${revOfObject(object)};)`;
			for (const value of values)
				for (const spec of rulesOf(value))
					out.rule(
						`${spec.header} (msg:"${msg}"; ${detectionOf(spec)}${tail}`,
						baseSid(object.id, spec.key),
						rev,
					);
		},
		removals(object, values, lifecycle, out) {
			const rev = revOfObject(object);
			for (const value of values)
				for (const spec of rulesOf(value))
					out.line(
						`# removed sid:${baseSid(object.id, spec.key)} rev:${rev} ${object.id} (${lifecycle}): ${spec.key}`,
					);
		},
	};
}

function detectionOf(spec: RuleSpec): string {
	return spec.detection === "" ? "" : `${spec.detection} `;
}

function commonOptions(object: StixObject, options: ExportOptions): string {
	return `${referenceOf(object, options.objectUrlBase)}metadata:${metadataOf(object)}; `;
}

function versionOf(object: StixObject): string | undefined {
	const version = object.modified ?? object.created;
	return typeof version === "string" ? version : undefined;
}
