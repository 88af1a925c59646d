// The one way to build a node for tests: store, organisations, policy, users, TAXII collections, the node's gates as
// main.ts builds them (release/'s nodeGates) and the HTTP app, asked in-process through app.request. Each part optional.
import { Writable } from "node:stream";
import {
	createOrganization,
	createUser,
	type NewOrganization,
	upsertPartyOrganizations,
} from "../../src/accounts/index.ts";
import { ReleaseFeed, type StreamSettings } from "../../src/api/index.ts";
import { writeBundle } from "../../src/cli/commands/export.ts";
import { feedServices } from "../../src/feeds/index.ts";
import { type IngestReport, ingest } from "../../src/ingest/index.ts";
import { type LiveIndex, openLiveIndex, openWarninglists } from "../../src/intel/index.ts";
import { createLogger, type Logger } from "../../src/log/index.ts";
import { policyImpactRunner } from "../../src/main.ts";
import type { EgressGate, GateSources, Policy, Viewer } from "../../src/policy/index.ts";
import { type NodeGates, nodeGates } from "../../src/release/index.ts";
import { createApp, HttpMetrics } from "../../src/server/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import {
	type ObjectQuery,
	type Organization,
	openSqliteStore,
	type Store,
	type User,
	type UserRole,
	withCommitListener,
} from "../../src/store/index.ts";
import {
	type CollectionDefinition,
	storeTaxiiRepository,
	type TaxiiOptions,
	type TaxiiRepository,
} from "../../src/taxii/server/index.ts";

/** A user of the node and the API token it signs in with. */
export interface Client {
	user: User;
	token: string;
}

/** A user to create: its organisation (own or a partner's), name and role. */
export interface TestUser {
	organizationId: string;
	name: string;
	role: UserRole;
}

export interface TestNodeOptions {
	/** The node's name (policy rendering, the default TAXII collection, REST answers); default "test-node". */
	nodeName?: string;
	/** The store; default a fresh in-memory SQLite store. The node closes it. */
	store?: Store;
	/**
	 * The node's own organisations, created as `entente init` creates its first. Default: one ("Test CERT"),
	 * unless `parties` or `policy` brings the organisations.
	 */
	organizations?: readonly NewOrganization[];
	/** A policy whose parties become organisations (what applying it does to them), the policy itself not stored. */
	parties?: Policy;
	/** A policy applied before anything is asked: stored as version 1 (`policyText`), its parties upserted. */
	policy?: Policy;
	policyText?: string;
	/** Users by a name the test picks (`node.user(name)`); default `admin`, an admin of the first own organisation. */
	users?: Readonly<Record<string, TestUser>>;
	/** TAXII collections replacing the default one. */
	collections?: readonly CollectionDefinition[];
	/**
	 * The node's gates. Default: `nodeGates`, main.ts's own (the gate guarded by the invariants, and the preview
	 * gate); `{ inner }` replaces the gate the invariants guard, as main.ts's `openNode` allows; an EgressGate (a
	 * fake) answers every release and every preview as it is.
	 */
	gate?: EgressGate | { inner: (sources: GateSources) => EgressGate };
	/** Wraps the node's gate as main.ts's `serve` does (the dashboard's release counter, D67); default none. */
	wrapGate?: (gate: EgressGate, store: Store) => EgressGate;
	/** The clock the gate and the invariants judge at; default the wall clock. */
	now?: () => Date;
	/** TAXII server settings (max_content_length, rate limit); createApp's defaults otherwise. */
	taxii?: Partial<TaxiiOptions>;
	/** The REST API's largest body. */
	maxBodyBytes?: number;
	/** Store reads GET /facets makes (the API's default otherwise). */
	facetReads?: number;
	/** The release stream's limits (D59); the API's defaults otherwise. */
	stream?: Partial<StreamSettings>;
	/** Default silent. */
	logger?: Logger;
}

/** A request of a test: `as` signs it in (a bearer token, unless the headers carry one); `source` is the client address. */
export interface TestRequestInit extends RequestInit {
	as?: Client | null;
	source?: string;
}

