// The federation tables: peers, invitations, per-peer outboxes, ids sent and delivery state (migration 5),
// and the provenance signatures of received versions (migration 7).
import type { DatabaseSync, SQLOutputValue } from "node:sqlite";
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
import { formatMicros, parseMicros } from "../timestamps.ts";

type Row = Record<string, SQLOutputValue>;

/** Synchronous access to the federation tables; writes go to `writer`, reads to `reader`. */
export interface FederationTables {
	listDeletions(after: string | undefined, until: string | undefined, limit: number): DeletionRecord[];
	commitHorizon(): string | undefined;
	putPeer(peer: PeerRecord): void;
	getPeer(name: string): PeerRecord | undefined;
	listPeers(): PeerRecord[];
	deletePeer(name: string): boolean;
	putInvitation(invitation: InvitationRecord): void;
	takeInvitation(codeHash: string, usedBy: string, now: string): InvitationRecord | undefined;
	enqueueOutbox(
		peer: string,
		entries: readonly OutboxEntry[],
		fromCursor: string | undefined,
		toCursor: string,
		nowMicros: number,
	): boolean;
	readOutbox(peer: string, limit: number, afterSeq?: number): OutboxMessage[];
	ackOutbox(peer: string, throughSeq: number, state: PeerState): void;
	outboxDepth(peer: string): { count: number; oldestEnqueuedAt: string | undefined };
	sentIdOf(peer: string, storedId: string): { id: string; origin: string } | undefined;
	putReceivedProvenance(records: readonly ReceivedProvenance[]): void;
	receivedProvenance(objectId: string): ReceivedProvenance[];
	getPeerState(peer: string): PeerState | undefined;
	putPeerState(peer: string, state: PeerState): void;
	resetFeedCursor(peer: string, cursor: string | undefined): void;
}

