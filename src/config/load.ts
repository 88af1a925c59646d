// Builds the node's Config from the data directory's entente.json, ENTENTE_* environment variables and flags.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { AppError } from "../errors/index.ts";
import { type Config, configSchema } from "./schema.ts";

export const CONFIG_FILE_NAME = "entente.json";

/** Settings given on the command line; they win over env and file. */
export interface ConfigOverrides {
	dataDir?: string;
	port?: number;
	host?: string;
	logLevel?: string;
}

/** The data directory in force: the flag, else ENTENTE_DATA, else ./data. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
	return resolve(flag ?? env.ENTENTE_DATA ?? "data");
}

/**
 * Loads and validates the configuration. Every problem is reported at once, naming the setting and
 * where it came from, so an operator can fix them in one go.
 */
export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
	const dataDir = resolveDataDir(overrides.dataDir, env);
	const filePath = join(dataDir, CONFIG_FILE_NAME);
	const fromFile = existsSync(filePath) ? readConfigFile(filePath) : {};
	const fromEnv = envSettings(env);
	const fromFlags = Object.fromEntries(
		Object.entries({ port: overrides.port, host: overrides.host, logLevel: overrides.logLevel }).filter(
			([, value]) => value !== undefined,
		),
	);
	const merged: Record<string, unknown> = { ...fromFile, ...fromEnv, ...fromFlags, dataDir };
	// An ENTENTE_FEDERATION_* or ENTENTE_STORE_* variable sets one setting of its group; the file's others stay.
	for (const group of ["federation", "store"] as const) {
		const fileGroup = fromFile[group];
		if (fromEnv[group] !== undefined && typeof fileGroup === "object" && fileGroup !== null) {
			merged[group] = { ...(fileGroup as Record<string, unknown>), ...(fromEnv[group] as object) };
		}
	}
	const parsed = configSchema.safeParse(merged);
	if (!parsed.success) {
		const problems = parsed.error.issues.map(
			(issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
		);
		throw new AppError(
			"E_CONFIG_INVALID",
			`invalid configuration (from ${filePath}, ENTENTE_* variables and flags):\n  ${problems.join("\n  ")}`,
			{ details: { problems } },
		);
	}
	return parsed.data;
}

function readConfigFile(filePath: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(readFileSync(filePath, "utf8"));
	} catch (error) {
		throw new AppError("E_CONFIG_INVALID", `${filePath} is not valid JSON: ${(error as Error).message}`, {
			cause: error,
		});
	}
	const record = z.record(z.string(), z.unknown()).safeParse(value);
	if (!record.success) throw new AppError("E_CONFIG_INVALID", `${filePath} must hold a JSON object`);
	return record.data;
}

function envSettings(env: NodeJS.ProcessEnv): Record<string, unknown> {
	const settings: Record<string, unknown> = {};
	if (env.ENTENTE_PORT !== undefined) settings.port = Number(env.ENTENTE_PORT);
	if (env.ENTENTE_HOST !== undefined) settings.host = env.ENTENTE_HOST;
	if (env.ENTENTE_LOG_LEVEL !== undefined) settings.logLevel = env.ENTENTE_LOG_LEVEL;
	if (env.ENTENTE_PUBLIC_URL !== undefined) settings.publicUrl = env.ENTENTE_PUBLIC_URL;
	if (env.ENTENTE_CLOCK_OFFSET_MS !== undefined) settings.clockOffsetMs = Number(env.ENTENTE_CLOCK_OFFSET_MS);
	const federation: Record<string, unknown> = {};
	if (env.ENTENTE_FEDERATION_RETRY_MAX_MS !== undefined) {
		federation.retryMaxMs = Number(env.ENTENTE_FEDERATION_RETRY_MAX_MS);
	}
	// Per process, for nodes whose processes share one data directory's entente.json (docs/operations.md).
	if (env.ENTENTE_FEDERATION_ENABLED !== undefined) {
		federation.enabled = booleanText(env.ENTENTE_FEDERATION_ENABLED);
	}
	if (Object.keys(federation).length > 0) settings.federation = federation;
	if (env.ENTENTE_STORE_URL !== undefined) settings.store = { url: env.ENTENTE_STORE_URL };
	return settings;
}

/** "true" and "false" as booleans; anything else stays text, for the schema to refuse by name. */
function booleanText(value: string): boolean | string {
	return value === "true" ? true : value === "false" ? false : value;
}
