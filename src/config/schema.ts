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
				kind: z.literal("sqlite").default("sqlite"),
				/** NORMAL survives a process crash; FULL also survives power loss, at a write cost. */
				synchronous: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
			})
			.prefault({}),
		limits: z
			.object({
				maxBodyBytes: z.number().int().positive().default(DEFAULT_LIMITS.maxBytes),
				maxObjectBytes: z.number().int().positive().default(DEFAULT_LIMITS.maxObjectBytes),
				maxStringBytes: z.number().int().positive().default(DEFAULT_LIMITS.maxStringBytes),
				maxDepth: z.number().int().min(8).max(1000).default(DEFAULT_LIMITS.maxDepth),
				maxObjectsPerBundle: z.number().int().positive().default(DEFAULT_LIMITS.maxObjects),
			})
			.prefault({}),
		tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
	})
	.strict();

export type Config = z.infer<typeof configSchema>;
/** What a config file may contain: everything but the data directory, which locates the file. */
export type ConfigFile = Partial<Omit<z.input<typeof configSchema>, "dataDir">>;
