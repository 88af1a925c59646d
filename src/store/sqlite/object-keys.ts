// Compact integer keys for the (id, version) index: an id's key and a version's order, and their assignment.
import { createHash } from "node:crypto";
import type { DatabaseSync, SQLInputValue } from "node:sqlite";

/**
 * Keys are 47 bits, so SQLite stores each in 6 bytes. Random UUIDs make a key collision among a
 * million ids a ~0.4% event over the life of a store, which `createKeyAssigner` resolves exactly.
 */
const KEY_BITS = 47;
const KEY_SPACE = 2 ** KEY_BITS;
const UUID_TAIL = /-([0-9a-f]{12})$/i;
const LOW_BITS = 2 ** 24;

/**
 * The key an id gets unless another id already holds it: 47 bits of its UUID's last group (random in a
 * v4 UUID, hashed in a v5) offset by a hash of its type, or of SHA-256 of the id when it does not end in
 * a UUID. The offset matters: producers reuse one UUID across types (MISP's exporter names an attribute's
 * observed-data, indicator and observable `<type>--<attribute uuid>`), and ids sharing a key cost the
 * writer a lookup per version from then on (D53). Within a type the offset is fixed, so distinct UUID
 * tails still get distinct keys.
 * @example naturalIdKey("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f") !== naturalIdKey("malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
 */
export function naturalIdKey(id: string): number {
	// By hand rather than UUID_TAIL.exec: this runs two or three times per written version.
	const length = id.length;
	if (length >= 13 && id.charCodeAt(length - 13) === 45 /* - */) {
		let value = 0;
		for (let i = length - 12; i < length; i++) {
			const digit = hexDigit(id.charCodeAt(i));
			if (digit < 0) break;
			value = value * 16 + digit;
			if (i === length - 1) return (value + typeOffset(id)) % KEY_SPACE;
		}
	}
	const tail = UUID_TAIL.exec(id)?.[1] ?? createHash("sha256").update(id).digest("hex").slice(0, 12);
	return (Number.parseInt(tail, 16) + typeOffset(id)) % KEY_SPACE;
}

/**
 * 47 bits of two FNV-1a-style hashes (different seeds and multipliers) of the id's type (the text before `--`, or the whole id without one),
 * read in place: no slice, no allocation, since it runs for every key.
 */
function typeOffset(id: string): number {
	let high = 0x811c9dc5;
	let low = 0x01000193;
	for (let i = 0; i < id.length; i++) {
		const c = id.charCodeAt(i);
		if (c === 45 /* - */ && id.charCodeAt(i + 1) === 45) break;
		high = Math.imul(high ^ c, 0x01000193);
		low = Math.imul(low ^ c, 0x811c9dc5 | 1);
	}
	return ((high >>> 0) % (KEY_SPACE / LOW_BITS)) * LOW_BITS + ((low >>> 0) % LOW_BITS);
}

