// A batch of rows packed for the writer thread: two strings instead of thousands of small objects.
import { type EncodedVersion, encodeVersion } from "../encoded-version.ts";
import type { NewVersion, Provenance, VersionAuthority } from "../store.ts";
import type { VersionRow } from "./object-writer.ts";

/**
 * What crosses to the writer thread for one batch: the row headers as one JSON string and the bodies
 * as UTF-8 in one transferred buffer. Structured clone of 20,000 row objects cost a walk, a tag per
 * field and an allocation per value on both threads; a transferred buffer is not copied at all, and
 * the writer binds each body's bytes without ever making it a string again (D20).
 */
export interface PackedRows {
	/**
	 * JSON: `[provenances, authorities, rows]`, each row `[id, type, specVersion, version, revoked, provenance,
	 * flags, bodyBytes, refs, authority, awaiting]` (authority: an index into authorities, -1 for none;
	 * awaiting: the marking refs an `unknown-marking` version waits for, D58).
	 */
	readonly header: string;
	/** The bodies' UTF-8, concatenated in row order; `bodyBytes` cuts them apart. */
	readonly bodies: Uint8Array;
}

type PackedRow = [
	id: string,
	type: string,
	specVersion: string,
	version: string,
	revoked: 0 | 1,
	provenance: number,
	flags: string | null,
	bodyBytes: number,
	refs: readonly (readonly [string, string])[],
	authority: number,
	awaiting: readonly string[],
];

const NONE: readonly string[] = [];

const encoder = new TextEncoder();

/** Packs a batch of versions, serialising the bodies of those that are not encoded yet. */
export function packVersions(batch: readonly NewVersion[]): PackedRows {
	const provenances: [string, string][] = [];
	const provenanceIndex = new Map<Provenance, number>();
	const authorities: VersionAuthority[] = [];
	const authorityIndex = new Map<VersionAuthority, number>();
	const rows: PackedRow[] = new Array(batch.length);
	const encoded = batch.map((item) => item.encoded ?? encodeVersion(item.object));
	let units = 0;
	for (const one of encoded) units += one.body.length;
	// Mostly ASCII: a little headroom, grown (rarely) when multi-byte characters need more.
	let bytes = new Uint8Array(units + (units >> 4) + 64);
	let at = 0;
	for (let i = 0; i < batch.length; i++) {
		const item = batch[i] as NewVersion;
		const { body } = encoded[i] as EncodedVersion;
		let result = encoder.encodeInto(body, bytes.subarray(at));
		if (result.read < body.length) {
			// Cut short by multi-byte characters: redo this body in a buffer with room for 3 bytes a unit.
			const grown = new Uint8Array(Math.max(bytes.length * 2, at + body.length * 3));
			grown.set(bytes.subarray(0, at));
			bytes = grown;
			result = encoder.encodeInto(body, bytes.subarray(at));
		}
		const written = result.written;
		// Callers pass one provenance object for a whole batch; a new object only costs a repeated entry.
		let provenance = provenanceIndex.get(item.provenance);
		if (provenance === undefined) {
			provenance = provenances.length;
			provenances.push([item.provenance.organizationId, item.provenance.source]);
			provenanceIndex.set(item.provenance, provenance);
		}
		// Likewise one authority object is shared by a batch's objects of a kind.
		let authority = -1;
		if (item.authority !== undefined) {
			authority = authorityIndex.get(item.authority) ?? authorities.length;
			if (authority === authorities.length) {
				authorities.push(item.authority);
				authorityIndex.set(item.authority, authority);
			}
		}
		const one = encoded[i] as EncodedVersion;
		rows[i] = [
			one.id,
			one.type,
			one.specVersion,
			one.version,
			one.revoked ? 1 : 0,
			provenance,
			item.flags !== undefined && item.flags.length > 0 ? JSON.stringify(item.flags) : null,
			written,
			one.refs,
			authority,
			item.awaitingMarkings ?? NONE,
		];
		at += written;
	}
	return { header: JSON.stringify([provenances, authorities, rows]), bodies: bytes.subarray(0, at) };
}

/** The rows of a packed batch, in order (on the writer thread); bodies are views into the buffer. */
export function unpackRows(packed: PackedRows): VersionRow[] {
	const [provenances, authorities, rows] = JSON.parse(packed.header) as [
		[string, string][],
		VersionAuthority[],
		PackedRow[],
	];
	const out: VersionRow[] = new Array(rows.length);
	let at = 0;
	for (let i = 0; i < rows.length; i++) {
		const [id, type, specVersion, version, revoked, provenance, flags, bodyBytes, refs, authority, awaiting] =
			rows[i] as PackedRow;
		const [organizationId, source] = provenances[provenance] as [string, string];
		out[i] = {
			id,
			type,
			specVersion,
			version,
			revoked,
			organizationId,
			source,
			flags,
			body: packed.bodies.subarray(at, at + bodyBytes),
			refs,
			authority: authorities[authority],
			awaiting,
		};
		at += bodyBytes;
	}
	return out;
}
