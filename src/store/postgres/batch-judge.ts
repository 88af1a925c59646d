// Judges a batch of versions against what the store holds (and what earlier items of the batch added):
// stored, duplicate, or quarantined (a conflict, or refused by the id's authority, D30); statements per D31.
import { createHash } from "node:crypto";
import { authorityProblem, type FirstRecorded } from "../authority.ts";
import { contentJson, differingProperties, quarantineReason, statementConflict } from "../content-diff.ts";
import type { EncodedVersion } from "../encoded-version.ts";
import { foldNamedValue, forgedValueReason, type NamedValue } from "../forged-values.ts";
import { versionKind } from "../quarantine-records.ts";
import type { PutOutcome, VersionAuthority } from "../store.ts";
import { versionKey } from "../timestamps.ts";

/** One version to store: its encoding, provenance and flags, and its order key. */
export interface Pending {
	encoded: EncodedVersion;
	/** The stored version: the object's, or for a statement (D31) its commit position, set when stored. */
	version: string;
	key: string;
	/** An unversioned object (an SCO): one statement per contributor (D31). */
	statement: boolean;
	organizationId: string;
	source: string;
	flags: string | null;
	authority: VersionAuthority | undefined;
	/** The marking definitions its `unknown-marking` flag waits for (D58); empty for none. */
	awaiting: readonly string[];
}

/** What a (id, version) already holds: its position and body (stored before, or earlier in this batch). */
export interface Held {
	dateAdded: number;
	body: string;
	/** A statement's stored version (D31). */
	version?: string;
}

/** What the store holds of a batch, read under the commit-order lock; the batch's own puts are added as judged. */
export interface HeldForBatch {
	/** By pairKey(id, version key). */
	versions: Map<string, Held>;
	/** By pairKey(id, contributor). */
	statements: Map<string, Held>;
	/** The first recorded version of each id under an authority (D30). */
	first: Map<string, FirstRecorded>;
	/** The value each observable's stored statements name (D31, forged values), by id. */
	named: Map<string, NamedValue>;
}

/** A batch judged: each item's outcome, the versions to insert at their positions, the quarantine rows. */
export interface JudgedBatch {
	outcomes: PutOutcome[];
	stored: [Pending, number][];
	/** Rows of the quarantine table, column by column in its insert order. */
	quarantined: unknown[][];
}

export const pairKey = (id: string, key: string): string => `${id}\u0000${key}`;

/** Where a batch's judgement stands: what is held, the clock, and what it has decided so far. */
interface Judging extends JudgedBatch {
	held: HeldForBatch;
	tick: () => number;
	format: (micros: number) => string;
}

/** Judges `items` in order; `tick` gives each stored or quarantined version its commit position. */
export function judgeBatch(
	items: readonly Pending[],
	held: HeldForBatch,
	tick: () => number,
	format: (micros: number) => string,
): JudgedBatch {
	const judging: Judging = { held, tick, format, outcomes: [], stored: [], quarantined: [] };
	judging.outcomes = items.map((item) =>
		item.statement ? putStatement(judging, item) : putVersion(judging, item),
	);
	return judging;
}

/** A versioned object: new (if its authority allows), a duplicate of the held (id, version), or a conflict. */
function putVersion(judging: Judging, item: Pending): PutOutcome {
	const { held, tick, format } = judging;
	const { id, version, body } = item.encoded;
	const key = pairKey(id, item.key);
	const prior = held.versions.get(key);
	if (prior === undefined) {
		const owner = held.first.get(id);
		const problem = authorityProblem(id, item.authority, item.organizationId, body, owner);
		if (problem !== undefined)
			return {
				...quarantine(judging, item, problem, contentJson(JSON.parse(body)), "authority"),
				refused: true,
			};
		// The first version of a new id, earlier in this batch, is what later ones are judged against.
		if (owner === undefined || owner.deleted === true)
			held.first.set(id, { organizationId: item.organizationId, body });
		const dateAdded = tick();
		judging.stored.push([item, dateAdded]);
		held.versions.set(key, { dateAdded, body });
		return { status: "stored", dateAdded: format(dateAdded) };
	}
	const conflict = contentConflict(prior.body, body);
	if (conflict === undefined) return { status: "duplicate", dateAdded: format(prior.dateAdded) };
	return quarantine(
		judging,
		item,
		quarantineReason(id, version, conflict.differing),
		conflict.canonical,
		"conflict",
	);
}

/**
 * How a second body for one version differs from the first: undefined when it is the same content (the same
 * bytes, or equal whatever the key order: a duplicate), else the differing properties and its canonical JSON.
 */
function contentConflict(
	priorBody: string,
	body: string,
): { differing: ReturnType<typeof differingProperties>; canonical: string } | undefined {
	if (priorBody === body) return undefined;
	const before = JSON.parse(priorBody) as Record<string, unknown>;
	const after = JSON.parse(body) as Record<string, unknown>;
	const canonical = contentJson(after);
	if (contentJson(before) === canonical) return undefined;
	return { differing: differingProperties(before, after), canonical };
}

/**
 * An observable's statement (D31): compared only with its contributor's own, else a new statement
 * versioned by its commit position.
 */
function putStatement(judging: Judging, item: Pending): PutOutcome {
	const { held, tick, format } = judging;
	const { id, body } = item.encoded;
	const key = pairKey(id, item.organizationId);
	const prior = held.statements.get(key);
	if (prior === undefined) {
		const object = JSON.parse(body);
		const forged = forgedValueReason(object, held.named.get(id));
		if (forged !== undefined) return quarantine(judging, item, forged, contentJson(object), "forged");
		const dateAdded = tick();
		const version = format(dateAdded);
		judging.stored.push([{ ...item, version, key: versionKey(version) }, dateAdded]);
		held.statements.set(key, { dateAdded, body, version });
		const named = foldNamedValue(held.named.get(id), object);
		if (named !== undefined) held.named.set(id, named);
		return { status: "stored", dateAdded: format(dateAdded) };
	}
	const conflict = contentConflict(prior.body, body);
	if (conflict === undefined) return { status: "duplicate", dateAdded: format(prior.dateAdded) };
	const version = prior.version ?? item.version;
	return quarantine(
		judging,
		item,
		statementConflict(id, item.organizationId, version, conflict.differing),
		conflict.canonical,
		"conflict",
		version,
	);
}

/** Sets a version aside with `reason`, once per distinct content (`canonical` is hashed), never storing it. */
function quarantine(
	judging: Judging,
	item: Pending,
	reason: string,
	canonical: string,
	cause: "conflict" | "authority" | "forged",
	version = item.version,
): Extract<PutOutcome, { status: "quarantined" }> {
	const hash = createHash("sha256").update(canonical).digest("hex");
	const { id, body } = item.encoded;
	judging.quarantined.push([
		id,
		version,
		versionKey(version),
		judging.tick(),
		reason,
		hash,
		item.organizationId,
		item.source,
		body,
		versionKind(item.encoded.type, cause),
	]);
	return { status: "quarantined", reason };
}
