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
	// An ENTENTE_FEDERATION_* variable sets one federation setting; the file's others stay.
	if (
		fromEnv.federation !== undefined &&
		typeof fromFile.federation === "object" &&
		fromFile.federation !== null
	) {
		merged.federation = {
			...(fromFile.federation as Record<string, unknown>),
			...(fromEnv.federation as object),
		};
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
	if (env.ENTENTE_FEDERATION_RETRY_MAX_MS !== undefined) {
		settings.federation = { retryMaxMs: Number(env.ENTENTE_FEDERATION_RETRY_MAX_MS) };
	}
	return settings;
}
