// The composition root: the only place that builds config, logger, store and services from each other.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import { createOrganization, createUser } from "./accounts/index.ts";
import {
	alertPayloads,
	alertRelease,
	type IntelServices,
	ReleaseFeed,
	releasePayloads,
} from "./api/index.ts";
import { BodyBudget } from "./body/index.ts";
import {
	CONFIG_FILE_NAME,
	type Config,
	type ConfigOverrides,
	loadConfig,
	resolveDataDir,
} from "./config/index.ts";
import { AppError } from "./errors/index.ts";
import {
	type Clock,
	certificateIdentityOf,
	createFederationApp,
	createNodeKey,
	type FederationClientTls,
	FederationService,
	type FederationServiceOptions,
	loadNodeKey,
	type NodeKey,
	type NodeKeyRing,
	offsetClock,
	peerStatuses,
	ReplayCache,
	renderPeerMetrics,
	type WatchedKeyRing,
	watchKeyRing,
	writeRingMetadata,
} from "./federation/index.ts";
import { FeedScheduler, type FetchLimits, feedServices, httpFeedFetch } from "./feeds/index.ts";
import { followIntake } from "./ingest/index.ts";
import {
	ObservableIndex,
	openWarninglists,
	ReleaseWebhookService,
	type StartingIndex,
	startLiveIndex,
	type Warninglists,
	WatchService,
} from "./intel/index.ts";
import { type JsonLimits, jsonLimits } from "./json/index.ts";
import { createLogger, type Logger } from "./log/index.ts";
import type { EgressGate, Policy } from "./policy/index.ts";
import {
	type ImpactOptions,
	impactTotal,
	type NodeGateOptions,
	nodeGates,
	type PolicyImpact,
	policyImpact,
	releaseCounter,
} from "./release/index.ts";
import { createApp, HttpMetrics, hasWebUiBuild, listen } from "./server/index.ts";
import { openStore, type Store, storeLocation, withCommitListener } from "./store/index.ts";

