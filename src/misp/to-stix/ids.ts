// The ids MISP's exporter mints that are not a MISP uuid: relationships, named by what they join.
import { uuidV5In } from "../../stix/ids/index.ts";

/** misp-stix's UUIDv5 namespace (misp_stix_converter, `_UUIDv4`): relationship ids match MISP's own export. */
export const MISP_NAMESPACE = "76beed5f-7251-457e-8c2a-b45f7b589d3d";

const mispUuid = uuidV5In(MISP_NAMESPACE);

/** `relationship--uuid5("<source> - <type> - <target>")`, as misp-stix names a relationship. */
export function relationshipId(sourceRef: string, relationshipType: string, targetRef: string): string {
	return `relationship--${mispUuid(`${sourceRef} - ${relationshipType} - ${targetRef}`)}`;
}

/** A uuid for something MISP names without one (a sanitised non-RFC-4122 uuid, a galaxy tag). */
export function derivedUuid(name: string): string {
	return mispUuid(name);
}
