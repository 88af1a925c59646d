// `entente demo` with a hostile partner: once the reference network has settled, one partner node turns on the
// others. It signs with its own valid keys, as a real node would, and pushes to every node that peers with it:
// forged and revoking versions of every object it received, other statements of every observable, the TLP and
// IEP marking definitions re-posted as white, a TLP:RED report wrapping everyone's objects, deletions of objects
// it does not own, and objects claimed for another party. Then an originator deletes one of its forged objects.
// At the end no other node holds a byte it did not hold before (no protected value leaked, no canary stored),
// nothing of another organisation is altered, revoked or hidden, and the deleted object is gone everywhere.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { loadKeyRing, type NodeKeyRing } from "../src/federation/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { TLP1_DEFINITIONS, TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { CLI } from "./support/cli.ts";
import { eventually } from "./support/federation-net.ts";
import { sendPush, signedItem } from "./support/peer-voice.ts";

interface DemoNodeJson {
	name: string;
	party: { id: string; name: string };
	url: string;
	adminToken: string;
	dataDir: string;
}
interface DemoJson {
	nodes: DemoNodeJson[];
	links: { from: string; to: string }[];
}

const CANARY = "cnryhostiledemo";
/** A custom property on the hostile node's own statements of observables. */
const STATEMENT = "x_hostile_statement";
const CLEAR = TLP2_DEFINITIONS.clear.id;
const TAXII = { accept: "application/taxii+json;version=2.1" };

/** Every version a node's admin reads over TAXII, as `id@version` → the object's JSON. */
async function everything(node: DemoNodeJson): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	let next: string | undefined;
	for (let page = 0; page < 200; page++) {
		const query = `match[version]=all&limit=500${next === undefined ? "" : `&next=${encodeURIComponent(next)}`}`;
		const response = await fetch(`${node.url}/taxii2/api/collections/all/objects/?${query}`, {
			headers: { ...TAXII, authorization: `Bearer ${node.adminToken}` },
		});
		assert.equal(response.status, 200, `${node.name}: ${await response.clone().text()}`);
		const body = (await response.json()) as { objects?: StixObject[]; more?: boolean; next?: string };
		for (const object of body.objects ?? [])
			out.set(`${object.id}@${String(object.modified ?? object.created ?? "")}`, comparable(object));
		if (body.more !== true || body.next === undefined) break;
		next = body.next;
	}
	return out;
}

/**
 * The object as text, without the instant a transformed copy was derived at (a copy released again carries a new
 * one; it says when, not what).
 */
function comparable(object: StixObject): string {
	const derivation = object.x_entente_derivation as Record<string, unknown> | undefined;
	if (derivation === undefined) return JSON.stringify(object);
	const { at: _at, ...rest } = derivation;
	return JSON.stringify({ ...object, x_entente_derivation: rest });
}

function laterBy(timestamp: unknown, seconds: number): string {
	const base = typeof timestamp === "string" ? Date.parse(timestamp) : Date.parse("2024-01-01T00:00:00Z");
	return new Date(base + seconds * 1000).toISOString();
}

/** What the hostile node pushes: attacks on every object it holds that is not its own party's. */
function attacks(held: readonly StixObject[], hostileParty: string, victimParty: string): object[] {
	const objects: StixObject[] = [];
	const theirs = held.filter((o) => o.created_by_ref !== hostileParty && o.id !== hostileParty);
	for (const object of theirs) {
		if (object.type === "marking-definition") {
			// An IEP or statement definition of someone else, its meaning turned to white.
			objects.push({
				...object,
				created: laterBy(object.created, 1),
				name: `${CANARY} white`,
				definition_type: "tlp",
				definition: { tlp: "white" },
			} as StixObject);
			continue;
		}
		const { created_by_ref: _author, ...rest } = object;
		if (typeof object.modified === "string") {
			objects.push({
				...rest,
				modified: laterBy(object.modified, 1),
				object_marking_refs: [CLEAR],
				name: CANARY,
			});
			objects.push({ ...rest, modified: laterBy(object.modified, 2), revoked: true });
		} else {
			// An observable: the attacker's own statement of the same value, public. It may be kept beside the
			// originator's statement (an observable has no owner) but must never replace or loosen it.
			objects.push({ ...rest, object_marking_refs: [CLEAR], [STATEMENT]: true } as StixObject);
		}
	}
	objects.push({ ...TLP2_DEFINITIONS.clear, id: TLP2_DEFINITIONS.red.id, name: CANARY } as StixObject);
	objects.push({
		...TLP1_DEFINITIONS.white,
		id: TLP2_DEFINITIONS["amber+strict"].id,
		name: CANARY,
	} as StixObject);
	objects.push({
		type: "report",
		spec_version: "2.1",
		id: "report--0b5e0b5e-0000-4000-8000-00000000c0de",
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-01T00:00:00.000Z",
		created_by_ref: hostileParty,
		name: "wraps everyone's objects under TLP:RED",
		published: "2026-01-01T00:00:00.000Z",
		object_refs: theirs.filter((o) => o.type !== "marking-definition").map((o) => o.id),
		object_marking_refs: [TLP2_DEFINITIONS.red.id],
	} as StixObject);
	const items: object[] = objects.map((object) => ({ object, origin: hostileParty }));
	for (const object of theirs) items.push({ delete: { id: object.id }, origin: hostileParty });
	// An object claimed for the victim's party, which the hostile node does not host.
	items.push({
		object: {
			...(theirs.find((o) => o.type === "indicator") ?? theirs[0]),
			modified: "2030-01-01T00:00:00.000Z",
			name: CANARY,
		},
		origin: victimParty,
	});
	return items;
}