export interface TestNode {
	nodeName: string;
	/** The store, wrapped as main.ts wraps it: each commit through it wakes the observable index at once. */
	store: Store;
	/**
	 * The observable index as main.ts keeps it (built, then following the store); `settled()` waits until a
	 * write made through any handle of the store is indexed.
	 */
	intel: LiveIndex;
	/** The release stream's commit-log feed (D59), woken by each commit as main.ts wakes it; `close()` ends every stream. */
	feed: ReleaseFeed;
	gate: EgressGate;
	previewGate: (view: Store) => Promise<EgressGate>;
	/** The whole node's HTTP app (TAXII, REST, health, metrics), as main.ts's server serves it. */
	app: ReturnType<typeof createApp>;
	/** The TAXII collections over the same store (the app's own view of them). */
	collections: TaxiiRepository;
	/** The own organisations created from `organizations`, in order. */
	organizations: readonly Organization[];
	/** The users created from `users`, by their names there. */
	users: ReadonlyMap<string, Client>;
	/** The user created under `name` in `users`; throws when there is none. */
	user(name: string): Client;
	/** The app's answer to `path` (below the host), asked in-process. */
	request(path: string, init?: TestRequestInit): Promise<Response>;
	/** Applies `policy` as `entente policy apply` does: the next stored version, its parties upserted as organisations. */
	applyPolicy(policy: Policy, text?: string): Promise<void>;
	/** Ingests `objects` in order (the CLI's and TAXII's ingest), recorded under `poster`. */
	ingest(objects: readonly unknown[], poster: string, source?: string): Promise<IngestReport>;
	/** What `export --as` writes for `viewer` and `query`: the bundle's text. */
	exportAs(viewer: Viewer, query: Omit<ObjectQuery, "limit">): Promise<string>;
	close(): Promise<void>;
}

/**
 * Builds a node in memory: the store, then organisations, parties, policy and users, then the collections, the
 * gates and the app, in the order a node is set up and opened, so that the gates see the node's own organisation.
 * @example
 * const node = await buildTestNode();
 * const response = await node.request("/api/v1/objects", { as: node.user("admin") });
 */
export async function buildTestNode(options: TestNodeOptions = {}): Promise<TestNode> {
	const nodeName = options.nodeName ?? "test-node";
	const logger = options.logger ?? createLogger("silent");
	const raw = options.store ?? (await openSqliteStore({ path: ":memory:" }));
	let intel: LiveIndex | undefined;
	try {
		const live = await openLiveIndex(raw, { log: logger });
		intel = live;
		const feed = new ReleaseFeed({ store: raw, pollMs: 200, pageSize: 500 });
		const store = withCommitListener(raw, () => {
			live.wake();
			feed.wake();
		});
		const organizations = await createOrganizations(store, options);
		if (options.parties !== undefined) await upsertPartyOrganizations(store, options.parties);
		let applied = 0;
		const applyPolicy = async (policy: Policy, text = `test policy ${applied + 1}`) => {
			applied++;
			await store.putPolicy({ text, policy, appliedBy: "test" });
			await upsertPartyOrganizations(store, policy);
		};
		if (options.policy !== undefined) await applyPolicy(options.policy, options.policyText);
		const users = await createUsers(store, options.users ?? defaultUsers(organizations));
		const collections = storeTaxiiRepository(store, nodeName, () => Date.now() * 1000);
		if (options.collections !== undefined) await replaceCollections(collections, options.collections);
		const gates = await gatesOf(store, logger, options);
		const { previewGate } = gates;
		const gate = options.wrapGate === undefined ? gates.gate : options.wrapGate(gates.gate, store);
		const app = createApp({
			store,
			gate,
			previewGate,
			logger,
			metrics: new HttpMetrics(),
			version: "test",
			nodeName,
			intel: { index: live.index, settled: () => live.settled(), warninglists: await openWarninglists(raw) },
			...(options.taxii === undefined ? {} : { taxii: options.taxii }),
			api: {
				...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
				...(options.facetReads === undefined ? {} : { facetReads: options.facetReads }),
				stream: { feed, ...(options.stream === undefined ? {} : { settings: options.stream }) },
				// Feeds (D55) pulled with the real fetch: tests serve them from a loopback server.
				feeds: feedServices({ store, fetch: (url, init) => fetch(url, init), holder: `test:${nodeName}` }),
				policyImpact: policyImpactRunner(store),
			},
		});
		return {
			nodeName,
			store,
			intel: live,
			feed,
			gate,
			previewGate,
			app,
			collections,
			organizations,
			users,
			user(name) {
				const client = users.get(name);
				if (client === undefined) throw new Error(`no user '${name}': name it in buildTestNode's users`);
				return client;
			},
			request: inProcess(app),
			applyPolicy,
			ingest: (objects, poster, source = "test") =>
				ingest(
					store,
					objects.map((object, index) => ({ index, object })),
					{ provenance: { organizationId: poster, source } },
				),
			exportAs: (viewer, query) => exportText(store, query, (versions) => gate.releasePage(viewer, versions)),
			close: async () => {
				feed.close();
				await live.close();
				await store.close();
			},
		};
	} catch (error) {
		await intel?.close();
		await raw.close();
		throw error;
	}
}

