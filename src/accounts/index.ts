// Public face of accounts/: the node's organisations, users and tokens, and who a request's credentials prove.
export { userOfAuthorization } from "./credentials.ts";
export {
	authenticate,
	createOrganization,
	createUser,
	identityObjectOf,
	isLocalOrganization,
	localOrganization,
	type NewOrganization,
	refusePartnerAdmin,
} from "./organizations.ts";
export { upsertPartyOrganizations } from "./parties.ts";
export {
	DEFAULT_FAILED_SIGN_IN_LIMIT,
	DEFAULT_RATE_LIMIT,
	RateLimiter,
	type RateLimitOptions,
} from "./rate-limit.ts";
export {
	partnerAdminMessage,
	type SignIn,
	SignInGuard,
	type SignInOptions,
	sourceAddressOf,
} from "./sign-in.ts";
export { TOKEN_USE_INTERVAL_MS, TokenUseRecorder } from "./token-use.ts";
export { hashToken, mintToken, sameHash, tokenPrefixOf } from "./tokens.ts";
export {
	addUser,
	changeRole,
	managedUsers,
	revokeToken,
	rotateToken,
	type UserAdmin,
} from "./user-admin.ts";
