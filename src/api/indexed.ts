// The observable index as the index-backed routes read it: settled first, so an answer sees every write committed
// before the request (a search right after a publish finds what was published).
import { AppError } from "../errors/index.ts";
import type { ObservableIndex } from "../intel/index.ts";
import type { ApiServices } from "./services.ts";

/** What an index-backed route reads: the store and the gate, and the index. */
export type IndexedServices = Pick<ApiServices, "store" | "gate"> & { index: ObservableIndex };

/**
 * The index, once it holds everything committed before this call, with the store and the gate.
 * @throws AppError E_API_INDEX_UNAVAILABLE when the API was built without one (a node always has one), or while
 * the node is still building it at start-up (then with Retry-After).
 */
export async function indexed(services: ApiServices): Promise<IndexedServices> {
	const intel = services.intel;
	if (intel === undefined)
		throw new AppError(
			"E_API_INDEX_UNAVAILABLE",
			"this API was built without the observable index that search and matching read; start the node with entente serve",
		);
	const unavailable = intel.unavailable?.();
	if (unavailable !== undefined)
		throw new AppError(
			"E_API_INDEX_UNAVAILABLE",
			unavailable.message,
			unavailable.retryAfterSeconds === undefined
				? {}
				: { details: { retry_after_seconds: unavailable.retryAfterSeconds } },
		);
	await intel.settled();
	return { store: services.store, gate: services.gate, index: intel.index };
}
