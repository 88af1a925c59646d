// What a party actually receives, read through every output path of a model node, compared with the model.
import assert from "node:assert/strict";
import type { StixObject } from "../../src/stix/core.ts";
import { type Canary, expectNoCanary } from "./canaries.ts";
import { type Entitlement, entitlement, type ModelWorld, versionEntitlement } from "./entitlement-model.ts";
import { type ModelNode, modifiedAt, PARTY_POOL } from "./model-node.ts";

const ROOT = "/taxii2/api/collections/all";
const API = "/api/v1";
const PURPOSE = "network-defence";
/** Ids that never existed, one per type the model uses: a hidden object must answer exactly like these. */
const NEVER = "indicator--ffffffff-ffff-4fff-8fff-ffffffffffff";

/**
 * Types the reference model does not decide (the observables of the hostile test): left out of the exact
 * comparisons below, and checked through canaries instead.
 */
const UNMODELLED_TYPES = new Set(["ipv4-addr", "network-traffic"]);
const modelled = (id: unknown): boolean => !UNMODELLED_TYPES.has(String(id).split("--")[0] ?? "");

function expectIds(label: string, all: readonly string[], expected: Entitlement): void {
	const got = all.filter(modelled);
	assert.deepEqual(
		[...got].sort(),
		[...expected.keys()].sort(),
		`${label}: released ids differ from the model`,
	);
	assert.equal(new Set(got).size, got.length, `${label}: an object came out twice`);
}

function expectRefs(label: string, objects: readonly StixObject[], expected: Entitlement): void {
	for (const object of objects) {
		const refs = expected.get(object.id);
		if (refs !== undefined)
			assert.deepEqual(
				[...((object.object_refs as string[] | undefined) ?? [])].sort(),
				[...refs].sort(),
				`${label}: ${object.id} keeps other object_refs than the model`,
			);
	}
}

function expectNoHidden(label: string, text: string, hidden: readonly string[]): void {
	for (const id of hidden) assert.ok(!text.includes(id), `${label}: the answer names hidden ${id}`);
}

/** `id@modified` of every version the model entitles the party to, sorted. */
function expectedStamps(world: ModelWorld, party: string): string[] {
	const stamps: string[] = [];
	for (const [id, indexes] of versionEntitlement(world, party, PURPOSE))
		for (const index of indexes) stamps.push(`${id}@${modifiedAt(index)}`);
	return stamps.sort();
}

function expectVersions(
	label: string,
	got: readonly { id?: unknown; modified?: unknown }[],
	expected: string[],
) {
	assert.deepEqual(
		got
			.filter((o) => modelled(o.id))
			.map((o) => `${String(o.id)}@${String(o.modified)}`)
			.sort(),
		expected,
		`${label}: released versions differ from the model`,
	);
}

const expectedTotal = (counts: readonly [string, number][]): number =>
	counts.reduce((sum, [, n]) => sum + n, 0);

/** The cheap check: the gate over the store's latest versions, for every party of the pool. */
export async function checkGate(
	node: ModelNode,
	world: ModelWorld,
	canaries: readonly Canary[] = [],
): Promise<void> {
	const page = await node.store.query({ versions: ["last"], limit: 100 });
	const every = await node.store.query({ versions: ["all"], limit: 100 });
	for (const party of PARTY_POOL) {
		const expected = entitlement(world, party, PURPOSE);
		const released = (
			await node.gate.releasePage({ partyId: party, userId: "model", purpose: PURPOSE }, page.items)
		).filter((o): o is StixObject => o !== undefined);
		expectIds(
			`gate as ${party}`,
			released.map((o) => o.id),
			expected,
		);
		expectRefs(`gate as ${party}`, released, expected);
		const hidden = world.objects.map((o) => o.id).filter((id) => !expected.has(id));
		expectNoHidden(`gate as ${party}`, JSON.stringify(released), hidden);
		expectNoCanary(`gate as ${party}`, JSON.stringify(released), world, party, canaries);
		if (every.items.length > page.items.length) {
			const versions = (
				await node.gate.releasePage({ partyId: party, userId: "model", purpose: PURPOSE }, every.items)
			).filter((o): o is StixObject => o !== undefined);
			expectNoCanary(`gate (all versions) as ${party}`, JSON.stringify(versions), world, party, canaries);
			expectVersions(`gate (all versions) as ${party}`, versions, expectedStamps(world, party));
		}
	}
}

/** Every answer read for one party during a check, scanned for canaries at its end. */
type Transcript = string[];

async function read(
	node: ModelNode,
	path: string,
	party: string,
	transcript?: Transcript,
): Promise<{ status: number; text: string; headers: Headers }> {
	const response = await node.request(path, party);
	const text = await response.text();
	transcript?.push(`${path}\n${[...response.headers].join("\n")}\n${text}`);
	return { status: response.status, text, headers: response.headers };
}

