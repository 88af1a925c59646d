// A store that writes nothing: versions put into it are recorded, answered as a commit would answer them, and
// seen by its reads as if committed. A preview runs ingest and the gate's own sources over it (decisions D26).
import { AppError } from "../errors/index.ts";
import type { StixObject } from "../stix/core.ts";
import { authorityProblem, type FirstRecorded } from "./authority.ts";
import { contentJson, differingProperties, quarantineReason, statementConflict } from "./content-diff.ts";
import { type EncodedVersion, encodeVersion } from "./encoded-version.ts";
import { keyOf, type PendingSet, pendingCount, pendingQuery } from "./pending-query.ts";
import type { NewVersion, PutOutcome, Reference, Store, StoredVersion } from "./store.ts";
import { versionKey } from "./timestamps.ts";

/** A pending version has no `dateAdded` yet: the writer assigns one only when it commits. */
export const PENDING_DATE_ADDED = "";

/** One version put into a pending store, with what a commit would have answered for it. */
export interface PendingPut {
	/** The id and version put (the version as written: `…00Z` and `…00.000Z` are one version). */
	id: string;
	version: string;
	outcome: PutOutcome;
	/**
	 * What reads see for this (id, version) now: the pending version when it would be stored, the stored
	 * one when it would be a duplicate or quarantined (the store keeps what it has).
	 */
	seen: StoredVersion;
}

export interface PendingStoreOptions {
	/**
	 * Whether the requester may not see the stored object `id`. A put colliding with a version of such an
	 * object is answered and read as new, so that nothing a preview shows depends on it (hidden ≡ missing,
	 * as TAXII answers such a post). By default every stored object counts as visible.
	 */
	isHidden?: (id: string) => Promise<boolean>;
}

export interface PendingStore {
	/** The store as it would read with every version put so far committed; it writes nothing. */
	readonly view: Store;
	/** Every version put, in order. */
	readonly puts: readonly PendingPut[];
}

/** Reads that pending versions cannot change: answered by the store itself. */
const PASS_THROUGH: ReadonlySet<PropertyKey> = new Set([
	"getOrganization",
	"listOrganizations",
	// What the store set aside for a poster; a preview sets nothing aside.
	"quarantinedOf",
	// A deletion's owner; a preview deletes nothing.
	"deletedOwnerOf",
	"getMeta",
	"getPolicy",
	"listPolicyVersions",
	"latestPolicyVersion",
]);

function sameContent(a: StixObject, b: StixObject): boolean {
	return JSON.stringify(a) === JSON.stringify(b) || contentJson(a) === contentJson(b);
}

/**
 * A write-nothing view of `store` (D26). `view.putVersions` records each version and answers stored,
 * duplicate or quarantined exactly as a commit would (the same (id, version) identity and content
 * comparison); `latestVersions`, `heldIds`, `heldTypes`, `referencesTo`, `query` and `count` answer as
 * the store would after that commit; reads no pending version can change pass through; every other call
 * (any other write, any read not overlaid) throws E_STORE_PENDING_UNSUPPORTED rather than answer as if
 * the pending versions were not there.
 * @example
 * const pending = createPendingStore(store);
 * await ingest(pending.view, items, { provenance }); // nothing is written
 * const gate = createGate(await storeGateSources(pending.view, { transformKey }));
 */
