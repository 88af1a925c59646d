// Who acts on the command line, as the audit trail records it (D66): the data directory's operator by OS user name.
import { userInfo } from "node:os";
import type { AuditActor } from "../../store/index.ts";

/** `cli:<os user>` over the `cli` channel (as `policy apply` records `appliedBy`); `cli` when the OS will not say. */
export function cliActor(): AuditActor {
	try {
		return { name: `cli:${userInfo().username}`, channel: "cli" };
	} catch {
		return { name: "cli", channel: "cli" };
	}
}