/** Prepares the federation statements on their connections. */
export function createFederationTables(writer: DatabaseSync, reader: DatabaseSync): FederationTables {
	const deletionsAfter = reader.prepare(
		"SELECT id, deleted_at FROM tombstones WHERE deleted_at > ? AND deleted_at <= ? ORDER BY deleted_at LIMIT ?",
	);
	const readClock = reader.prepare("SELECT last_micros FROM clock WHERE singleton = 1");
	const upsertPeer = writer.prepare(
		"INSERT INTO federation_peers (name, record) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET record = excluded.record",
	);
	const selectPeer = reader.prepare("SELECT record FROM federation_peers WHERE name = ?");
	const selectPeers = reader.prepare("SELECT record FROM federation_peers ORDER BY name");
	const removePeer = writer.prepare("DELETE FROM federation_peers WHERE name = ?");
	const removeOutbox = writer.prepare("DELETE FROM federation_outbox WHERE peer = ?");
	const removeSent = writer.prepare("DELETE FROM federation_sent WHERE peer = ?");
	const removeState = writer.prepare("DELETE FROM federation_peer_state WHERE peer = ?");
	const insertInvitation = writer.prepare(
		"INSERT INTO federation_invitations (code_hash, expires_at, used_at, record) VALUES (?, ?, NULL, ?)",
	);
	const useInvitation = writer.prepare(
		`UPDATE federation_invitations SET used_at = ?, record = json_set(record, '$.usedAt', ?, '$.usedBy', ?)
		 WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING record`,
	);
	const selectCursor = writer.prepare("SELECT feed_cursor FROM federation_peer_state WHERE peer = ?");
	const upsertCursor = writer.prepare(
		`INSERT INTO federation_peer_state (peer, feed_cursor, state) VALUES (?, ?, ?)
		 ON CONFLICT (peer) DO UPDATE SET feed_cursor = excluded.feed_cursor`,
	);
	const insertMessage = writer.prepare(
		`INSERT INTO federation_outbox (peer, kind, object_id, stored_id, version, origin, enqueued_at, payload)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	);
	const recordSent = writer.prepare(
		`INSERT INTO federation_sent (peer, stored_id, sent_id, origin) VALUES (?, ?, ?, ?)
		 ON CONFLICT (peer, stored_id) DO UPDATE SET sent_id = excluded.sent_id, origin = excluded.origin`,
	);
	const forgetSent = writer.prepare("DELETE FROM federation_sent WHERE peer = ? AND stored_id = ?");
	const insertProvenance = writer.prepare(
		`INSERT INTO federation_provenance
		 (object_id, version, peer, origin, key_id, protected, signature, received_at)
		 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (
			SELECT 1 FROM federation_provenance WHERE object_id = ?1 AND version = ?2 AND peer = ?3)`,
	);
	const selectProvenance = reader.prepare(
		"SELECT * FROM federation_provenance WHERE object_id = ? ORDER BY version, peer, seq",
	);
	const selectOutbox = reader.prepare(
		"SELECT * FROM federation_outbox WHERE peer = ? AND seq > ? ORDER BY seq LIMIT ?",
	);
	const removeAcked = writer.prepare("DELETE FROM federation_outbox WHERE peer = ? AND seq <= ?");
	const countOutbox = reader.prepare(
		"SELECT count(*) AS n, min(enqueued_at) AS oldest FROM federation_outbox WHERE peer = ?",
	);
	const selectSent = reader.prepare(
		"SELECT sent_id, origin FROM federation_sent WHERE peer = ? AND stored_id = ?",
	);
	const selectState = reader.prepare("SELECT feed_cursor, state FROM federation_peer_state WHERE peer = ?");
	const upsertState = writer.prepare(
		`INSERT INTO federation_peer_state (peer, feed_cursor, state) VALUES (?, NULL, ?)
		 ON CONFLICT (peer) DO UPDATE SET state = excluded.state`,
	);

	const inTransaction = <T>(work: () => T): T => {
		writer.exec("BEGIN IMMEDIATE");
		try {
			const result = work();
			writer.exec("COMMIT");
			return result;
		} catch (error) {
			if (writer.isTransaction) writer.exec("ROLLBACK");
			throw error;
		}
	};

	return {
		listDeletions(after, until, limit) {
			const from = after === undefined ? -1 : micros(after);
			const to = until === undefined ? Number.MAX_SAFE_INTEGER : micros(until);
			return deletionsAfter.all(from, to, limit).map((row: Row) => ({
				id: String(row.id),
				deletedAt: formatMicros(Number(row.deleted_at)),
			}));
		},
		commitHorizon() {
			const last = readClock.get()?.last_micros;
			return typeof last === "number" && last > 0 ? formatMicros(last) : undefined;
		},
		putPeer(peer) {
			upsertPeer.run(peer.name, JSON.stringify(peer));
		},
		getPeer(name) {
			const row = selectPeer.get(name);
			return row === undefined ? undefined : (JSON.parse(String(row.record)) as PeerRecord);
		},
		listPeers: () => selectPeers.all().map((row: Row) => JSON.parse(String(row.record)) as PeerRecord),
		deletePeer(name) {
			return inTransaction(() => {
				const removed = Number(removePeer.run(name).changes) > 0;
				removeOutbox.run(name);
				removeSent.run(name);
				removeState.run(name);
				return removed;
			});
		},
		putInvitation(invitation) {
			insertInvitation.run(invitation.codeHash, micros(invitation.expiresAt), JSON.stringify(invitation));
		},
		takeInvitation(codeHash, usedBy, now) {
			const at = micros(now);
			const row = useInvitation.get(at, now, usedBy, codeHash, at);
			return row === undefined ? undefined : (JSON.parse(String(row.record)) as InvitationRecord);
		},
		enqueueOutbox(peer, entries, fromCursor, toCursor, nowMicros) {
			return inTransaction(() => {
				const current = selectCursor.get(peer)?.feed_cursor;
				const expected = fromCursor === undefined ? null : micros(fromCursor);
				if ((current ?? null) !== expected) return false;
				for (const entry of entries) {
					insertMessage.run(
						peer,
						entry.kind,
						entry.objectId,
						entry.storedId,
						entry.version,
						entry.origin,
						nowMicros,
						entry.payload,
					);
					// A deletion is the last message an object needs: its row goes, so the table stays at one row
					// per live object sent (docs/federation.md "Deletions").
					if (entry.kind === "object") recordSent.run(peer, entry.storedId, entry.objectId, entry.origin);
					else forgetSent.run(peer, entry.storedId);
				}
				upsertCursor.run(peer, micros(toCursor), peerStateJson(EMPTY_PEER_STATE));
				return true;
			});
		},
		readOutbox(peer, limit, afterSeq) {
			return selectOutbox.all(peer, afterSeq ?? -1, limit).map((row: Row) => ({
				seq: Number(row.seq),
				kind: row.kind === "delete" ? "delete" : "object",
				objectId: String(row.object_id),
				storedId: String(row.stored_id),
				version: String(row.version),
				origin: String(row.origin),
				enqueuedAt: formatMicros(Number(row.enqueued_at)),
				payload: String(row.payload),
			}));
		},
		ackOutbox(peer, throughSeq, state) {
			inTransaction(() => {
				removeAcked.run(peer, throughSeq);
				upsertState.run(peer, peerStateJson(state));
			});
		},
		outboxDepth(peer) {
			const row = countOutbox.get(peer);
			const oldest = row?.oldest;
			return {
				count: Number(row?.n ?? 0),
				oldestEnqueuedAt: typeof oldest === "number" ? formatMicros(oldest) : undefined,
			};
		},
		sentIdOf(peer, storedId) {
			const row = selectSent.get(peer, storedId);
			return row === undefined ? undefined : { id: String(row.sent_id), origin: String(row.origin) };
		},
		putReceivedProvenance(records) {
			if (records.length === 0) return;
			inTransaction(() => {
				for (const r of records) {
					insertProvenance.run(
						r.objectId,
						r.version,
						r.peer,
						r.origin,
						r.keyId,
						r.signature.protected,
						r.signature.signature,
						micros(r.receivedAt),
					);
				}
			});
		},
		receivedProvenance(objectId) {
			return selectProvenance.all(objectId).map((row: Row) => ({
				objectId: String(row.object_id),
				version: String(row.version),
				peer: String(row.peer),
				origin: String(row.origin),
				keyId: String(row.key_id),
				signature: { protected: String(row.protected), signature: String(row.signature) },
				receivedAt: formatMicros(Number(row.received_at)),
			}));
		},
		getPeerState(peer) {
			const row = selectState.get(peer);
			if (row === undefined) return undefined;
			const state = { ...EMPTY_PEER_STATE, ...(JSON.parse(String(row.state)) as Partial<PeerState>) };
			if (typeof row.feed_cursor === "number") state.feedCursor = formatMicros(row.feed_cursor);
			return state;
		},
		putPeerState(peer, state) {
			upsertState.run(peer, peerStateJson(state));
		},
		resetFeedCursor(peer, cursor) {
			upsertCursor.run(peer, cursor === undefined ? null : micros(cursor), peerStateJson(EMPTY_PEER_STATE));
		},
	};
}

function micros(text: string): number {
	const value = parseMicros(text);
	if (value === undefined) throw new AppError("E_STORE_QUERY_INVALID", `not an RFC 3339 timestamp: ${text}`);
	return value;
}
