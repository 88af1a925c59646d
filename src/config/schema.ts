// The one validated configuration schema: defaults, then the data directory's entente.json, then env, then flags.
import { z } from "zod";
import { DEFAULT_LIMITS } from "../json/index.ts";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const configSchema = z
	.object({
		/** Folder holding the store, the node key and entente.json. */
		dataDir: z.string().min(1),
		/** Human name of this node, shown to partners. */
		nodeName: z.string().min(1).max(200).default("entente-node"),
		host: z.string().min(1).default("127.0.0.1"),
		port: z.number().int().min(0).max(65535).default(4300),
		/** Public base URL when behind a reverse proxy; defaults to http(s)://host:port. */
		publicUrl: z.url().optional(),
		logLevel: z.enum(LOG_LEVELS).default("info"),
		store: z
			.object({
				/**
				 * Where the store is: a `postgres://` URL (PostgreSQL, which several node processes may share; see
				 * docs/operations.md), or a SQLite file, relative to the data directory. Absent: `entente.db` there.
				 */
				url: z.string().min(1).optional(),
				/** Optional: names the backend `url` must select (older files say "sqlite"). */
				kind: z.enum(["sqlite", "postgres"]).optional(),
				/** SQLite only. NORMAL survives a process crash; FULL also survives power loss, at a write cost. */
				synchronous: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
				/**
				 * SQLite only: a quota on the store file in MiB. Past it, writes answer 503 E_STORE_FULL (as on a full
				 * disk) and nothing is lost; reads go on. Absent: the disk is the limit.
				 */
				maxSizeMiB: z.number().int().positive().optional(),
			})
			.refine(
				(store) => store.kind === undefined || (store.kind === "postgres") === isPostgresUrl(store.url),
				{
					message: 'store.kind "postgres" goes with a postgres:// store.url, and "sqlite" with any other',
					path: ["kind"],
				},
			)
			.prefault({}),
		limits: z
			.object({
				maxBodyBytes: z.number().int().positive().default(DEFAULT_LIMITS.maxBytes),
				maxObjectBytes: z.number().int().positive().default(DEFAULT_LIMITS.maxObjectBytes),
				maxStringBytes: z.number().int().positive().default(DEFAULT_LIMITS.maxStringBytes),
				maxDepth: z.number().int().min(8).max(1000).default(DEFAULT_LIMITS.maxDepth),
				maxObjectsPerBundle: z.number().int().positive().default(DEFAULT_LIMITS.maxObjects),
				/**
				 * Bytes the bodies of all requests being read or handled may hold together (TAXII, REST,
				 * federation); a request that would exceed it is answered 503 with Retry-After (src/body).
				 */
				bodyBudgetBytes: z
					.number()
					.int()
					.positive()
					.default(4 * DEFAULT_LIMITS.maxBytes),
				/** The share of bodyBudgetBytes for senders not yet authenticated (federation handshakes). */
				anonymousBodyBudgetBytes: z
					.number()
					.int()
					.positive()
					.default(4 * 1024 * 1024),
			})
			.refine((limits) => limits.bodyBudgetBytes >= limits.maxBodyBytes, {
				message: "limits.bodyBudgetBytes must hold at least one body of limits.maxBodyBytes",
				path: ["bodyBudgetBytes"],
			})
			.refine((limits) => limits.anonymousBodyBudgetBytes <= limits.bodyBudgetBytes, {
				message: "limits.anonymousBodyBudgetBytes is a share of limits.bodyBudgetBytes: it cannot be larger",
				path: ["anonymousBodyBudgetBytes"],
			})
			.prefault({}),
		/**
		 * Requests per signed-in user, TAXII and REST together (a token bucket: `burst`, refilled at `perSecond`;
		 * src/accounts/rate-limit.ts DEFAULT_RATE_LIMIT has the same defaults). A 429 says when to retry.
		 */
		rateLimit: z
			.object({
				burst: z.number().positive().default(200),
				perSecond: z.number().positive().default(50),
				/**
				 * What a TAXII page that follows a `next` this node handed the same user costs, in requests (D57). 0 by
				 * default: paging one collection at any page size never runs out, while other requests still do.
				 */
				nextPageCost: z.number().min(0).max(1).default(0),
			})
			.strict()
			.prefault({}),
		tls: z
			.object({
				certFile: z.string().min(1),
				keyFile: z.string().min(1),
				/**
				 * Mutual TLS: a CA bundle; the server asks every client for a certificate, and
				 * /federation/v1/* refuses requests without one this bundle verifies (other routes unaffected).
				 */
				clientCaFile: z.string().min(1).optional(),
			})
			.optional(),
		/** Federation (docs/federation.md): how the outbox is fed and delivered. */
		federation: z
			.object({
				/** Whether `serve` runs the outbox feeder and delivery workers. */
				enabled: z.boolean().default(true),
				/** How often commits made by other processes (e.g. `entente import`) are looked for. */
				pollMs: z.number().int().min(10).max(60_000).default(200),
				/** Versions judged per feed page and messages sent per push. */
				batchSize: z.number().int().min(1).max(10_000).default(2000),
				/** Pushes in flight per peer; the receiver stores them in order (1: stop-and-wait). */
				inFlight: z.number().int().min(1).max(8).default(2),
				/** Consecutive failed deliveries before a peer is flagged and a warning logged. */
				alertAfterFailures: z.number().int().min(1).default(5),
				/** Capped, jittered exponential backoff between failed deliveries. */
				retryBaseMs: z.number().int().min(1).default(250),
				retryMaxMs: z.number().int().min(1).default(30_000),
				/** Client certificate and key presented to https peers (mutual TLS); both or neither. */
				clientCertFile: z.string().min(1).optional(),
				clientKeyFile: z.string().min(1).optional(),
				/** CA bundle trusted for https peers' server certificates (instead of the system CAs). */
				caFile: z.string().min(1).optional(),
				/** How long an invitation code stays usable. */
				invitationTtlHours: z
					.number()
					.positive()
					.max(24 * 30)
					.default(24),
			})
			.prefault({}),
		/** Watch-lists and their webhooks (D51). */
		webhooks: z
			.object({
				/** Whether `serve` runs the watch-list matcher and the webhook sender. */
				enabled: z.boolean().default(true),
				/**
				 * Whether a webhook may point at private, loopback or shared addresses (RFC 1918, 127/8, ::1, fc00::/7…):
				 * off, a partner's user cannot make this node call into its own network. Link-local (cloud metadata)
				 * and multicast stay refused either way.
				 */
				allowPrivateAddresses: z.boolean().default(false),
				/** How often other processes' commits and due retries are looked for. */
				pollMs: z.number().int().min(10).max(60_000).default(1000),
				/** How long a receiver has to answer. */
				timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
				/** Capped, jittered exponential backoff between failed attempts (retried while the webhook is set). */
				retryBaseMs: z.number().int().min(1).default(5000),
				retryMaxMs: z.number().int().min(1).default(3_600_000),
				/** Failures in a row after which a release webhook (D59) is disabled, with the reason (~1 day by default). */
				releaseMaxAttempts: z.number().int().min(1).max(1000).default(30),
			})
			.prefault({}),
		/** The release stream, GET /api/v1/stream (D59). */
		stream: z
			.object({
				/** Streams one user may hold open at once. */
				maxPerUser: z.number().int().min(1).max(1000).default(5),
				/** Bytes queued for a reader before it is cut off as too slow (it resumes with Last-Event-ID). */
				bufferBytes: z
					.number()
					.int()
					.min(16 * 1024)
					.max(64 * 1024 * 1024)
					.default(1024 * 1024),
				/** How often a heartbeat (carrying the position) is sent. */
				heartbeatMs: z.number().int().min(1000).max(300_000).default(15_000),
				/** How often a stream's credentials are checked again (a revoked token's stream ends). */
				tokenCheckMs: z.number().int().min(1000).max(600_000).default(30_000),
			})
			.prefault({}),
		/** Feed subscriptions (D55): the scheduled pulls `serve` runs, and the bounds of every pull. */
		feeds: z
			.object({
				/** Whether `serve` pulls the feeds on their schedules (every process may: a lease keeps one per feed). */
				enabled: z.boolean().default(true),
				/** How often due feeds are looked for. */
				pollMs: z.number().int().min(10).max(600_000).default(30_000),
				/** How long one file of a feed may take to arrive, whole. */
				timeoutMs: z.number().int().min(100).max(3_600_000).default(120_000),
				/** The largest feed file, after decompression (a gzip bomb stops here). */
				maxBytes: z
					.number()
					.int()
					.min(1024)
					.default(512 * 1024 * 1024),
			})
			.prefault({}),
		/** Added to this node's clock for federation signatures; for clock-skew tests only. */
		clockOffsetMs: z.number().int().default(0),
	})
	.strict()
	.refine((c) => (c.federation.clientCertFile === undefined) === (c.federation.clientKeyFile === undefined), {
		message: "federation.clientCertFile and federation.clientKeyFile go together",
		path: ["federation", "clientCertFile"],
	});

/** Whether a store URL selects PostgreSQL (the store's own `openStore` decides the same way). */
function isPostgresUrl(url: string | undefined): boolean {
	return url !== undefined && /^postgres(?:ql)?:\/\//i.test(url);
}

export type Config = z.infer<typeof configSchema>;
/** What a config file may contain: everything but the data directory, which locates the file. */
export type ConfigFile = Partial<Omit<z.input<typeof configSchema>, "dataDir">>;