/** Every TAXII page of `endpoint` (following `next`), with every date-added header seen. */
async function taxiiPages(
	node: ModelNode,
	endpoint: string,
	party: string,
	list: string,
	transcript: Transcript,
	filter = "",
) {
	const items: Record<string, unknown>[] = [];
	const headers: string[] = [];
	const texts: string[] = [];
	let next: string | undefined;
	for (let pages = 0; pages < 20; pages++) {
		const query = `limit=3${filter}${next === undefined ? "" : `&next=${encodeURIComponent(next)}`}`;
		const answer = await read(node, `${ROOT}/${endpoint}/?${query}`, party, transcript);
		assert.equal(answer.status, 200, answer.text);
		texts.push(answer.text);
		for (const name of ["X-TAXII-Date-Added-First", "X-TAXII-Date-Added-Last"])
			headers.push(answer.headers.get(name) ?? "");
		const body = JSON.parse(answer.text) as Record<string, unknown>;
		items.push(...((body[list] as Record<string, unknown>[] | undefined) ?? []));
		next = body.next as string | undefined;
		if (body.more !== true) break;
	}
	return { items, headers, text: texts.join("\n") };
}

async function restPages(
	node: ModelNode,
	party: string,
	transcript: Transcript,
): Promise<{ objects: StixObject[]; text: string }> {
	const objects: StixObject[] = [];
	const texts: string[] = [];
	let cursor: string | undefined;
	for (let pages = 0; pages < 20; pages++) {
		const answer = await read(
			node,
			`${API}/objects?limit=3${cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`}`,
			party,
			transcript,
		);
		assert.equal(answer.status, 200, answer.text);
		texts.push(answer.text);
		const body = JSON.parse(answer.text) as { items: { object: StixObject }[]; next?: string };
		objects.push(...body.items.map((item) => item.object));
		cursor = body.next;
		if (cursor === undefined) break;
	}
	return { objects, text: texts.join("\n") };
}

/** The expensive check: every output path, as each of `parties` (by default every party of the pool). */
export async function checkEveryPath(
	node: ModelNode,
	world: ModelWorld,
	parties: readonly string[] = PARTY_POOL,
	canaries: readonly Canary[] = [],
): Promise<void> {
	const dates = new Map<string, string>();
	for (const object of world.objects) {
		const [version] = await node.store.getVersions(object.id, ["last"]);
		if (version !== undefined) dates.set(object.id, version.dateAdded);
	}
	for (const party of parties) {
		const expected = entitlement(world, party, PURPOSE);
		const hidden = world.objects.map((o) => o.id).filter((id) => !expected.has(id));
		const label = (path: string) => `${path} as ${party}`;
		const transcript: Transcript = [];
		const get = (path: string) => read(node, path, party, transcript);

		const objects = await taxiiPages(node, "objects", party, "objects", transcript);
		expectIds(
			label("TAXII objects"),
			objects.items.map((o) => String(o.id)),
			expected,
		);
		expectRefs(label("TAXII objects"), objects.items as StixObject[], expected);
		expectNoHidden(label("TAXII objects"), objects.text, hidden);
		const manifest = await taxiiPages(node, "manifest", party, "objects", transcript);
		expectIds(
			label("TAXII manifest"),
			manifest.items.map((o) => String(o.id)),
			expected,
		);
		expectNoHidden(label("TAXII manifest"), manifest.text, hidden);
		const hiddenDates = new Set(hidden.map((id) => dates.get(id)));
		for (const header of [...objects.headers, ...manifest.headers])
			assert.ok(
				!hiddenDates.has(header),
				`${label("TAXII date-added header")}: a withheld item's date ${header}`,
			);

		const stamps = expectedStamps(world, party);
		const allVersions = await taxiiPages(
			node,
			"objects",
			party,
			"objects",
			transcript,
			"&match[version]=all",
		);
		expectVersions(label("TAXII objects match[version]=all"), allVersions.items, stamps);
		expectNoHidden(label("TAXII objects match[version]=all"), allVersions.text, hidden);
		const exportedAll = await node.exportIds(party, true);
		transcript.push(JSON.stringify(exportedAll));
		expectVersions(label("export --all-versions --as"), exportedAll, stamps);
		expectNoHidden(label("export --all-versions --as"), JSON.stringify(exportedAll), hidden);

		const never = {
			taxii: await get(`${ROOT}/objects/${NEVER}/`),
			taxiiVersions: await get(`${ROOT}/objects/${NEVER}/versions/`),
			rest: await get(`${API}/objects/${NEVER}`),
			restVersions: await get(`${API}/objects/${NEVER}/versions`),
			referrers: await get(`${API}/objects/${NEVER}/referrers`),
		};
		for (const object of world.objects) {
			const answers = {
				taxii: await get(`${ROOT}/objects/${object.id}/`),
				taxiiVersions: await get(`${ROOT}/objects/${object.id}/versions/`),
				rest: await get(`${API}/objects/${object.id}`),
				restVersions: await get(`${API}/objects/${object.id}/versions`),
				referrers: await get(`${API}/objects/${object.id}/referrers`),
			};
			for (const [path, answer] of Object.entries(answers)) {
				const missing = never[path as keyof typeof never];
				if (expected.has(object.id)) {
					assert.equal(answer.status, 200, `${label(path)} ${object.id}: ${answer.text}`);
					if (path !== "taxiiVersions" && path !== "referrers")
						assert.ok(answer.text.includes(object.id), label(path));
					expectNoHidden(label(path), answer.text, hidden);
					const mine = stamps
						.filter((s) => s.startsWith(`${object.id}@`))
						.map((s) => s.slice(object.id.length + 1));
					if (path === "taxiiVersions")
						assert.deepEqual((JSON.parse(answer.text) as { versions: string[] }).versions, mine, label(path));
					if (path === "restVersions")
						assert.deepEqual(
							(JSON.parse(answer.text) as { items: { object: StixObject }[] }).items.map((i) =>
								String(i.object.modified),
							),
							mine,
							label(path),
						);
				} else if (world.refusedPosts?.[object.id]?.includes(party) === true)
					// The party posted under this id: its own post may read back to it, nothing of the owner's.
					assert.ok(
						!answer.text.includes(`mdl ${object.id}`),
						`${label(path)}: ${object.id}, hidden, answers with its owner's content`,
					);
				else
					assert.deepEqual(
						{ status: answer.status, text: answer.text },
						{ status: missing.status, text: missing.text },
						`${label(path)}: hidden ${object.id} answers unlike a missing object`,
					);
			}
		}

		const search = await restPages(node, party, transcript);
		expectIds(
			label("REST search"),
			search.objects.map((o) => o.id),
			expected,
		);
		expectRefs(label("REST search"), search.objects, expected);
		expectNoHidden(label("REST search"), search.text, hidden);

		const suggest = await get(`${API}/autocomplete?prefix=mdl&limit=50`);
		const names = (JSON.parse(suggest.text) as { items: { text: string; id: string }[] }).items;
		const named = search.objects.flatMap((o) => (typeof o.name === "string" ? [o.name] : []));
		assert.deepEqual(names.map((n) => n.text).sort(), named.sort(), label("REST autocomplete"));
		expectNoHidden(label("REST autocomplete"), suggest.text, hidden);

		const facets = JSON.parse((await get(`${API}/facets`)).text) as {
			total: number;
			types: Record<string, number>;
		};
		const byType: Record<string, number> = {};
		for (const id of expected.keys()) {
			const type = id.split("--")[0] ?? "";
			byType[type] = (byType[type] ?? 0) + 1;
		}
		const facetTypes = Object.entries(facets.types).filter(([type]) => !UNMODELLED_TYPES.has(type));
		const unmodelled = Object.values(facets.types).reduce((sum, n) => sum + n, 0) - expectedTotal(facetTypes);
		assert.equal(facets.total - unmodelled, expected.size, label("REST facets total"));
		assert.deepEqual(
			Object.fromEntries(facetTypes),
			Object.fromEntries(Object.entries(byType).sort()),
			label("REST facets"),
		);

		const exported = await node.exportIds(party);
		transcript.push(JSON.stringify(exported));
		expectIds(
			label("export --as"),
			exported.map((o) => o.id),
			expected,
		);
		expectRefs(label("export --as"), exported, expected);
		expectNoHidden(label("export --as"), JSON.stringify(exported), hidden);

		const stats = await node.stats(party);
		const statTypes = Object.entries(stats.byType).filter(([type]) => !UNMODELLED_TYPES.has(type));
		assert.equal(stats.objects, expectedTotal(Object.entries(stats.byType)), label("stats --as total"));
		assert.equal(expectedTotal(statTypes), expected.size, label("stats --as"));
		assert.deepEqual(Object.fromEntries(statTypes), byType, label("stats --as by type"));

		// The rest of what a partner's user can reach: scanned for canaries and hidden ids, whatever it answers.
		for (const path of [
			"/metrics",
			`${API}/me`,
			`${API}/policy`,
			`${API}/objects?limit=50&q=mdl`,
			`${ROOT}/objects/?match[type]=marking-definition`,
			"/taxii2/api/collections/",
		]) {
			const answer = await get(path);
			expectNoHidden(label(path), answer.text, hidden);
		}
		// TAXII status resources of the run's posts: the poster's alone; anyone else's answer is the unknown one's.
		const unknownStatus = await get(`/taxii2/api/status/${NEVER.slice(-36)}/`);
		for (const [status, poster] of Object.entries(world.statuses ?? {})) {
			const answer = await get(`/taxii2/api/status/${status}/`);
			if (poster !== party)
				assert.deepEqual(
					{ status: answer.status, text: answer.text },
					{ status: unknownStatus.status, text: unknownStatus.text },
					label(`TAXII status of ${poster}'s post`),
				);
		}
		for (const [index, text] of transcript.entries())
			expectNoCanary(label(`answer ${index}`), text, world, party, canaries);
	}
}
