// Opens the node for one command, runs it, and always closes the store.
import { type OpenNode, openNode } from "../../main.ts";

/** Opens the node (logging warnings only), runs `work`, closes it. */
export async function withNode<T>(
	dataDir: string | undefined,
	work: (node: OpenNode) => Promise<T>,
): Promise<T> {
	const node = await openNode({ ...(dataDir === undefined ? {} : { dataDir }), logLevel: "warn" });
	try {
		return await work(node);
	} finally {
		await node.close();
	}
}