/** The value of a hexadecimal digit's char code, or -1. */
function hexDigit(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	const lower = c | 0x20;
	return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Order position of the unversioned "" (below every timestamp) and of a non-timestamp version (above). */
const UNVERSIONED = -(2n ** 63n);
const NOT_A_TIMESTAMP = 2n ** 63n - 1n;
const STIX_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** Seconds since the epoch of the day "YYYY-MM-DD", or undefined when it is no real date (Feb 30). */
function daySeconds(day: string): number | undefined {
	const [year, month, date] = [day.slice(0, 4), day.slice(5, 7), day.slice(8, 10)].map(Number) as [
		number,
		number,
		number,
	];
	const value = new Date(0);
	value.setUTCFullYear(year, month - 1, date);
	const real =
		value.getUTCFullYear() === year && value.getUTCMonth() === month - 1 && value.getUTCDate() === date;
	return real ? value.getTime() / 1000 : undefined;
}

/** A version's two order columns: whole microseconds and the fraction digits beyond the sixth. */
export type VersionOrder = [micros: number | bigint, extra: string];

/**
 * Returns `versionOrder` with a one-entry cache of the last day seen, for runs of versions that share
 * their day (a batch of one feed). Create one per batch.
 */
export function versionOrderer(): (version: string) => VersionOrder {
	let lastDay = "";
	let lastDaySeconds: number | undefined;
	return (version) => {
		if (version === "") return [UNVERSIONED, ""];
		if (!STIX_TIMESTAMP.test(version)) return [NOT_A_TIMESTAMP, version];
		const day = version.slice(0, 10);
		if (day !== lastDay) {
			lastDay = day;
			lastDaySeconds = daySeconds(day);
		}
		const hour = Number(version.slice(11, 13));
		const minute = Number(version.slice(14, 16));
		const second = Number(version.slice(17, 19));
		// A text that does not round-trip (Feb 30, 24:00:00) would share an instant with another text.
		if (lastDaySeconds === undefined || hour > 23 || minute > 59 || second > 59) {
			return [NOT_A_TIMESTAMP, version];
		}
		const seconds = lastDaySeconds + hour * 3600 + minute * 60 + second;
		const fraction = version.length > 20 ? version.slice(20, -1).replace(/0+$/, "") : "";
		const micros = fraction.length === 0 ? 0 : Number(fraction.slice(0, 6).padEnd(6, "0"));
		const whole = seconds * 1_000_000 + micros;
		return [
			Number.isSafeInteger(whole) ? whole : BigInt(seconds) * 1_000_000n + BigInt(micros),
			fraction.slice(6),
		];
	};
}

/**
 * A version as two columns that sort like `versionKey` and are equal exactly when it is: whole
 * microseconds since the epoch, and the fraction digits beyond the sixth (trailing zeros dropped; ""
 * for almost every timestamp). `""` sorts first; a version that is not a STIX timestamp (never
 * stored after validation) sorts last, ordered by its text.
 * @example versionOrder("2020-01-01T00:00:00.1234567Z") // [1577836800123456, "7"]
 */
export function versionOrder(version: string): VersionOrder {
	return versionOrderer()(version);
}

/** The keys of ids that could not have their natural key, read on any connection. */
export interface KeyResolver {
	/** The key of each id (natural unless displaced by a collision), in the order given. */
	keysOf(ids: readonly string[]): number[];
}

/** Looks displaced ids up in `object_keys` (almost always empty) and computes the rest. */
export function createKeyResolver(db: DatabaseSync): KeyResolver {
	const displaced = db.prepare(
		"SELECT id, id_key FROM object_keys WHERE id IN (SELECT value FROM json_each(?))",
	);
	const any = db.prepare("SELECT 1 FROM object_keys LIMIT 1");
	return {
		keysOf(ids) {
			const natural = ids.map(naturalIdKey);
			if (ids.length === 0 || any.get() === undefined) return natural;
			const moved = new Map<string, number>();
			for (const row of displaced.all(JSON.stringify(ids))) moved.set(String(row.id), Number(row.id_key));
			return ids.map((id, index) => moved.get(id) ?? (natural[index] as number));
		},
	};
}

/** One write transaction's view of id keys (see `KeyAssigner.begin`). */
export interface TransactionKeys {
	/** The key under which `id`'s versions are stored if it has any: its recorded key, else its natural key. */
	lookup(id: string): number;
	/**
	 * True when no stored row can hold `id`'s key: its natural key was free when the transaction began,
	 * nothing has been assigned it since, and no id has a recorded key. A new version of such an id
	 * needs no lookup before its insert (the common case of a bulk ingest of new objects).
	 */
	unused(id: string): boolean;
	/**
	 * The key for a new version of `id`: its recorded key, else its natural key when no other id holds
	 * it, else the next free key after it, recorded in `object_keys`. The caller inserts the version
	 * under it before the next call.
	 */
	assign(id: string): number;
}

/**
 * Gives ids their keys on the writer connection, inside the caller's write transaction. Keys and ids
 * stay one-to-one, so the unique index on (id_key, version_micros, version_extra) is exactly
 * uniqueness of (id, version).
 */
export interface KeyAssigner {
	/** Starts one transaction's assignments; which natural keys of `ids` are taken is read in one statement. */
	begin(ids: readonly string[]): TransactionKeys;
	/** Forgets a displaced id's key once the object has no versions left. */
	release(id: string): void;
}

/** Prepares the statements of `KeyAssigner` on the writer connection. */
export function createKeyAssigner(db: DatabaseSync): KeyAssigner {
	const recorded = db.prepare("SELECT id_key FROM object_keys WHERE id = ?");
	const anyRecorded = db.prepare("SELECT 1 FROM object_keys LIMIT 1");
	const holder = db.prepare("SELECT id FROM objects WHERE id_key = ? LIMIT 1");
	// Index-only: which of these keys are taken, without reading any row.
	const taken = db.prepare(
		"SELECT DISTINCT id_key FROM objects WHERE id_key IN (SELECT value FROM json_each(?))",
	);
	const reserved = db.prepare("SELECT 1 FROM object_keys WHERE id_key = ?");
	const record = db.prepare("INSERT INTO object_keys (id, id_key) VALUES (?, ?)");
	const forget = db.prepare("DELETE FROM object_keys WHERE id = ?");
	const heldBy = (key: SQLInputValue): string | undefined => {
		const row = holder.get(key);
		return row === undefined ? undefined : String(row.id);
	};
	return {
		begin(ids) {
			// One look at object_keys per transaction: it is empty on almost every node.
			let someRecorded = anyRecorded.get() !== undefined;
			const naturals = [...new Set(ids.map(naturalIdKey))];
			const free = new Set(naturals);
			if (naturals.length > 0)
				for (const row of taken.iterate(JSON.stringify(naturals))) free.delete(Number(row.id_key));
			const recordedKey = (id: string): number | undefined => {
				if (!someRecorded) return undefined;
				const row = recorded.get(id);
				return row === undefined ? undefined : Number(row.id_key);
			};
			return {
				lookup: (id) => recordedKey(id) ?? naturalIdKey(id),
				unused: (id) => !someRecorded && free.has(naturalIdKey(id)),
				assign(id) {
					const existing = recordedKey(id);
					if (existing !== undefined) return existing;
					const natural = naturalIdKey(id);
					if (free.delete(natural)) {
						if (!someRecorded || reserved.get(natural) === undefined) return natural;
					} else {
						const current = heldBy(natural);
						if (current === id) return natural;
						if (current === undefined && (!someRecorded || reserved.get(natural) === undefined))
							return natural;
					}
					let key = natural;
					do key = (key + 1) % KEY_SPACE;
					while (heldBy(key) !== undefined || reserved.get(key) !== undefined);
					free.delete(key);
					record.run(id, key);
					someRecorded = true;
					return key;
				},
			};
		},
		release(id) {
			forget.run(id);
		},
	};
}

/**
 * Migration step: fills id_key, version_micros and version_extra of rows stored before they existed,
 * displaces the ids whose natural keys collide (recorded in `object_keys`), then builds the unique
 * index. Runs inside the migration's transaction, after its SQL added the columns.
 */
export function backfillObjectKeys(db: DatabaseSync): void {
	const options = { deterministic: true, directOnly: true };
	db.function("entente_id_key", options, (id) => naturalIdKey(String(id)));
	db.function("entente_version_micros", options, (version) => versionOrder(String(version))[0]);
	db.function("entente_version_extra", options, (version) => versionOrder(String(version))[1]);
	db.exec(`UPDATE objects SET id_key = entente_id_key(id), version_micros = entente_version_micros(version),
		version_extra = entente_version_extra(version)`);
	displaceCollidingIds(db);
	db.exec(`
		DROP INDEX objects_by_id_version;
		CREATE UNIQUE INDEX objects_by_id_key ON objects (id_key, version_micros, version_extra);
	`);
}

/**
 * Migration step: gives every stored id the key `naturalIdKey` now computes (its type mixed in, D53),
 * displacing the ids whose keys collide, and rebuilds the unique index. Its SQL dropped the index and
 * emptied `object_keys` first; runs inside the migration's transaction.
 */
export function rekeyObjects(db: DatabaseSync): void {
	db.function("entente_id_key", { deterministic: true, directOnly: true }, (id) => naturalIdKey(String(id)));
	db.exec("UPDATE objects SET id_key = entente_id_key(id)");
	displaceCollidingIds(db);
	db.exec("CREATE UNIQUE INDEX objects_by_id_key ON objects (id_key, version_micros, version_extra)");
}

/** Where ids share a key, the first keeps it and each other one gets a free key recorded in `object_keys`. */
function displaceCollidingIds(db: DatabaseSync): void {
	db.exec("CREATE INDEX objects_by_key_backfill ON objects (id_key)");
	const colliding = db
		.prepare("SELECT id_key FROM objects GROUP BY id_key HAVING min(id) <> max(id)")
		.all()
		.map((row) => Number(row.id_key));
	const idsAt = db.prepare("SELECT DISTINCT id FROM objects WHERE id_key = ? ORDER BY id");
	const move = db.prepare("UPDATE objects SET id_key = ? WHERE id_key = ? AND id = ?");
	const keys = createKeyAssigner(db).begin([]);
	for (const key of colliding) {
		// The first id keeps the key; keyOf finds each other one held elsewhere and records a free key.
		for (const row of idsAt.all(key).slice(1)) {
			const id = String(row.id);
			move.run(-1, key, id);
			move.run(keys.assign(id), -1, id);
		}
	}
	db.exec("DROP INDEX objects_by_key_backfill");
}
