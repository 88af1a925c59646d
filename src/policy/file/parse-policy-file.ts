// Reads a policy file (YAML) into a Policy, or every error in it with its line and column; never half of one.
import { LineCounter, parseDocument } from "yaml";
import {
	type Agreement,
	type Community,
	INVARIANTS,
	type InvariantOff,
	type Jurisdiction,
	type Party,
	type Policy,
} from "../model.ts";
import { checkGrants } from "./check-grants.ts";
import { checkReferences } from "./check-references.ts";
import { createErrorSink, type PolicyFileError } from "./locator.ts";
import { type PolicyEntries, readEntries } from "./read-entries.ts";
import type { JurisdictionEntry } from "./schema.ts";

export type { PolicyFileError } from "./locator.ts";

export type PolicyFileResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyFileError[] };

export interface ParsePolicyOptions {
	/** This node's name: the file's `node` must match it, and its local parties are hosted here. */
	nodeName?: string;
}

/**
 * Parses and validates a policy file. Every problem is reported, each with its 1-based line and
 * column, sorted by position: YAML syntax, unknown keys, wrong types and values (with the allowed
 * ones), unknown or repeated references, malformed or duplicate ids, empty validity windows, and
 * settings that grant more than an agreement allows. The policy is returned only when there are none.
 * `version` of the returned policy is 0: the store assigns versions when it is applied.
 * @example
 * const result = parsePolicyFile(readFileSync(file, "utf8"), file);
 * if (!result.ok) for (const e of result.errors) console.error(`${file}:${e.line}:${e.column}: ${e.message}`);
 */
export function parsePolicyFile(
	text: string,
	fileName: string,
	options: ParsePolicyOptions = {},
): PolicyFileResult {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const sink = createErrorSink(document, lineCounter);

	let blocking = false;
	for (const error of document.errors) {
		const { line, col } = lineCounter.linePos(error.pos[0]);
		const message =
			error.code === "DUPLICATE_KEY" ? "this key is already defined above in the same map" : error.message;
		sink.errors.push({ line, column: col, path: "", message });
		// A repeated key leaves a readable document; other syntax errors leave nothing to check.
		if (error.code !== "DUPLICATE_KEY") blocking = true;
	}
	if (blocking) return { ok: false, errors: sorted(sink.errors) };
	if (document.contents === null) {
		return {
			ok: false,
			errors: [
				{
					line: 1,
					column: 1,
					path: "",
					message: `${fileName} is empty; see examples/policy/ for a policy to start from`,
				},
			],
		};
	}

	let value: unknown;
	try {
		value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
	} catch (error) {
		// yaml throws a ReferenceError when aliases expand past the count: an alias bomb ("billion laughs").
		if (!(error instanceof ReferenceError)) throw error;
		return { ok: false, errors: [aliasBomb(text, lineCounter)] };
	}
	const entries = readEntries(value, sink);
	checkReferences(entries, sink);
	checkGrants(entries, sink, { nodeName: options.nodeName });
	if (sink.errors.length > 0) return { ok: false, errors: sorted(sink.errors) };
	return { ok: true, policy: buildPolicy(entries) };
}

/** How many alias expansions a policy file may cause; a real policy uses a handful, if any. */
const MAX_ALIAS_COUNT = 1000;

/** The error for a file whose aliases expand without bound, placed at its first alias. */
function aliasBomb(text: string, lineCounter: LineCounter): PolicyFileError {
	const first = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(text);
	const { line, col } = lineCounter.linePos(first === null ? 0 : first.index + (first[1]?.length ?? 0));
	return {
		line,
		column: col,
		path: "",
		message: `YAML aliases (*name) here expand to more than ${MAX_ALIAS_COUNT} nodes; a policy file needs no such expansion: write the values out instead of aliasing them`,
	};
}

function sorted(errors: readonly PolicyFileError[]): PolicyFileError[] {
	return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Resolves short keys to ids; called only on a file without errors, so every lookup succeeds. */
function buildPolicy(entries: PolicyEntries): Policy {
	const idOf = (key: string): string => entries.parties.get(key)?.id ?? key;
	const parties: Party[] = [...entries.parties]
		.map(([, read]) => complete(read))
		.map((party) => ({
			id: party.id,
			name: party.name,
			sector: party.sector,
			jurisdictions: party.jurisdictions,
			node: party.node ?? entries.node ?? "",
			local: party.local,
			trustTier: party.trustTier,
			clients: party.clients.map(idOf),
			status: party.status,
			understands: party.understands,
			...(party.tlpCeiling === undefined ? {} : { tlpCeiling: party.tlpCeiling }),
		}));
	const jurisdictions: Jurisdiction[] = [...entries.jurisdictions].map(([code, read]) => {
		const jurisdiction = complete<JurisdictionEntry>(read);
		return {
			code,
			name: jurisdiction.name,
			members: jurisdiction.members,
			personalData: jurisdiction.personalData.map(withoutUndefined),
			transferRoutes: jurisdiction.transferRoutes.map(withoutUndefined),
			legalBases: [...read.bases].map(([id, partial]) => ({
				id,
				name: complete(partial).name,
				validity: withoutUndefined(complete(partial).validity),
			})),
		};
	});
	const agreements: Agreement[] = [...entries.agreements]
		.map(([id, read]) => [id, complete(read)] as const)
		.map(([id, agreement]) => ({
			id,
			name: agreement.name,
			kind: agreement.kind,
			parties: agreement.parties.map(idOf),
			communities: agreement.communities,
			purposes: agreement.purposes,
			tlpCeiling: agreement.tlpCeiling,
			papCeiling: agreement.papCeiling,
			handlingCodes: agreement.handlingCodes,
			onwardSharing: agreement.onwardSharing,
			evidenceUse: agreement.evidenceUse,
			...(agreement.retentionDays === undefined ? {} : { retentionDays: agreement.retentionDays }),
			...(agreement.minimumEvaluation === undefined
				? {}
				: { minimumEvaluation: agreement.minimumEvaluation }),
			validity: withoutUndefined(agreement.validity),
			treatments: agreement.treatments.map(withoutUndefined),
		}));
	const communities: Community[] = [...entries.communities].map(([id, read]) => {
		const community = complete(read);
		return {
			id,
			name: community.name,
			members: community.members.map(idOf),
			...(community.host === undefined ? {} : { host: idOf(community.host) }),
			subgroups: [...read.groups].map(([group, partial]) => {
				const subgroup = complete(partial);
				return {
					id: group,
					name: subgroup.name,
					members: subgroup.members.map(idOf),
					...(subgroup.tlpCeiling === undefined ? {} : { tlpCeiling: subgroup.tlpCeiling }),
				};
			}),
		};
	});
	const invariantsOff: InvariantOff[] = [];
	for (const invariant of INVARIANTS) {
		const setting = entries.invariants[invariant];
		if (typeof setting === "object") invariantsOff.push({ invariant, reason: setting.off });
	}
	return {
		version: 0,
		parties,
		jurisdictions,
		agreements,
		communities,
		...(invariantsOff.length === 0 ? {} : { invariantsOff }),
	};
}

/** An entry of a file without errors: every field parsed, so none is missing. */
function complete<T>(entry: Partial<T>): T {
	return entry as T;
}

/** Optional keys the file left out stay absent (exactOptionalPropertyTypes), rather than present as undefined. */
function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
		[K in keyof T]: Exclude<T[K], undefined>;
	};
}
