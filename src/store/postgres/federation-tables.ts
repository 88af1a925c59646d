// The federation tables on PostgreSQL: peers, invitations, per-peer outboxes, ids sent, delivery state,
// received provenance, and the commit log's deletions and horizon.
import { AppError } from "../../errors/index.ts";
import type {
	DeletionRecord,
	InvitationRecord,
	OutboxEntry,
	OutboxMessage,
	PeerRecord,
	PeerState,
	ReceivedProvenance,
} from "../federation-records.ts";
import { EMPTY_PEER_STATE, peerStateJson } from "../peer-state.ts";
import { integer, text } from "../rows.ts";
import { formatMicros, microsFormatter, parseMicros } from "../timestamps.ts";
import type { Connection, Sql } from "./connection.ts";

export interface FederationTables {
	listDeletions(
		after: string | undefined,
		until: string | undefined,
		limit: number,
	): Promise<DeletionRecord[]>;
	commitHorizon(): Promise<string | undefined>;
	putPeer(peer: PeerRecord): Promise<void>;
	getPeer(name: string): Promise<PeerRecord | undefined>;
	listPeers(): Promise<PeerRecord[]>;
	deletePeer(name: string): Promise<boolean>;
	putInvitation(invitation: InvitationRecord): Promise<void>;
	takeInvitation(codeHash: string, usedBy: string, now: string): Promise<InvitationRecord | undefined>;
	enqueueOutbox(
		peer: string,
		entries: readonly OutboxEntry[],
		fromCursor: string | undefined,
		toCursor: string,
		nowMicros: number,
	): Promise<boolean>;
	readOutbox(peer: string, limit: number, afterSeq?: number): Promise<OutboxMessage[]>;
	ackOutbox(peer: string, throughSeq: number, state: PeerState): Promise<void>;
	outboxDepth(peer: string): Promise<{ count: number; oldestEnqueuedAt: string | undefined }>;
	sentIdOf(peer: string, storedId: string): Promise<{ id: string; origin: string } | undefined>;
	putReceivedProvenance(records: readonly ReceivedProvenance[]): Promise<void>;
	receivedProvenance(objectId: string): Promise<ReceivedProvenance[]>;
	getPeerState(peer: string): Promise<PeerState | undefined>;
	putPeerState(peer: string, state: PeerState): Promise<void>;
	resetFeedCursor(peer: string, cursor: string | undefined): Promise<void>;
}

const UPSERT_STATE = `INSERT INTO federation_peer_state (peer, feed_cursor, state) VALUES ($1, NULL, $2)
	ON CONFLICT (peer) DO UPDATE SET state = excluded.state`;
const UPSERT_CURSOR = `INSERT INTO federation_peer_state (peer, feed_cursor, state) VALUES ($1, $2, $3)
	ON CONFLICT (peer) DO UPDATE SET feed_cursor = excluded.feed_cursor`;

