// Observables are one statement per contributor (D31): which one a party receives, and where it stands in a page.
import type { StixObject } from "../../stix/core.ts";
import { scoId, scoValue } from "../../stix/ids/index.ts";
import { isReleasedInline } from "../engine/index.ts";
import type { Decision, Verdict } from "../model.ts";
import type { ReleasableVersion } from "./types.ts";

/** An unversioned object (an SCO): stored as one statement per contributor (D31). */
export function isStatement(object: StixObject): boolean {
	return object.modified === undefined && object.created === undefined;
}

/**
 * Which of an observable's statements (D31) `party` receives: its own when it may receive it, else the
 * newest (greatest version, then contributor id) it may receive that states the id's canonical value;
 * undefined when it may receive none. Only statements the party may receive count, so one it may not is, to
 * it, as if never made. Another contributor's statement of a different value is never released (D31,
 * "forged values"): an id names one value, so a partner cannot put its value under another's id.
 */
export function chooseStatement(
	statements: readonly ReleasableVersion[],
	party: string,
	verdictOf: (statement: ReleasableVersion) => Verdict,
): ReleasableVersion | undefined {
	const canonical = canonicalValue(statements);
	let pick: ReleasableVersion | undefined;
	for (const statement of statements) {
		if (!isReleasedInline(verdictOf(statement))) continue;
		if (statement.provenance.organizationId === party) return statement;
		if (canonical !== undefined && scoValue(statement.object) !== canonical) continue;
		if (pick === undefined || newer(statement, pick)) pick = statement;
	}
	return pick;
}

/**
 * The value an observable's id names (D31, "forged values"): that of a statement whose id is derived from its
 * value (STIX 2.1 §2.9) if any, else that of the earliest statement (least version, then contributor id);
 * undefined for a type without ID contributing properties. Every statement counts, those the party may not
 * receive included, so which value an id names never depends on who asks.
 */
export function canonicalValue(statements: readonly ReleasableVersion[]): string | undefined {
	let earliest: ReleasableVersion | undefined;
	for (const statement of statements) {
		if (scoId(statement.object) === statement.object.id) return scoValue(statement.object);
		if (earliest === undefined || newer(earliest, statement)) earliest = statement;
	}
	return earliest === undefined ? undefined : scoValue(earliest.object);
}

const newer = (a: ReleasableVersion, b: ReleasableVersion): boolean => {
	const [va, vb] = [a.version ?? "", b.version ?? ""];
	if (va !== vb) return va > vb;
	return a.provenance.organizationId > b.provenance.organizationId;
};

/**
 * The statement `party` receives of each observable with several (an id maps to undefined when it may
 * receive none). The chosen statement stands for the id wherever the page names it, so it is put in
 * `outside` (and rides along when transformed) unless the page carries it.
 */
export function chooseStatements(
	statements: ReadonlyMap<string, readonly ReleasableVersion[]>,
	versions: readonly ReleasableVersion[],
	outside: Map<string, ReleasableVersion>,
	party: string,
	judgeVersion: (version: ReleasableVersion) => Decision,
): Map<string, ReleasableVersion | undefined> {
	const chosen = new Map<string, ReleasableVersion | undefined>();
	for (const [id, list] of statements) {
		if (list.length < 2) continue;
		const pick = chooseStatement(list, party, (statement) => judgeVersion(statement).verdict);
		chosen.set(id, pick);
		if (pick !== undefined && !versions.includes(pick)) outside.set(id, pick);
	}
	return chosen;
}

/**
 * True when `version` is a statement of an observable other than the one the party receives of it (another
 * contributor's, or none): withheld like a version the node does not hold.
 */
export function isNotChosen(
	chosen: ReadonlyMap<string, ReleasableVersion | undefined>,
	version: ReleasableVersion,
): boolean {
	if (!chosen.has(version.object.id)) return false;
	const pick = chosen.get(version.object.id);
	return (
		pick === undefined ||
		pick.provenance.organizationId !== version.provenance.organizationId ||
		pick.version !== version.version
	);
}