async function push(ring: NodeKeyRing, target: DemoNodeJson, items: object[]): Promise<number> {
	const signed = items.map((item) => {
		if (!("object" in item)) return item;
		const { object, origin } = item as { object: StixObject; origin: string };
		return signedItem(object, origin, ring);
	});
	return (await sendPush(target.url, JSON.stringify({ items: signed }), ring)).status;
}

describe("entente demo with a hostile partner node", () => {
	let demo: ChildProcess | undefined;
	let network: DemoJson;

	before(async () => {
		const child = spawn(process.execPath, [CLI, "demo", "--json", "--keep-running", "--base-port", "0"], {
			stdio: ["ignore", "pipe", "pipe"],
		});
		demo = child;
		let stdout = "";
		let stderr = "";
		child.stderr?.on("data", (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		network = await new Promise<DemoJson>((resolve, reject) => {
			child.stdout?.on("data", (chunk: Buffer) => {
				stdout += chunk.toString();
				try {
					resolve(JSON.parse(stdout) as DemoJson);
				} catch {
					// Not the whole JSON yet.
				}
			});
			child.once("exit", (code) => reject(new Error(`the demo exited (${code}) before settling: ${stderr}`)));
		});
	});

	after(async () => {
		if (demo === undefined || demo.exitCode !== null) return;
		const exited = new Promise((resolve) => demo?.once("exit", resolve));
		demo.kill("SIGINT");
		await exited;
	});

	it("leaves every other node with nothing new, nothing altered and the originator's deletion applied", async () => {
		// The hostile node: the partner with the most links (a J-CAT police force in the reference scenario).
		const degree = (name: string) => network.links.filter((l) => l.from === name || l.to === name).length;
		const hostile = [...network.nodes]
			.filter((n) => !n.name.startsWith("uk-nca"))
			.sort((a, b) => degree(b.name) - degree(a.name))[0];
		const victim = network.nodes.find((n) => n.name.startsWith("uk-nca"));
		assert.ok(hostile !== undefined && victim !== undefined);
		const others = network.nodes.filter((n) => n !== hostile);
		const before = new Map(
			await Promise.all(others.map(async (n) => [n.name, await everything(n)] as const)),
		);

		const held = [...(await everything(hostile)).values()].map((text) => JSON.parse(text) as StixObject);
		const heldIds = new Set(held.map((o) => o.id));
		const ring = loadKeyRing(hostile.dataDir);
		const items = attacks(held, hostile.party.id, victim.party.id);
		const accepted = [];
		for (const target of others) if ((await push(ring, target, items)) === 200) accepted.push(target.name);
		assert.ok(accepted.length >= 2, `only ${accepted.join(", ")} took the hostile node's pushes`);

		// The originator deletes one of its objects the hostile node forged: gone from every node that had it.
		const victimObjects = [...(before.get(victim.name)?.values() ?? [])]
			.map((text) => JSON.parse(text) as StixObject)
			.filter((o) => o.created_by_ref === victim.party.id && o.type === "indicator");
		const forgedAndDeleted = victimObjects.find((o) =>
			held.some((h) => h.id === o.id && typeof h.modified === "string"),
		);
		assert.ok(forgedAndDeleted !== undefined, "the hostile node held none of the victim's indicators");
		const deleted = await fetch(`${victim.url}/taxii2/api/collections/all/objects/${forgedAndDeleted.id}/`, {
			method: "DELETE",
			headers: { ...TAXII, authorization: `Bearer ${victim.adminToken}` },
		});
		assert.equal(
			deleted.status,
			200,
			`the originator cannot delete its ${forgedAndDeleted.id}: ${await deleted.text()}`,
		);
		const holding = async () => {
			const still: string[] = [];
			for (const node of others)
				if ([...(await everything(node)).keys()].some((k) => k.startsWith(`${forgedAndDeleted.id}@`)))
					still.push(node.name);
			return still;
		};
		await eventually(
			"the originator's deletion reached every node",
			async () => (await holding()).length === 0,
		);

		for (const node of others) {
			const was = before.get(node.name) ?? new Map<string, string>();
			const now = await everything(node);
			for (const [key, text] of now) {
				assert.ok(!text.includes(CANARY), `${node.name} holds the hostile node's ${key}`);
				// The hostile node's own report, and its own statements of observables it knew (an observable has no
				// owner: they may be kept beside the originator's, whoever relays them), are its to share.
				if (key.startsWith("report--0b5e0b5e") || text.includes(`"${STATEMENT}"`)) continue;
				if (key.endsWith("@") && heldIds.has(key.slice(0, -1)) && was.get(key) !== text) continue;
				assert.equal(text, was.get(key), `${node.name} holds ${key}, which it did not hold as such before`);
			}
			// Everything it held before, it still holds and shows as it was (an observable's statement included).
			const texts = new Set(now.values());
			for (const [key, text] of was)
				if (!key.startsWith(`${forgedAndDeleted.id}@`))
					assert.ok(texts.has(text), `${node.name} lost, altered or no longer shows ${key}`);
		}
	});
});
