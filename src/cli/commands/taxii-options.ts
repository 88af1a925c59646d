// What pull and push share: the remote's URL and credentials, and the local organisation to act for.
import type { Command } from "commander";
import { AppError } from "../../errors/index.ts";
import { VERSION } from "../../main.ts";
import type { Credentials, TaxiiClientOptions } from "../../taxii/client/index.ts";
import { TaxiiClient } from "../../taxii/client/index.ts";

export interface RemoteOptions {
	collection: string;
	user?: string;
	password?: string;
	token?: string;
	allowHttp?: boolean;
	timeout: number;
}

/** Adds the options every command talking to a TAXII server takes. */
export function remoteOptions(command: Command): Command {
	return command
		.argument("<url>", "an API root URL, or a discovery URL (…/taxii2/) whose default API root is used")
		.requiredOption("--collection <id>", "the collection id on the remote API root")
		.option("--user <user>", "HTTP Basic user name (with --password)")
		.option("--password <password>", "HTTP Basic password")
		.option("--token <token>", "bearer token (instead of --user/--password)")
		.option("--allow-http", "allow plain http:// to a host other than loopback (TAXII requires HTTPS)")
		.option("--timeout <seconds>", "per-request timeout", (value) => Number(value), 60);
}

/** A client for `url`: credentials from the options, or from the URL's user information. */
export async function connect(
	url: string,
	options: RemoteOptions,
	extra: TaxiiClientOptions = {},
): Promise<TaxiiClient> {
	let target: URL;
	try {
		target = new URL(url);
	} catch (cause) {
		throw new AppError("E_TAXII_URL", `not a URL: ${url}`, { cause });
	}
	const fromUrl =
		target.username === ""
			? undefined
			: { user: decodeURIComponent(target.username), password: decodeURIComponent(target.password) };
	target.username = "";
	target.password = "";
	const auth = credentialsOf(options, fromUrl);
	if (!Number.isFinite(options.timeout) || options.timeout <= 0)
		throw new AppError("E_CONFIG_INVALID", "--timeout is a number of seconds above 0");
	return TaxiiClient.connect(target, {
		...extra,
		...(auth === undefined ? {} : { auth }),
		allowHttp: options.allowHttp === true,
		timeoutMs: options.timeout * 1000,
		userAgent: `entente/${VERSION}`,
	});
}

function credentialsOf(
	options: RemoteOptions,
	fromUrl: { user: string; password: string } | undefined,
): Credentials | undefined {
	if (options.token !== undefined) {
		if (options.user !== undefined || options.password !== undefined)
			throw new AppError("E_CONFIG_INVALID", "use either --token or --user/--password, not both");
		return { kind: "bearer", token: options.token };
	}
	if (options.user !== undefined) {
		if (options.password === undefined) throw new AppError("E_CONFIG_INVALID", "--user needs --password");
		return { kind: "basic", user: options.user, password: options.password };
	}
	if (options.password !== undefined) throw new AppError("E_CONFIG_INVALID", "--password needs --user");
	return fromUrl === undefined ? undefined : { kind: "basic", ...fromUrl };
}

/** The local organisation to act for: `requested`, or the node's first. */