/** Requests to `app` as Hono's Node adapter would hand them over, signed in as `as`, from `source`. */
function inProcess(app: TestNode["app"]): TestNode["request"] {
	return async (path, init = {}) => {
		const { as, source, ...rest } = init;
		const headers = new Headers(rest.headers);
		if (as != null && !headers.has("authorization")) headers.set("Authorization", `Bearer ${as.token}`);
		// The adapter hands the server's request to the app as `env.incoming` (accounts' sourceAddressOf reads it).
		const env = source === undefined ? undefined : { incoming: { socket: { remoteAddress: source } } };
		return app.request(path, { ...rest, headers }, env);
	};
}

async function createOrganizations(store: Store, options: TestNodeOptions): Promise<Organization[]> {
	const brought = options.parties !== undefined || options.policy !== undefined;
	const wanted = options.organizations ?? (brought ? [] : [{ name: "Test CERT" }]);
	const created: Organization[] = [];
	for (const organization of wanted) created.push(await createOrganization(store, organization));
	return created;
}

function defaultUsers(organizations: readonly Organization[]): Record<string, TestUser> {
	const [own] = organizations;
	return own === undefined ? {} : { admin: { organizationId: own.id, name: "admin", role: "admin" } };
}

async function createUsers(
	store: Store,
	users: Readonly<Record<string, TestUser>>,
): Promise<Map<string, Client>> {
	const clients = new Map<string, Client>();
	for (const [name, spec] of Object.entries(users)) clients.set(name, await createUser(store, spec));
	return clients;
}

async function replaceCollections(
	repository: TaxiiRepository,
	collections: readonly CollectionDefinition[],
): Promise<void> {
	for (const existing of await repository.listCollections()) await repository.removeCollection(existing.id);
	for (const collection of collections) await repository.putCollection(collection);
}

/** main.ts's gates over the store, or a fake that answers for both. */
async function gatesOf(store: Store, logger: Logger, options: TestNodeOptions): Promise<NodeGates> {
	const { gate } = options;
	if (gate !== undefined && !("inner" in gate)) return { gate, previewGate: async () => gate };
	return nodeGates(store, logger, {
		...(gate === undefined ? {} : { gate: gate.inner }),
		...(options.now === undefined ? {} : { now: options.now }),
	});
}

async function exportText(
	store: Store,
	query: Omit<ObjectQuery, "limit">,
	release: Parameters<typeof writeBundle>[3],
): Promise<string> {
	const chunks: string[] = [];
	const sink = new Writable({
		write(chunk, _encoding, done) {
			chunks.push(String(chunk));
			done();
		},
	});
	await writeBundle(store, query, sink, release);
	return chunks.join("");
}

/** The id of `everyoneCollection`. */
export const EVERYONE_COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";

/** The TAXII collection `all` (every object): `readers` read it, `writers`' admins and analysts write to it. */
export function everyoneCollection(
	readers: readonly string[],
	writers: readonly string[] = readers,
): CollectionDefinition {
	return {
		id: EVERYONE_COLLECTION,
		alias: "all",
		title: "everything",
		filter: {},
		read: { organizations: [...readers] },
		write: { organizations: [...writers], roles: ["admin", "analyst"] },
	};
}

/** The STIX objects of an exported bundle's text. */
export function bundleObjects(text: string): StixObject[] {
	return (JSON.parse(text) as { objects: StixObject[] }).objects;
}
