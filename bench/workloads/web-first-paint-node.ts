// The node the first-paint bench serves: a copy of the observable-index bench's cached store of N indicators and
// their SCOs, made a node's store by `entente init --store` (the UK NCA under the reference policy), cached in the
// temp folder beside the store it copies (the copy costs seconds at 1M; serving writes to it, never to the original).
// The one SQL statement outside store/ (the observable-index bench's child writes its floor database the same way).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openWriter } from "../../src/store/sqlite/connection.ts";
import { NCA, SCENARIO } from "../../test/support/browser-node.ts";
import { initNodeData } from "../../test/support/node-process.ts";
import type { ScreenSample } from "../../test/support/screens.ts";

export interface PaintNode {
	data: string;
	token: string;
	/** An indicator, an IPv4 address it names and a word of its name, asked of the running node. */
	sample(url: string): Promise<ScreenSample>;
}

/** The observable-index bench's store of `count` indicators; its child builds it when missing. */
function intelStore(count: number): string {
	const dir = join(tmpdir(), `entente-bench-intel-${count}`);
	if (!existsSync(join(dir, "ready"))) {
		execFileSync(
			process.execPath,
			[
				"--expose-gc",
				"--max-old-space-size=4096",
				join(import.meta.dirname, "observable-index-child.ts"),
				String(count),
			],
			{ stdio: ["ignore", "ignore", "inherit"] },
		);
	}
	return join(dir, "store.db");
}

export async function paintNode(count: number): Promise<PaintNode> {
	const dir = join(tmpdir(), `entente-bench-paint-${count}`);
	const data = join(dir, "data");
	const tokenFile = join(dir, "token");
	if (!existsSync(tokenFile)) {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		const store = join(dir, "store.db");
		copyFileSync(intelStore(count), store);
		// Recorded as the node's own organisation's (as `entente import` records a file): the gate then releases it
		// to the node's users, where the original's unknown recorder would have it withheld from everyone.
		const db = openWriter(store, "NORMAL");
		db.prepare("UPDATE objects SET org_id = ?").run(NCA);
		db.close();
		const init = await initNodeData({
			data,
			name: "uk-nca-node",
			org: "UK National Crime Agency",
			orgId: NCA,
			policy: SCENARIO,
			store,
		});
		writeFileSync(tokenFile, init.adminToken);
	}
	const token = readFileSync(tokenFile, "utf8");
	return { data, token, sample: (url) => sample(url, token) };
}

interface ObjectsPage {
	items: { object: { id: string; type: string; name?: string; value?: string } }[];
}

async function sample(url: string, token: string): Promise<ScreenSample> {
	const ask = async (query: string): Promise<ObjectsPage> => {
		const response = await fetch(`${url}/api/v1/objects?${query}`, {
			headers: { authorization: `Bearer ${token}` },
		});
		if (!response.ok) throw new Error(`GET /objects?${query}: ${response.status} ${await response.text()}`);
		return (await response.json()) as ObjectsPage;
	};
	const indicator = (await ask("type=indicator&limit=1")).items[0]?.object;
	const address = (await ask("type=ipv4-addr&limit=1")).items[0]?.object;
	if (indicator === undefined || address?.value === undefined) {
		throw new Error("the bench store released no indicator or ipv4-addr to the node's admin");
	}
	return {
		object: indicator.id,
		valueKind: "ipv4",
		value: address.value,
		query: (indicator.name ?? "QakBot").split(" ")[0] ?? "QakBot",
	};
}