export function createPendingStore(store: Store, options: PendingStoreOptions = {}): PendingStore {
	const puts: PendingPut[] = [];
	const byId = new Map<string, StoredVersion[]>();
	const byKey = new Map<string, { version: StoredVersion; encoded: EncodedVersion }>();
	const shadowing = new Set<string>();
	const pending: PendingSet = {
		byId,
		shadowing,
		newest(id) {
			let newest: StoredVersion | undefined;
			for (const version of byId.get(id) ?? [])
				if (newest === undefined || versionKey(version.version) > versionKey(newest.version))
					newest = version;
			return newest;
		},
	};

	const record = (version: StoredVersion, encoded: EncodedVersion, key: string): void => {
		byKey.set(key, { version, encoded });
		const list = byId.get(version.id) ?? [];
		list.push(version);
		byId.set(version.id, list);
	};

	/**
	 * The first version recorded for `id`: the store's (lowest dateAdded), else the first pending one, else
	 * the owner a deleted id's tombstone keeps.
	 */
	const firstRecorded = async (id: string, held: ReadonlySet<string>): Promise<FirstRecorded | undefined> => {
		let first: StoredVersion | undefined;
		if (held.has(id))
			for (const version of await store.getVersions(id, ["all"]))
				if (first === undefined || version.dateAdded < first.dateAdded) first = version;
		first ??= byId.get(id)?.[0];
		if (first !== undefined)
			return { organizationId: first.provenance.organizationId, body: JSON.stringify(first.object) };
		const owner = held.has(id) ? undefined : await store.deletedOwnerOf(id);
		return owner === undefined ? undefined : { organizationId: owner, body: "", deleted: true };
	};

	const putOne = async (entry: NewVersion, held: ReadonlySet<string>): Promise<PendingPut> => {
		const encoded = entry.encoded ?? encodeVersion(entry.object);
		const object = entry.object ?? (JSON.parse(encoded.body) as StixObject);
		// An observable is one statement per contributor (D31): compared with the same contributor's only.
		const statement = encoded.version === "";
		const contributor = entry.provenance.organizationId;
		const key = statement
			? `${keyOf(encoded.id, "")}\u0000${contributor}`
			: keyOf(encoded.id, encoded.version);
		const earlier = byKey.get(key)?.version;
		const stored =
			earlier !== undefined || !held.has(encoded.id)
				? undefined
				: (await store.getVersions(encoded.id, ["all"])).find((v) =>
						statement ? v.provenance.organizationId === contributor : keyOf(v.id, v.version) === key,
					);
		const shadows = stored !== undefined && (await options.isHidden?.(encoded.id)) === true;
		const existing = shadows ? undefined : (earlier ?? stored);
		if (existing !== undefined) {
			const outcome: PutOutcome = sameContent(existing.object, object)
				? { status: "duplicate", dateAdded: existing.dateAdded }
				: {
						status: "quarantined",
						reason: (statement
							? (id: string, at: string, differing: readonly string[]) =>
									statementConflict(id, contributor, at, differing)
							: quarantineReason)(encoded.id, existing.version, differingProperties(existing.object, object)),
					};
			return { id: encoded.id, version: encoded.version, outcome, seen: existing };
		}
		if (entry.authority !== undefined && !shadows) {
			const problem = authorityProblem(
				encoded.id,
				entry.authority,
				entry.provenance.organizationId,
				encoded.body,
				await firstRecorded(encoded.id, held),
			);
			if (problem !== undefined) {
				// Refused: reads see what the id holds, as for a conflicting version.
				const [latest] = await overlay.latestVersions([encoded.id]);
				const outcome: PutOutcome = { status: "quarantined", reason: problem, refused: true };
				if (latest !== undefined) return { id: encoded.id, version: encoded.version, outcome, seen: latest };
			}
		}
		const version: StoredVersion = {
			object,
			id: encoded.id,
			type: encoded.type,
			version: encoded.version,
			specVersion: encoded.specVersion,
			dateAdded: PENDING_DATE_ADDED,
			provenance: entry.provenance,
			flags: entry.flags ?? [],
		};
		if (shadows) shadowing.add(key);
		record(version, encoded, key);
		return {
			id: encoded.id,
			version: encoded.version,
			outcome: { status: "stored", dateAdded: PENDING_DATE_ADDED },
			seen: version,
		};
	};

	const overlay = {
		async putVersions(batch: readonly NewVersion[]): Promise<PutOutcome[]> {
			const held = await store.heldIds(batch.map((entry) => entry.encoded?.id ?? entry.object?.id ?? ""));
			const outcomes: PutOutcome[] = [];
			for (const entry of batch) {
				const put = await putOne(entry, held);
				puts.push(put);
				outcomes.push(put.outcome);
			}
			return outcomes;
		},
		async latestVersions(ids: readonly string[]): Promise<StoredVersion[]> {
			// Statements (D31): every contributor's is latest, so a pending one joins the stored ones.
			const out: StoredVersion[] = [];
			const latest = new Map<string, StoredVersion>();
			for (const version of await store.latestVersions(ids)) {
				if (version.object.modified === undefined && version.object.created === undefined) out.push(version);
				else latest.set(version.id, version);
			}
			for (const id of new Set(ids)) {
				const newest = pending.newest(id);
				if (newest?.version === "") {
					for (const version of byId.get(id) ?? []) out.push({ ...version, latest: true });
					continue;
				}
				const stored = latest.get(id);
				// Equal keys: the pending version shadows a hidden stored one (other collisions are never pending).
				if (
					newest !== undefined &&
					(stored === undefined || versionKey(newest.version) >= versionKey(stored.version))
				)
					latest.set(id, { ...newest, latest: true });
			}
			return [...out, ...latest.values()];
		},
		async heldIds(ids: readonly string[]): Promise<Set<string>> {
			const held = await store.heldIds(ids);
			for (const id of ids) if (byId.has(id)) held.add(id);
			return held;
		},
		async heldTypes(types: readonly string[]): Promise<Set<string>> {
			const held = await store.heldTypes(types);
			const pendingTypes = new Set([...byKey.values()].map(({ version }) => version.type));
			for (const type of types) if (pendingTypes.has(type)) held.add(type);
			return held;
		},
		async referencesTo(ids: readonly string[], kinds: readonly string[]): Promise<Reference[]> {
			const wantedIds = new Set(ids);
			const wantedKinds = new Set(kinds);
			const refs = new Map<string, Reference>();
			const add = (ref: Reference) => refs.set(`${ref.toId}\u0000${ref.kind}\u0000${ref.fromId}`, ref);
			for (const ref of await store.referencesTo(ids, kinds)) add(ref);
			for (const { version, encoded } of byKey.values())
				for (const [toId, kind] of encoded.refs)
					if (wantedIds.has(toId) && wantedKinds.has(kind)) add({ toId, kind, fromId: version.id });
			return [...refs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
		},
		// A preview holds nothing for review: it stores nothing (D65).
		async holdItems(): Promise<void> {},
		query: pendingQuery(store, pending),
		count: pendingCount(store, pending),
	} satisfies Partial<Store>;

	// A Proxy rather than a class of ~50 members: every Store method not overlaid or passed through must
	// fail loudly (a new read in the gate's sources would otherwise miss the pending versions silently).
	const view = new Proxy(store, {
		get(target, property) {
			if (Object.hasOwn(overlay, property)) return overlay[property as keyof typeof overlay];
			const value: unknown = Reflect.get(target, property);
			if (typeof value !== "function") return undefined;
			if (PASS_THROUGH.has(property)) return value.bind(target);
			// Every Store method is async: refuse as a rejected promise, as a failing store would.
			return async () => {
				throw new AppError(
					"E_STORE_PENDING_UNSUPPORTED",
					`a pending store (preview) does not answer Store.${String(property)}: overlay it in src/store/pending-store.ts, or pass it through if pending versions cannot change its answer`,
				);
			};
		},
	});
	return { view, puts };
}
