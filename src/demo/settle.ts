// Waiting until the network is quiet: every node has judged its whole commit log for every peer and every
// outbox is empty (each delivery acknowledged after the receiver's commit), twice in a row.
import { AppError } from "../errors/index.ts";
import { peerStatuses } from "../federation/index.ts";
import type { DemoNode } from "./network.ts";

/** One peer that is not done yet, in words. */
export interface Unsettled {
	from: string;
	to: string;
	why: string;
}

/** What is still moving now; [] when nothing is. Reads each node's store (works beside `serve`). */
export async function unsettled(nodes: readonly DemoNode[]): Promise<Unsettled[]> {
	const out: Unsettled[] = [];
	for (const node of nodes) {
		const horizon = await node.open.store.commitHorizon();
		for (const status of await peerStatuses(node.open.store, new Date())) {
			const behind = horizon !== undefined && (status.cursor === undefined || status.cursor < horizon);
			if (status.queueDepth === 0 && !behind) continue;
			const error =
				status.lastError === undefined
					? ""
					: `; last error ${status.lastError.class}: ${status.lastError.message}`;
			const why =
				status.queueDepth > 0 ? `${status.queueDepth} message(s) queued` : "commit log not yet judged";
			out.push({ from: node.name, to: status.name, why: `${why}${error}` });
		}
	}
	return out;
}

/**
 * Resolves once two polls in a row find nothing moving; returns how long it took.
 * @throws AppError E_DEMO_STEP (step `settle`) after `timeoutMs`, naming every link still moving and why.
 */
export async function waitUntilSettled(
	nodes: readonly DemoNode[],
	timeoutMs: number,
	pollMs = 100,
): Promise<number> {
	const started = Date.now();
	let quiet = 0;
	for (;;) {
		const moving = await unsettled(nodes);
		quiet = moving.length === 0 ? quiet + 1 : 0;
		if (quiet >= 2) return Date.now() - started;
		if (Date.now() - started > timeoutMs) {
			const lines = moving.map((m) => `${m.from} → ${m.to}: ${m.why}`);
			throw new AppError(
				"E_DEMO_STEP",
				`settle: propagation did not finish within ${timeoutMs / 1000} s:\n  ${lines.join("\n  ")}`,
				{ details: { step: "settle", moving } },
			);
		}
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}
