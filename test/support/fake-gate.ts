// A fake egress gate for the REST API tests: it withholds, drops references and pseudonymises on markers the test
// objects carry, and counts its calls, so a route's use of the gate can be seen without a policy.
import type { ApiViewer } from "../../src/api/gate.ts";
import type {
	Decision,
	EgressGate,
	PartyPreview,
	Purpose,
	ReleasableVersion,
} from "../../src/policy/index.ts";
import type { StixObject } from "../../src/stix/core.ts";

/** Versions carrying this property are withheld by the fake gate: the stand-in for a deny. */
export const WITHHOLD = "x_test_withhold";
/** Ids listed here are removed from the released copy's `object_refs`: the stand-in for a reference withheld. */
export const DROP_REFS = "x_test_drop_refs";
/** What the fake gate makes of 10.x addresses: a pseudonymised copy under a new id. */
export const PSEUDONYM = "pseudonym-7f3a";
export const MINTED_ID = "ipv4-addr--99999999-9999-4999-8999-999999999999";
/**
 * A gate that withholds versions marked WITHHOLD, drops the references DROP_REFS names, pseudonymises 10.x
 * addresses, and counts its calls.
 */
export interface FakeGate extends EgressGate {
	calls: number;
	viewers: ApiViewer[];
}

function releaseOne(version: ReleasableVersion): StixObject | undefined {
	const object = version.object as StixObject & Record<string, unknown>;
	if (object[WITHHOLD] === true) return undefined;
	const dropped = object[DROP_REFS];
	if (Array.isArray(dropped) && Array.isArray(object.object_refs)) {
		const { [DROP_REFS]: _marker, ...kept } = object;
		return { ...kept, object_refs: object.object_refs.filter((id) => !dropped.includes(id)) } as StixObject;
	}
	if (object.type === "ipv4-addr" && String(object.value).startsWith("10.")) {
		return { ...object, id: MINTED_ID, value: PSEUDONYM } as StixObject;
	}
	return object;
}

/** A fake gate whose preview names `partner` (as "Beta Police" on beta-node) the one party receiving. */
export function fakeGate(partner: string): FakeGate {
	const gate: FakeGate = {
		calls: 0,
		viewers: [],
		async releasePage(viewer, versions) {
			gate.calls++;
			gate.viewers.push(viewer);
			return versions.map(releaseOne);
		},
		async release(viewer, version) {
			gate.calls++;
			gate.viewers.push(viewer);
			return releaseOne(version);
		},
		async explain(version: ReleasableVersion, partyId: string, purpose: Purpose): Promise<Decision> {
			gate.calls++;
			const released = releaseOne(version) !== undefined;
			return {
				verdict: released ? "full" : "deny",
				treatments: [],
				addMarkings: [],
				trace: [
					{ rule: "form", outcome: released ? "pass" : "deny", reason: `fake for ${partyId} (${purpose})` },
				],
			};
		},
		async preview(_version: ReleasableVersion, _purpose: Purpose): Promise<PartyPreview[]> {
			gate.calls++;
			return [
				{
					partyId: partner,
					name: "Beta Police",
					node: "beta-node",
					local: false,
					verdict: "transformed",
					treatments: [{ treatment: "pseudonymise", objectType: "ipv4-addr", because: "fake" }],
					decidingRule: "law.transfer",
					reason: "fake",
				},
			];
		},
	};
	return gate;
}
