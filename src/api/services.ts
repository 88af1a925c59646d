// What every REST route works with, built once per app by createApiApp.
import type { BodyBudget } from "../body/index.ts";
import type { Store, User } from "../store/index.ts";
import type { CursorSeal } from "./cursor.ts";
import type { ApiGate, ApiViewer, Purpose } from "./gate.ts";

export interface ApiServices {
	store: Store;
	gate: ApiGate;
	/** The same gate over another view of the store (a preview's pending store, D26). */
	previewGate: (view: Store) => Promise<ApiGate>;
	/** This node's name: a policy file put through the API must name it. */
	nodeName: string;
	cursors: CursorSeal;
	/** Largest request body read (a policy file, objects to preview or publish), in bytes. */
	maxBodyBytes: number;
	/** The node-wide budget every body read is charged to (src/body); absent in tests of the API alone. */
	bodies?: BodyBudget | undefined;
}

/** The viewer a request acts as: the user's organisation is the party that receives. */
export function viewerOf(user: User, purpose: Purpose): ApiViewer {
	return { partyId: user.organizationId, userId: user.id, purpose };
}