export const VERSION: string = (
	JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** A node opened for work: everything a command or the server needs, built once. */
export interface OpenNode {
	config: Config;
	logger: Logger;
	store: Store;
	key: NodeKey;
	/** The federation clock: the wall clock plus `config.clockOffsetMs` (clock-skew tests only). */
	clock: Clock;
	/**
	 * The one egress gate: every path that sends stored data to a party asks it (see docs/architecture.md),
	 * guarded by the policy's invariants (D37).
	 */
	gate: EgressGate;
	/** The same gate over another view of the store: a preview's pending store (src/release/preview-gate.ts, D26). */
	previewGate: (view: Store) => Promise<EgressGate>;
	/** A policy change's impact over the store (release/'s policyImpact, D62): what each party would gain and lose. */
	policyImpact: PolicyImpactRunner;
	/**
	 * The client TLS of every federation request this node makes to an https peer (push, handshake, key
	 * transition, connection test), from `federation.clientCertFile/clientKeyFile/caFile`.
	 */
	federationTls: FederationClientTls | undefined;
	close(): Promise<void>;
}

export interface InitOptions {
	dataDir?: string;
	nodeName?: string;
	organization: { id?: string; name: string; sectors?: string[]; jurisdictions?: string[] };
	adminName?: string;
	port?: number;
	/** Store URL written to entente.json (`store.url`): a postgres:// URL; absent: SQLite in the data directory. */
	store?: string;
}

export interface InitResult {
	dataDir: string;
	url: string;
	adminToken: string;
	organizationId: string;
	fingerprint: string;
}

/** True when the data directory holds an initialised node. */
export function isInitialised(dataDir: string | undefined): boolean {
	return existsSync(join(resolveDataDir(dataDir), CONFIG_FILE_NAME));
}

/**
 * Creates a node's data directory: config, Ed25519 key, store, first organisation and an admin token.
 * Refuses to touch a directory that already holds a node.
 */
export async function initNode(options: InitOptions): Promise<InitResult> {
	const dataDir = resolveDataDir(options.dataDir);
	if (isInitialised(dataDir)) {
		throw new AppError(
			"E_DATA_DIR_EXISTS",
			`${dataDir} already holds a node; use another --data directory or remove this one first`,
		);
	}
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const fileSettings: Record<string, unknown> = { nodeName: options.nodeName ?? "entente-node" };
	if (options.port !== undefined) fileSettings.port = options.port;
	if (options.store !== undefined) fileSettings.store = { url: options.store };
	const config = loadConfig({ dataDir }, {});
	const key = createNodeKey(dataDir);
	writeRingMetadata(dataDir, new Date());
	const store = await openStore(storeLocation(dataDir, options.store ?? loadConfig({ dataDir }).store.url), {
		synchronous: config.store.synchronous,
	});
	try {
		const organization = await createOrganization(store, options.organization);
		const { token } = await createUser(store, {
			organizationId: organization.id,
			name: options.adminName ?? "admin",
			role: "admin",
		});
		await store.setMeta("node.fingerprint", key.fingerprint);
		writeFileSync(join(dataDir, CONFIG_FILE_NAME), `${JSON.stringify(fileSettings, null, 2)}\n`, {
			flag: "wx",
		});
		const final = loadConfig({ dataDir });
		return {
			dataDir,
			url: urlOf(final),
			adminToken: token,
			organizationId: organization.id,
			fingerprint: key.fingerprint,
		};
	} finally {
		await store.close();
	}
}

/** `gate`: the gate the invariants guard (tests only; not reachable from the CLI or the config). */
export type OpenNodeOptions = Pick<NodeGateOptions, "gate">;

export type { PartyImpact, PolicyImpact } from "./release/index.ts";

/** policyImpact and its total over one store: what the CLI runs and the REST API's jobs run (D62). */
export interface PolicyImpactRunner {
	total(): Promise<number>;
	run(proposed: Policy, options?: ImpactOptions): Promise<PolicyImpact>;
}

/** The impact runner over `store`. */
export function policyImpactRunner(store: Store): PolicyImpactRunner {
	return {
		total: () => impactTotal(store),
		run: (proposed, options) => policyImpact(store, proposed, options),
	};
}

/** Opens an initialised node's config, logger, key and store. */
export async function openNode(
	overrides: ConfigOverrides = {},
	options: OpenNodeOptions = {},
): Promise<OpenNode> {
	const dataDir = resolveDataDir(overrides.dataDir);
	if (!isInitialised(dataDir)) {
		throw new AppError(
			"E_DATA_DIR_MISSING",
			`no node in ${dataDir}; run 'entente init --data ${dataDir}' (or 'npm start', which initialises ./data)`,
		);
	}
	const config = loadConfig({ ...overrides, dataDir });
	const logger = createLogger(config.logLevel);
	const key = loadNodeKey(dataDir);
	const federationTls = federationClientTls(config);
	const store = await openStore(storeLocation(dataDir, config.store.url), {
		synchronous: config.store.synchronous,
		...(config.store.maxSizeMiB === undefined ? {} : { maxBytes: config.store.maxSizeMiB * 2 ** 20 }),
	});
	try {
		const { gate, previewGate } = await nodeGates(store, logger, options);
		const clock = offsetClock(config.clockOffsetMs);
		return {
			config,
			logger,
			store,
			key,
			clock,
			gate,
			previewGate,
			policyImpact: policyImpactRunner(store),
			federationTls,
			close: () => store.close(),
		};
	} catch (error) {
		await store.close();
		throw error;
	}
}

export interface RunningServer {
	url: string;
	/** Where the web UI is served (`url` + "/"), and whether a build of it exists to serve (`npm run build:web`). */
	webUi: { url: string; built: boolean };
	/**
	 * Resolves once the observable index is built (the server listens before: index-backed routes answer 503
	 * E_API_INDEX_UNAVAILABLE until then); rejects when the build fails.
	 */
	indexReady: Promise<void>;
	close(): Promise<void>;
}

/** Where `serve` records the URL it listens on, so CLI commands (peers invite/accept) can name it. */
export const SERVED_URL_META = "federation.served-url";

/**
 * Starts the node's HTTP(S) server on the configured host and port, with federation: the handshake and
 * push endpoints, and (unless disabled) the outbox feeder and delivery workers, woken by every commit.
 */
export async function startServer(node: OpenNode): Promise<RunningServer> {
	const { config, logger } = node;
	const keys = watchKeyRing(config.dataDir, config.federation.pollMs, logger);
	// The dashboard's counters (D67): what the gate releases and withholds (the exits' gate counts, flushed in
	// batches; federation counts what peers acknowledged), and what the commit log took in.
	const counter = releaseCounter({
		store: node.store,
		localParties: () => localOrganizations(node.store),
		logger,
	});
	const counting: OpenNode = { ...node, gate: counter.counted(node.gate) };
	const intake = followIntake(node.store, {
		pollMs: Math.max(config.federation.pollMs, 1000),
		onError: (error) => logger.warn({ err: error }, "dashboard: counting the commit log failed; retrying"),
	});
	const federation = config.federation.enabled
		? federationService(
				{ ...node, gate: counter.counted(node.gate, "withheld") },
				keys.current,
				(peer, objects) =>
					counter.delivered(
						peer.parties.length === 1 ? (peer.parties[0] as string) : `peer:${peer.name}`,
						objects,
					),
			)
		: undefined;
	// Built in the background: the node listens at once, and index-backed routes answer 503 until it is built.
	const intel = observableIndex(node);
	const watch = config.webhooks.enabled ? watchService(counting) : undefined;
	// The release streams' feed (D59): other processes' commits within a second.
	const feed = new ReleaseFeed({ store: node.store, pollMs: 1000, pageSize: config.federation.batchSize });
	const releaseWebhooks = config.webhooks.enabled ? releaseWebhookService(counting) : undefined;
	const feeds = config.feeds.enabled ? feedScheduler(node) : undefined;
	// Post-commit hook: a version stored or deleted through this server reaches the outboxes, the index, the
	// watch-lists and the release streams at once; the store's own watch adds what other paths and (PostgreSQL)
	// other processes commit (D70). Their polls remain only as the fallback for a missed notice.
	const wakeFollowers = (): void => {
		federation?.wake();
		intel.wake();
		watch?.wake();
		feed.wake();
		releaseWebhooks?.wake();
		intake.wake();
	};
	const store = withCommitListener(node.store, wakeFollowers);
	const unwatchCommits = node.store.watchCommits(wakeFollowers);
	let servedUrl = urlOf(config);
	let server: Awaited<ReturnType<typeof listen>>;
	try {
		// Warninglists (D50): compiled once here, recompiled when any process changes them (the store's revision).
		const warninglists = await openWarninglists(node.store);
		const services = startingServices(intel, warninglists);
		const app = nodeApp(counting, store, keys, federation, services, feed, () => servedUrl);
		server = await listen(app.fetch, config);
	} catch (error) {
		// Not listening (the port is taken, say): stop what already runs, so the process ends with the error.
		unwatchCommits();
		keys.stop();
		feed.close();
		await Promise.allSettled([intel.close(), intake.stop(), counter.stop()]);
		throw error;
	}
	const url = urlOf({ ...config, port: (server.address() as AddressInfo).port });
	servedUrl = url;
	await node.store.setMeta(SERVED_URL_META, url);
	federation?.start();
	watch?.start();
	releaseWebhooks?.start();
	feeds?.start();
	logger.info({ url }, "node listening");
	return {
		url,
		webUi: { url: `${url}/`, built: hasWebUiBuild() },
		indexReady: intel.ready.then(() => {}),
		close: async () => {
			unwatchCommits();
			keys.stop();
			feed.close(); // ends every open stream with its resume id: the server's close then waits for none

			await federation?.stop();
			await watch?.stop();
			await releaseWebhooks?.stop();
			await feeds?.stop();
			await intel.close();
			await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
			await intake.stop();
			await counter.stop();
		},
	};
}

/**
 * The observable index, rebuilt from the store (D46: memory per process, the store the truth) in the background
 * (D60: the node listens meanwhile), then following its commit log: this process's commits at once, other
 * processes' (an `entente import`) within a second.
 */
function observableIndex(node: OpenNode): StartingIndex {
	const starting = startLiveIndex(node.store, { log: node.logger });
	starting.ready.then(
		(live) =>
			node.logger.info(
				{ ms: Math.round(live.buildMs), ...live.index.size },
				"observable index rebuilt from the store",
			),
		(error: unknown) => {
			if (!(error instanceof Error && error.name === "AbortError"))
				node.logger.error({ err: error }, "the observable index could not be built from the store");
		},
	);
	return starting;
}

/** Seconds a client is told to wait while the index builds (a 1M-indicator store takes tens of seconds). */
const INDEX_RETRY_AFTER_SECONDS = 5;

/**
 * What the routes read of an index that may still be building: until it is built, `unavailable` says why (503
 * E_API_INDEX_UNAVAILABLE, with Retry-After while building) and `index` is an empty one no route reaches
 * (`indexed` refuses first).
 */
function startingServices(starting: StartingIndex, warninglists: Warninglists): IntelServices {
	const empty = new ObservableIndex();
	return {
		get index() {
			return starting.current?.index ?? empty;
		},
		settled: () => starting.current?.settled() ?? Promise.resolve(),
		warninglists,
		unavailable: () => {
			if (starting.current !== undefined) return undefined;
			if (starting.failure !== undefined)
				return {
					message: `the observable index could not be built from the store (${String(starting.failure)}); search, suggestions, value pages, correlations and matching need it: see the node's log and restart the node`,
				};
			return {
				message: `the observable index is still being built from the store (${starting.done.toLocaleString("en")} versions so far); search, suggestions, value pages, correlations and matching answer once it is built: retry in ${INDEX_RETRY_AFTER_SECONDS} s`,
				retryAfterSeconds: INDEX_RETRY_AFTER_SECONDS,
			};
		},
	};
}

/** The outbox feeder and delivery workers, configured from `federation.*` (started once the server listens). */
function federationService(
	node: OpenNode,
	ring: () => NodeKeyRing,
	onDelivered: FederationServiceOptions["onDelivered"],
): FederationService {
	const { config } = node;
	return new FederationService({
		...(onDelivered === undefined ? {} : { onDelivered }),
		store: node.store,
		gate: node.gate,
		logger: node.logger,
		ring,
		clock: node.clock,
		tls: node.federationTls,
		batchSize: config.federation.batchSize,
		maxBodyBytes: config.limits.maxBodyBytes,
		pollMs: config.federation.pollMs,
		retry: {
			maxAttempts: Number.POSITIVE_INFINITY,
			baseDelayMs: config.federation.retryBaseMs,
			maxDelayMs: config.federation.retryMaxMs,
			maxRetryAfterMs: config.federation.retryMaxMs,
		},
		alertAfterFailures: config.federation.alertAfterFailures,
		inFlight: config.federation.inFlight,
	});
}

/** The watch-list matcher and webhook sender (D51), configured from `webhooks.*` (started once the server listens). */
function watchService(node: OpenNode): WatchService {
	const { config } = node;
	return new WatchService({
		store: node.store,
		release: alertRelease(node.gate, node.store),
		payloadOf: alertPayloads(node.store, node.gate),
		logger: node.logger,
		pollMs: config.webhooks.pollMs,
		batchSize: config.federation.batchSize,
		webhooks: {
			allowPrivate: config.webhooks.allowPrivateAddresses,
			timeoutMs: config.webhooks.timeoutMs,
			retryBaseMs: config.webhooks.retryBaseMs,
			retryMaxMs: config.webhooks.retryMaxMs,
		},
	});
}

/** The release webhook sender (D59), configured from `webhooks.*` (started once the server listens). */
function releaseWebhookService(node: OpenNode): ReleaseWebhookService {
	const { config } = node;
	return new ReleaseWebhookService({
		store: node.store,
		payloadsOf: releasePayloads(node.store, node.gate),
		logger: node.logger,
		pollMs: config.webhooks.pollMs,
		pageSize: 100,
		allowPrivate: config.webhooks.allowPrivateAddresses,
		timeoutMs: config.webhooks.timeoutMs,
		retryBaseMs: config.webhooks.retryBaseMs,
		retryMaxMs: config.webhooks.retryMaxMs,
		maxAttempts: config.webhooks.releaseMaxAttempts,
	});
}

/** The feeds' scheduled pulls (D55), bounded by `feeds.*` (started once the server listens). */
function feedScheduler(node: OpenNode): FeedScheduler {
	const { config } = node;
	return new FeedScheduler({
		store: node.store,
		fetch: httpFeedFetch,
		logger: node.logger,
		holder: `serve:${hostname()}:${process.pid}`,
		pollMs: config.feeds.pollMs,
		limits: feedLimitsOf(config),
	});
}

/** The bounds of every feed pull (scheduled, CLI, REST). */
export function feedLimitsOf(config: Config): FetchLimits {
	return { timeoutMs: config.feeds.timeoutMs, maxBytes: config.feeds.maxBytes };
}

/** The node's HTTP app: TAXII, the REST API, federation and the web UI over `store`, under one body budget. */
function nodeApp(
	node: OpenNode,
	store: Store,
	keys: WatchedKeyRing,
	federation: FederationService | undefined,
	intel: IntelServices,
	feed: ReleaseFeed,
	servedUrl: () => string,
): ReturnType<typeof createApp> {
	const { config, logger } = node;
	// One budget for every request body the node reads, whichever route reads it (src/body).
	const bodies = new BodyBudget({
		totalBytes: config.limits.bodyBudgetBytes,
		anonymousBytes: config.limits.anonymousBodyBudgetBytes,
	});
	const federationApp = createFederationApp({
		bodies,
		...(node.federationTls?.cert === undefined
			? {}
			: { clientCertificate: certificateIdentityOf(node.federationTls.cert) }),
		store,
		logger,
		ring: keys.current,
		clock: node.clock,
		nodeName: config.nodeName,
		publicUrl: servedUrl,
		limits: limitsOf(config),
		replay: new ReplayCache({ maxEntries: 200_000 }),
		clientCertificateRequired: config.tls?.clientCaFile !== undefined,
		onPeerChanged: () => {
			keys.reload();
			federation?.wake();
		},
	});
	return createApp({
		bodies,
		store,
		gate: node.gate,
		previewGate: node.previewGate,
		federation: {
			app: federationApp,
			metrics: async () => renderPeerMetrics(await peerStatuses(node.store, new Date())),
		},
		logger,
		metrics: new HttpMetrics(),
		intel,
		version: VERSION,
		nodeName: config.nodeName,
		// The body limit every reader of untrusted input has, advertised and enforced as TAXII max_content_length (§4.2.1).
		taxii: {
			maxContentLength: config.limits.maxBodyBytes,
			rateLimit: { burst: config.rateLimit.burst, perSecond: config.rateLimit.perSecond },
			nextPageCost: config.rateLimit.nextPageCost,
		},
		api: {
			webhooks: { allowPrivate: config.webhooks.allowPrivateAddresses, timeoutMs: config.webhooks.timeoutMs },
			stream: { feed, settings: config.stream },
			policyImpact: node.policyImpact,
			feeds: feedServices({
				store,
				fetch: httpFeedFetch,
				holder: `serve:${hostname()}:${process.pid}`,
				limits: feedLimitsOf(config),
			}),
		},
	});
}

/** The node's own organisations' ids (releases to them are `local` in the dashboard's counts, D67). */
async function localOrganizations(store: Store): Promise<ReadonlySet<string>> {
	return new Set((await store.listOrganizations()).filter((o) => o.local !== false).map((o) => o.id));
}

/** The URL partners reach this node at: the one `serve` last listened on, else the configured one. */
export async function nodeUrl(node: OpenNode): Promise<string> {
	return node.config.publicUrl ?? (await node.store.getMeta(SERVED_URL_META)) ?? urlOf(node.config);
}

function urlOf(config: Pick<Config, "host" | "port" | "tls" | "publicUrl">): string {
	if (config.publicUrl !== undefined) return config.publicUrl;
	const scheme = config.tls === undefined ? "http" : "https";
	const host = config.host.includes(":") ? `[${config.host}]` : config.host;
	return `${scheme}://${host}:${config.port}`;
}

/** The federation client's TLS settings (files read now), or undefined when none are configured. */
export function federationClientTls(config: Config): FederationClientTls | undefined {
	const { clientCertFile, clientKeyFile, caFile } = config.federation;
	if (clientCertFile === undefined && caFile === undefined) return undefined;
	const tls: FederationClientTls = {};
	if (clientCertFile !== undefined) tls.cert = readFileSync(clientCertFile);
	if (clientKeyFile !== undefined) tls.key = readFileSync(clientKeyFile);
	if (caFile !== undefined) tls.ca = readFileSync(caFile);
	return tls;
}

/** True when the web UI has been built (`npm run build:web`), so `serve` has a UI to serve (`entente doctor`). */
export function webUiBuilt(): boolean {
	return hasWebUiBuild();
}

/** The JSON limits configured for this node, for every reader of untrusted input. */
export function limitsOf(config: Config): JsonLimits {
	return jsonLimits({
		maxBytes: config.limits.maxBodyBytes,
		maxDepth: config.limits.maxDepth,
		maxStringBytes: config.limits.maxStringBytes,
		maxObjectBytes: config.limits.maxObjectBytes,
		maxObjects: config.limits.maxObjectsPerBundle,
	});
}
