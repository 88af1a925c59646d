// Who may do what on the policy screen, as the API decides it (src/api/roles.ts): analysts edit and preview,
// admins apply and roll back.
import type { MeResult } from "../api/types.ts";

/** True when the role may apply a policy version or roll back (admin; `policy.write`). */
export function canApplyPolicy(me: MeResult): boolean {
	return me.user.role === "admin";
}

/** Why the apply and rollback buttons are off for this user, in words. */
export function roleNote(me: MeResult): string {
	return `Applying and rolling back need the admin role; yours is ${me.user.role}. You can edit and preview, then hand the text to an admin.`;
}
