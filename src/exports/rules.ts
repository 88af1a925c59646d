// Suricata and Snort rule files: one rule per value and what the engine tests it in, with a stable sid and a rev.
import type { FoundObservable } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ExportOptions } from "./format.ts";
import type { LineFormat } from "./line-exporter.ts";
import type { RuleDialect, RuleSpec } from "./rule-dialects.ts";
import { metadataOf, msgOf, referenceOf } from "./rule-text.ts";
import { baseSid, revOf, SID_BASE, SID_SPAN, SidAllocator } from "./sid.ts";

/** A rules file in `dialect`; sids stable per indicator and rule (see sid.ts), rev from the version. */
export function rulesFormat(dialect: RuleDialect, options: ExportOptions): LineFormat {
	const sids = new SidAllocator();
	// The rules `refuses` made for the object being judged, so `entries` does not make them again.
	let judged = new Map<FoundObservable, RuleSpec[]>();
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
		entries(object, values) {
			// What every rule of the object shares, made once: msg, reference and metadata, rev.
			const msg = msgOf(object);
			const tail = `${commonOptions(object, options)}sid:`;
			const rev = `; rev:${revOf(versionOf(object))};)`;
			const lines: string[] = [];
			for (const spec of values.flatMap(rulesOf)) {
				const sid = sids.allocate(object.id, spec.key);
				lines.push(`${spec.header} (msg:"${msg}"; ${detectionOf(spec)}${tail}${sid}${rev}`);
			}
			return lines;
		},
		removals(object, values, lifecycle) {
			const rev = revOf(versionOf(object));
			return values
				.flatMap(rulesOf)
				.map(
					(spec) =>
						`# removed sid:${baseSid(object.id, spec.key)} rev:${rev} ${object.id} (${lifecycle}): ${spec.key}`,
				);
		},
		footerNotes: () =>
			sids.moved === 0 ? [] : [`${sids.moved} rules moved to the next free sid by a collision`],
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