/** The federation tables over the store's connection. */
export function createFederationTables({ sql, transaction }: Connection): FederationTables {
	/** Appends the entries in order (one INSERT), and records or forgets what the peer was sent. */
	async function appendOutbox(tx: Sql, peer: string, entries: readonly OutboxEntry[], nowMicros: number) {
		if (entries.length === 0) return;
		const column = <T>(pick: (entry: OutboxEntry) => T): T[] => entries.map(pick);
		// WITH ORDINALITY … ORDER BY: the identity values follow the entries' order.
		await tx(
			`INSERT INTO federation_outbox (peer, kind, object_id, stored_id, version, origin, enqueued_at, payload)
			 SELECT $1, e.kind, e.object_id, e.stored_id, e.version, e.origin, $2, e.payload
			 FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
				WITH ORDINALITY AS e(kind, object_id, stored_id, version, origin, payload, n)
			 ORDER BY e.n`,
			[
				peer,
				nowMicros,
				column((e) => e.kind),
				column((e) => e.objectId),
				column((e) => e.storedId),
				column((e) => e.version),
				column((e) => e.origin),
				column((e) => e.payload),
			],
		);
		// Per stored id only the last message counts (a deletion is the last message an object needs: its row
		// goes, so the table stays at one row per live object sent; docs/federation.md "Deletions").
		const last = new Map<string, OutboxEntry>();
		for (const entry of entries) last.set(entry.storedId, entry);
		const sent = [...last.values()].filter((e) => e.kind === "object");
		const forgotten = [...last.values()].filter((e) => e.kind !== "object").map((e) => e.storedId);
		if (sent.length > 0) {
			await tx(
				`INSERT INTO federation_sent (peer, stored_id, sent_id, origin)
				 SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
				 ON CONFLICT (peer, stored_id) DO UPDATE SET sent_id = excluded.sent_id, origin = excluded.origin`,
				[peer, sent.map((e) => e.storedId), sent.map((e) => e.objectId), sent.map((e) => e.origin)],
			);
		}
		if (forgotten.length > 0) {
			await tx("DELETE FROM federation_sent WHERE peer = $1 AND stored_id = ANY($2::text[])", [
				peer,
				forgotten,
			]);
		}
	}

	return {
		async listDeletions(after, until, limit) {
			const from = after === undefined ? -1 : micros(after);
			const to = until === undefined ? Number.MAX_SAFE_INTEGER : micros(until);
			const rows = await sql(
				"SELECT id, deleted_at FROM tombstones WHERE deleted_at > $1 AND deleted_at <= $2 ORDER BY deleted_at LIMIT $3",
				[from, to, limit],
			);
			const format = microsFormatter();
			return rows.map((row) => ({ id: text(row, "id"), deletedAt: format(integer(row, "deleted_at")) }));
		},
		async commitHorizon() {
			// The clock moves in the same transaction as the rows it numbers, so a committed value covers them all.
			const [row] = await sql("SELECT last_micros FROM clock WHERE singleton");
			const last = row === undefined ? 0 : integer(row, "last_micros");
			return last > 0 ? formatMicros(last) : undefined;
		},
		async putPeer(peer) {
			await sql(
				"INSERT INTO federation_peers (name, record) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET record = excluded.record",
				[peer.name, JSON.stringify(peer)],
			);
		},
		async getPeer(name) {
			const [row] = await sql("SELECT record FROM federation_peers WHERE name = $1", [name]);
			return row === undefined ? undefined : (JSON.parse(text(row, "record")) as PeerRecord);
		},
		async listPeers() {
			const rows = await sql("SELECT record FROM federation_peers ORDER BY name");
			return rows.map((row) => JSON.parse(text(row, "record")) as PeerRecord);
		},
		deletePeer(name) {
			return transaction(async (tx) => {
				// The state row first: it is the lock enqueueOutbox takes, so the two never deadlock.
				await tx("DELETE FROM federation_peer_state WHERE peer = $1", [name]);
				const removed = await tx("DELETE FROM federation_peers WHERE name = $1 RETURNING 1", [name]);
				await tx("DELETE FROM federation_outbox WHERE peer = $1", [name]);
				await tx("DELETE FROM federation_sent WHERE peer = $1", [name]);
				return removed.length > 0;
			});
		},
		async putInvitation(invitation) {
			await sql(
				"INSERT INTO federation_invitations (code_hash, expires_at, used_at, record) VALUES ($1, $2, NULL, $3)",
				[invitation.codeHash, micros(invitation.expiresAt), JSON.stringify(invitation)],
			);
		},
		async takeInvitation(codeHash, usedBy, now) {
			const at = micros(now);
			// One statement: of two processes taking the same code at once, the second finds it used.
			const [row] = await sql(
				`UPDATE federation_invitations
				 SET used_at = $1, record = (record::jsonb || jsonb_build_object('usedAt', $2::text, 'usedBy', $3::text))::text
				 WHERE code_hash = $4 AND used_at IS NULL AND expires_at > $1 RETURNING record`,
				[at, now, usedBy, codeHash],
			);
			return row === undefined ? undefined : (JSON.parse(text(row, "record")) as InvitationRecord);
		},
		enqueueOutbox(peer, entries, fromCursor, toCursor, nowMicros) {
			return transaction(async (tx) => {
				// The peer's state row is the compare-and-set's lock: made if missing, then locked until COMMIT, so
				// two processes feeding one peer enqueue one after the other and the second sees the moved cursor.
				await tx(
					"INSERT INTO federation_peer_state (peer, feed_cursor, state) VALUES ($1, NULL, $2) ON CONFLICT (peer) DO NOTHING",
					[peer, peerStateJson(EMPTY_PEER_STATE)],
				);
				const [current] = await tx(
					"SELECT feed_cursor FROM federation_peer_state WHERE peer = $1 FOR UPDATE",
					[peer],
				);
				const cursor = current?.feed_cursor ?? null;
				const expected = fromCursor === undefined ? null : micros(fromCursor);
				if ((cursor === null ? null : Number(cursor)) !== expected) {
					throw new StaleCursor();
				}
				await appendOutbox(tx, peer, entries, nowMicros);
				await tx(UPSERT_CURSOR, [peer, micros(toCursor), peerStateJson(EMPTY_PEER_STATE)]);
				return true;
			}).catch((error: unknown) => {
				// Thrown to roll back the state row made above; the caller learns it as `false`.
				if (error instanceof StaleCursor) return false;
				throw error;
			});
		},
		async readOutbox(peer, limit, afterSeq) {
			const rows = await sql(
				"SELECT * FROM federation_outbox WHERE peer = $1 AND seq > $2 ORDER BY seq LIMIT $3",
				[peer, afterSeq ?? -1, limit],
			);
			const format = microsFormatter();
			return rows.map((row) => ({
				seq: integer(row, "seq"),
				kind: row.kind === "delete" ? "delete" : "object",
				objectId: text(row, "object_id"),
				storedId: text(row, "stored_id"),
				version: text(row, "version"),
				origin: text(row, "origin"),
				enqueuedAt: format(integer(row, "enqueued_at")),
				payload: text(row, "payload"),
			}));
		},
		async ackOutbox(peer, throughSeq, state) {
			await transaction(async (tx) => {
				await tx("DELETE FROM federation_outbox WHERE peer = $1 AND seq <= $2", [peer, throughSeq]);
				await tx(UPSERT_STATE, [peer, peerStateJson(state)]);
			});
		},
		async outboxDepth(peer) {
			const [row] = await sql(
				"SELECT count(*) AS n, min(enqueued_at) AS oldest FROM federation_outbox WHERE peer = $1",
				[peer],
			);
			const oldest = row?.oldest;
			return {
				count: row === undefined ? 0 : integer(row, "n"),
				oldestEnqueuedAt: oldest === null || oldest === undefined ? undefined : formatMicros(Number(oldest)),
			};
		},
		async sentIdOf(peer, storedId) {
			const [row] = await sql(
				"SELECT sent_id, origin FROM federation_sent WHERE peer = $1 AND stored_id = $2",
				[peer, storedId],
			);
			return row === undefined ? undefined : { id: text(row, "sent_id"), origin: text(row, "origin") };
		},
		async putReceivedProvenance(records) {
			if (records.length === 0) return;
			const column = <T>(pick: (r: ReceivedProvenance) => T): T[] => records.map(pick);
			// The first proof of a (version, peer) is kept: later ones, in this batch or after, do nothing.
			await sql(
				`INSERT INTO federation_provenance (object_id, version, peer, origin, key_id, protected, signature, received_at)
				 SELECT object_id, version, peer, origin, key_id, protected, signature, received_at
				 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
					WITH ORDINALITY AS r(object_id, version, peer, origin, key_id, protected, signature, received_at, n)
				 ORDER BY r.n
				 ON CONFLICT (object_id, version, peer) DO NOTHING`,
				[
					column((r) => r.objectId),
					column((r) => r.version),
					column((r) => r.peer),
					column((r) => r.origin),
					column((r) => r.keyId),
					column((r) => r.signature.protected),
					column((r) => r.signature.signature),
					column((r) => micros(r.receivedAt)),
				],
			);
		},
		async receivedProvenance(objectId) {
			const rows = await sql(
				"SELECT * FROM federation_provenance WHERE object_id = $1 ORDER BY version, peer, seq",
				[objectId],
			);
			return rows.map((row) => ({
				objectId: text(row, "object_id"),
				version: text(row, "version"),
				peer: text(row, "peer"),
				origin: text(row, "origin"),
				keyId: text(row, "key_id"),
				signature: { protected: text(row, "protected"), signature: text(row, "signature") },
				receivedAt: formatMicros(integer(row, "received_at")),
			}));
		},
		async getPeerState(peer) {
			const [row] = await sql("SELECT feed_cursor, state FROM federation_peer_state WHERE peer = $1", [peer]);
			if (row === undefined) return undefined;
			const state = { ...EMPTY_PEER_STATE, ...(JSON.parse(text(row, "state")) as Partial<PeerState>) };
			if (row.feed_cursor !== null) state.feedCursor = formatMicros(integer(row, "feed_cursor"));
			return state;
		},
		async putPeerState(peer, state) {
			await sql(UPSERT_STATE, [peer, peerStateJson(state)]);
		},
		async resetFeedCursor(peer, cursor) {
			await sql(UPSERT_CURSOR, [
				peer,
				cursor === undefined ? null : micros(cursor),
				peerStateJson(EMPTY_PEER_STATE),
			]);
		},
	};
}

/** Ends enqueueOutbox's transaction when the cursor moved; never leaves this module. */
class StaleCursor extends Error {}

function micros(value: string): number {
	const parsed = parseMicros(value);
	if (parsed === undefined)
		throw new AppError("E_STORE_QUERY_INVALID", `not an RFC 3339 timestamp: ${value}`);
	return parsed;
}
