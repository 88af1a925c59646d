// What a policy defines, counted: shown when one is applied or read (`entente policy apply|show`, the
// REST API's /policy routes).
import type { Policy } from "./model.ts";

/** Counts of what a policy defines. */
export interface PolicySummary {
	parties: number;
	/** Parties hosted by this node. */
	localParties: number;
	jurisdictions: number;
	agreements: number;
	communities: number;
}

/**
 * Counts what `policy` defines.
 * @example summarisePolicy(policy) // { parties: 6, localParties: 1, jurisdictions: 3, agreements: 4, communities: 2 }
 */
export function summarisePolicy(policy: Policy): PolicySummary {
	return {
		parties: policy.parties.length,
		localParties: policy.parties.filter((party) => party.local).length,
		jurisdictions: policy.jurisdictions.length,
		agreements: policy.agreements.length,
		communities: policy.communities.length,
	};
}
