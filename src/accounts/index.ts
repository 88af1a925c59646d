// Public face of accounts/: the node's key, its organisations, users and tokens, and who a request's credentials prove.
export { userOfAuthorization } from "./credentials.ts";
export { createNodeKey, fingerprintOf, loadNodeKey, NODE_KEY_FILE, type NodeKey } from "./node-key.ts";
export {
	authenticate,
	createOrganization,
	createUser,
	identityObjectOf,
	localOrganization,
	type NewOrganization,
} from "./organizations.ts";
export { upsertPartyOrganizations } from "./parties.ts";
export { hashToken, mintToken, sameHash } from "./tokens.ts";
