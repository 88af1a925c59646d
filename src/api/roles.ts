// Who may do what through the REST API: one declarative rule per action, roles ordered reader < analyst < admin.
import { AppError } from "../errors/index.ts";
import type { UserRole } from "../store/index.ts";

/** Every action an API route performs; each route names exactly one. */
export const ACTIONS = [
	"objects.read",
	"objects.write",
	"me.read",
	"policy.read",
	"policy.explain",
	"policy.write",
	"watch.read",
	"watch.write",
	"warninglists.read",
	"subscriptions.write",
	"feeds.read",
	"feeds.write",
	"quarantine.read",
	"quarantine.write",
	"users.read",
	"users.write",
	"audit.read",
	"dashboard.read",
	"samples.write",
] as const;
export type Action = (typeof ACTIONS)[number];

const RANK: Record<UserRole, number> = { reader: 0, analyst: 1, admin: 2 };

/**
 * The least role each action needs. Reading objects is open to every role because the egress gate,
 * not the role, decides which objects a user's organisation receives; the policy is operators' data.
 */
const LEAST_ROLE: Record<Action, UserRole> = {
	"objects.read": "reader",
	// Publishing stores objects as the user's organisation, and the federation pushes them on at once.
	"objects.write": "analyst",
	"me.read": "reader",
	"policy.read": "analyst",
	"policy.explain": "analyst",
	"policy.write": "admin",
	// Every organisation's users read its alerts (each about an object released to it, D51); analysts edit its
	// watch-list and webhook, as they publish for it.
	"watch.read": "reader",
	"watch.write": "analyst",
	// The lists are reference data any analyst tool shows beside a value (D50); nothing about stored objects.
	"warninglists.read": "reader",
	// A release webhook carries what its user may read, nothing more (D59): any role may push its own reading out,
	// as any role may poll it; the URL rules keep the node from calling into its own network.
	"subscriptions.write": "reader",
	// Feeds are the node's own subscriptions (D55): analysts see what arrives from where; admins change them.
	"feeds.read": "analyst",
	"feeds.write": "admin",
	// What the node set aside or refused, with the competing stored versions side by side (D65): the node's own
	// administrators review it; it names every sender and shows content no gate judged.
	"quarantine.read": "admin",
	"quarantine.write": "admin",
	// An organisation's admins manage its users and tokens (D66); the trail is the node's, read by its admins.
	"users.read": "admin",
	"users.write": "admin",
	"audit.read": "admin",
	// The dashboard (D67): analysts; a partner's analyst sees only its own party's rows (api/dashboard.ts).
	"dashboard.read": "analyst",
	// The sample set is published as the user's organisation, as POST /objects is (D67); the node's own only.
	"samples.write": "analyst",
};

/**
 * Actions on the sharing policy itself: its parties, agreements and every party's decisions and traces
 * (which name objects and agreements other parties may not see). Only users of the node's own
 * organisations may perform them, whatever their role; a partner's user sees objects, not the policy. So are the
 * node's feed subscriptions (D55): where its intelligence comes from is the house's business.
 */
const HOUSE_ONLY: ReadonlySet<Action> = new Set([
	"policy.read",
	"policy.explain",
	"policy.write",
	"feeds.read",
	"feeds.write",
	"quarantine.read",
	"quarantine.write",
	"users.read",
	"users.write",
	"audit.read",
	"samples.write",
]);

/**
 * Whether `role` may perform `action`.
 * @example allow("analyst", "policy.write") // false
 */
export function allow(role: UserRole, action: Action): boolean {
	return RANK[role] >= RANK[LEAST_ROLE[action]];
}

/** The least role `action` needs (for the OpenAPI document). */
export function leastRoleFor(action: Action): UserRole {
	return LEAST_ROLE[action];
}

/**
 * Throws 403 E_API_DENIED unless `role` may perform `action`, and unless the user belongs to one of the
 * node's own organisations for a policy action (`ownHouse`, asked only then). A 403 here reveals only what
 * the route needs, never anything about stored objects, so it need not look like a 404.
 */
export async function authorize(
	role: UserRole,
	action: Action,
	ownHouse: () => Promise<boolean>,
): Promise<void> {
	if (!allow(role, action)) {
		throw new AppError("E_API_DENIED", `this needs the ${LEAST_ROLE[action]} role or higher`, {
			details: { action, required_role: LEAST_ROLE[action] },
		});
	}
	if (HOUSE_ONLY.has(action) && !(await ownHouse())) {
		throw new AppError("E_API_DENIED", houseOnlyMessage(action), {
			details: { action, required: "own-organisation" },
		});
	}
}

function houseOnlyMessage(action: Action): string {
	if (action.startsWith("feeds.")) {
		return "the node's feed subscriptions are for users of this node's own organisations; ask its operators";
	}
	if (action === "samples.write") {
		return "the sample set is loaded by users of this node's own organisations; ask its operators";
	}
	if (action.startsWith("quarantine.")) {
		return "the quarantine is reviewed by administrators of this node's own organisations; ask its operators";
	}
	if (action.startsWith("users.") || action.startsWith("audit.")) {
		return "users, tokens and the audit trail are for administrators of this node's own organisations; ask its operators";
	}
	return "the sharing policy and its decisions are for users of this node's own organisations; ask its operators";
}
