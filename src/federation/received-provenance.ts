// Proof of where a received object came from: the provenance signatures the inbox kept, checked again
// against the versions this node holds and the keys of the peers that sent them.
import type { ReceivedProvenance, Store } from "../store/index.ts";
import { verifyObjectAsync } from "./crypto/index.ts";
import { keysOf } from "./peer-keys.ts";

/** One kept signature and whether it still verifies over the stored version. */
export interface ProvenanceProof extends ReceivedProvenance {
	/** "verified", or why not: the version or the peer is gone, or the signature does not match. */
	check: "verified" | "version-not-held" | "peer-unknown" | "bad-signature" | "unknown-key" | "malformed";
}

/**
 * The provenance signatures this node received for `objectId`, each verified again. Operators only:
 * the CLI (`entente peers provenance`) is its one caller, nothing serves it to parties.
 */
export async function provenanceProofs(store: Store, objectId: string): Promise<ProvenanceProof[]> {
	const records = await store.receivedProvenance(objectId);
	const versions = await store.getVersions(objectId, ["all"]);
	const proofs: ProvenanceProof[] = [];
	for (const record of records) {
		const version = versions.find((v) => v.version === record.version);
		const peer = await store.getPeer(record.peer);
		if (version === undefined) proofs.push({ ...record, check: "version-not-held" });
		else if (peer === undefined) proofs.push({ ...record, check: "peer-unknown" });
		else {
			const keys = keysOf(peer);
			const verdict = await verifyObjectAsync(version.object, record.signature, (keyId) => keys.get(keyId));
			proofs.push({ ...record, check: verdict.ok ? "verified" : verdict.reason });
		}
	}
	return proofs;
}
