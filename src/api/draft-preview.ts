// Preview before publishing: the request's objects run through ingest into a pending store (nothing is written),
// then the one egress gate judges them over that store, exactly as it will once they are stored (decisions D26).
import { ingest, type ObjectResult } from "../ingest/index.ts";
import type { StixObject } from "../stix/core.ts";
import { pathSegments } from "../stix/validate/index.ts";
import {
	createPendingStore,
	differingProperties,
	type PendingPut,
	type StoredVersion,
	type User,
} from "../store/index.ts";
import type { ApiGate, Decision, Purpose } from "./gate.ts";
import { hiddenFrom, provenanceOf } from "./publish.ts";
import type { ApiServices } from "./services.ts";
import { viewerOf } from "./services.ts";
import type { DraftObject, DraftPreview, InputIssue, PartyCopy, Presented } from "./shapes/index.ts";
import { invalidInput } from "./validate.ts";

export const NOTHING_STORED =
	"Nothing was stored: this is what every party would receive if your organisation published these objects " +
	"now (POST /api/v1/objects), decided by the same gate over the store as it would be then.";

/** Every issue of every rejected object, located from the request's top (`["body", "objects", 1, "pattern"]`). */
function rejectionIssues(rejected: readonly ObjectResult[]): InputIssue[] {
	return rejected.flatMap((result): InputIssue[] => {
		const at = ["body", "objects", result.index];
		const issues = (result.issues ?? []).map((issue) => ({
			path: [...at, ...pathSegments(issue.path)],
			code: issue.code,
			message: issue.message,
		}));
		return issues.length > 0
			? issues
			: [{ path: at, code: "rejected", message: result.reason ?? "rejected" }];
	});
}

/** What `party` would receive of `version`: the gate's own release, compared with what was written. */
async function copyFor(
	gate: ApiGate,
	version: StoredVersion,
	partyId: string,
	user: User,
	purpose: Purpose,
): Promise<Presented<PartyCopy>> {
	const [released] = await gate.releasePage({ partyId, userId: user.id, purpose }, [version]);
	if (released === undefined) return { outcome: "withheld" };
	const changed = differingProperties(version.object, released);
	return changed.length === 0 ? { outcome: "as-written" } : { outcome: "changed", changed, object: released };
}

/** What publishing would do, in the preview's words (ingest's statuses, rejected objects aside). */
const OUTCOMES = { stored: "new", duplicate: "duplicate", quarantined: "quarantined" } as const;
type Accepted = ObjectResult & { status: keyof typeof OUTCOMES };

/** One object's preview: the gate's preview, each party's decision and each party's copy. */
async function previewOne(
	gate: ApiGate,
	result: Accepted,
	put: PendingPut,
	user: User,
	purpose: Purpose,
): Promise<Presented<DraftObject>> {
	const version = put.seen;
	const parties = await gate.preview(version, purpose);
	const decisions: Record<string, Decision> = {};
	const copies: Record<string, Presented<PartyCopy>> = {};
	for (const party of parties) {
		decisions[party.partyId] = await gate.explain(version, party.partyId, purpose);
		copies[party.partyId] = await copyFor(gate, version, party.partyId, user, purpose);
	}
	const object: StixObject = version.object;
	return {
		index: result.index,
		id: version.id,
		type: version.type,
		version: version.version,
		...(typeof object.name === "string" ? { name: object.name } : {}),
		outcome: OUTCOMES[result.status],
		...(result.reason === undefined ? {} : { reason: result.reason }),
		flags: version.flags,
		warnings: result.issues ?? [],
		...(result.changes === undefined ? {} : { changes: result.changes }),
		parties,
		decisions,
		copies,
	};
}

/**
 * What publishing `objects` as `user`'s organisation would release to every party, for `purpose`. The
 * objects go through `ingest()` itself (validation, STIX 2.0 upgrade, marking knowledge and flags) into a
 * pending store, which records instead of writing; the gate is built over that store by the node's own
 * gate sources (`services.previewGate`), so objects of the request see each other as stored objects do.
 * @throws AppError E_API_PARAMETER (400) with every issue of every invalid object, located; nothing is judged.
 */
export async function previewDraft(
	services: ApiServices,
	user: User,
	objects: readonly unknown[],
	purpose: Purpose,
): Promise<Presented<DraftPreview>> {
	const pending = createPendingStore(services.store, {
		isHidden: hiddenFrom(services, viewerOf(user, purpose)),
	});
	const results: ObjectResult[] = [];
	await ingest(
		pending.view,
		objects.map((object, index) => ({ index, object })),
		{ provenance: provenanceOf(user), onCommitted: (committed) => results.push(...committed) },
	);
	results.sort((a, b) => a.index - b.index);
	const rejected = results.filter((result) => result.status === "rejected");
	if (rejected.length > 0) throw invalidInput(rejectionIssues(rejected));
	const puts = new Map(pending.puts.map((put) => [`${put.id}\u0000${put.version}`, put]));
	const gate = await services.previewGate(pending.view);
	const previewed: Presented<DraftObject>[] = [];
	for (const result of results.filter((r): r is Accepted => r.status !== "rejected")) {
		const put = puts.get(`${result.id}\u0000${result.version}`);
		if (put !== undefined) previewed.push(await previewOne(gate, result, put, user, purpose));
	}
	return { stored: false, note: NOTHING_STORED, purpose, objects: previewed };
}
