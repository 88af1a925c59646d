// Reads a policy file's sections entry by entry, so that one malformed entry never hides the errors of another.
import type { z } from "zod";
import type { ErrorSink, PathSegment } from "./locator.ts";
import {
	type AgreementEntry,
	agreementSchema,
	type CommunityEntry,
	communitySchema,
	fileSchema,
	type InvariantsEntry,
	invariantsSchema,
	JURISDICTION_CODE,
	type JurisdictionEntry,
	jurisdictionSchema,
	type LegalBasisEntry,
	legalBasisSchema,
	type PartyEntry,
	partySchema,
	SHORT_KEY,
	type SubgroupEntry,
	subgroupSchema,
} from "./schema.ts";

export interface JurisdictionRead extends Partial<JurisdictionEntry> {
	bases: Map<string, Partial<LegalBasisEntry>>;
}

export interface CommunityRead extends Partial<CommunityEntry> {
	groups: Map<string, Partial<SubgroupEntry>>;
}

/**
 * Every entry of a file by key, each with the fields that are well-formed (a field in error is absent,
 * so checks of other fields still run), and every key present for references. When the file has no
 * errors every entry is complete.
 */
export interface PolicyEntries {
	node: string | undefined;
	parties: Map<string, Partial<PartyEntry>>;
	jurisdictions: Map<string, JurisdictionRead>;
	agreements: Map<string, Partial<AgreementEntry>>;
	communities: Map<string, CommunityRead>;
	/** The `invariants:` section as written (errors are reported by the outline check); {} when absent or in error. */
	invariants: InvariantsEntry;
	keys: {
		parties: Set<string>;
		jurisdictions: Set<string>;
		agreements: Set<string>;
		communities: Set<string>;
	};
}

/** Checks the file's outline and each entry's shape; reports into `sink`, returns what could be read. */
export function readEntries(raw: unknown, sink: ErrorSink): PolicyEntries {
	const top = fileSchema.safeParse(raw);
	if (!top.success) sink.zodIssues([], top.error.issues, raw);
	const file = isRecord(raw) ? raw : {};
	const node = typeof file.node === "string" && file.node !== "" ? file.node : undefined;

	const parties = readSection(sink, file.parties, ["parties"], partySchema, SHORT_KEY);
	const agreements = readSection(sink, file.agreements, ["agreements"], agreementSchema, SHORT_KEY);
	for (const [key, agreement] of agreements.entries)
		checkWindow(sink, ["agreements", key, "validity"], agreement.validity);

	const jurisdictions = new Map<string, JurisdictionRead>();
	const readJurisdictions = readSection(
		sink,
		file.jurisdictions,
		["jurisdictions"],
		jurisdictionSchema,
		JURISDICTION_CODE,
	);
	for (const [code, entry] of readJurisdictions.entries) {
		const path = ["jurisdictions", code, "legalBases"];
		const bases = readSection(sink, entry.legalBases, path, legalBasisSchema, SHORT_KEY).entries;
		for (const [key, basis] of bases) checkWindow(sink, [...path, key, "validity"], basis.validity);
		jurisdictions.set(code, { ...entry, bases });
	}

	const communities = new Map<string, CommunityRead>();
	const readCommunities = readSection(sink, file.communities, ["communities"], communitySchema, SHORT_KEY);
	for (const [key, entry] of readCommunities.entries) {
		const path = ["communities", key, "subgroups"];
		const groups = readSection(sink, entry.subgroups, path, subgroupSchema, SHORT_KEY).entries;
		communities.set(key, { ...entry, groups });
	}

	const invariants = invariantsSchema.safeParse(file.invariants ?? {});
	return {
		node,
		invariants: invariants.success ? invariants.data : {},
		parties: parties.entries,
		jurisdictions,
		agreements: agreements.entries,
		communities,
		keys: {
			parties: parties.keys,
			jurisdictions: readJurisdictions.keys,
			agreements: agreements.keys,
			communities: readCommunities.keys,
		},
	};
}

function readSection<Schema extends z.ZodObject>(
	sink: ErrorSink,
	raw: unknown,
	path: readonly PathSegment[],
	schema: Schema,
	keyPattern: RegExp,
): { entries: Map<string, Partial<z.output<Schema>>>; keys: Set<string> } {
	const entries = new Map<string, Partial<z.output<Schema>>>();
	const keys = new Set<string>();
	// A section that is not a map was reported by the outline check.
	if (!isRecord(raw)) return { entries, keys };
	for (const [key, value] of Object.entries(raw)) {
		keys.add(key);
		if (!keyPattern.test(key)) {
			sink.atKey(
				[...path, key],
				keyPattern === SHORT_KEY
					? `"${key}" is not a valid key: use lower-case letters, digits and '-' (e.g. uk-nca)`
					: `"${key}" is not a valid jurisdiction code: use capitals, ISO 3166-1 alpha-2 (GB) or a bloc (EU)`,
			);
			continue;
		}
		const parsed = schema.safeParse(value);
		if (parsed.success) {
			entries.set(key, parsed.data);
			continue;
		}
		sink.zodIssues([...path, key], parsed.error.issues, value);
		if (isRecord(value)) entries.set(key, wellFormedFields(schema, value));
	}
	return { entries, keys };
}

/** The fields of `value` that pass their own schema (defaults applied), so checks of other fields still run. */
function wellFormedFields<Schema extends z.ZodObject>(
	schema: Schema,
	value: Record<string, unknown>,
): Partial<z.output<Schema>> {
	const fields: Record<string, unknown> = {};
	for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
		const parsed = field.safeParse(value[name]);
		if (parsed.success && parsed.data !== undefined) fields[name] = parsed.data;
	}
	return fields as Partial<z.output<Schema>>;
}

function checkWindow(
	sink: ErrorSink,
	path: readonly PathSegment[],
	validity: { from: string; until?: string | undefined } | undefined,
): void {
	if (validity?.until !== undefined && validity.until <= validity.from) {
		sink.at(
			[...path, "until"],
			`the window ends (${validity.until}) no later than it starts (${validity.from})`,
		);
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}
