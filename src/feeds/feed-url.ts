// A feed's URL: http or https only, so a feed can never read a local file or another scheme's resource.
import { AppError } from "../errors/index.ts";

/**
 * The URL, parsed, when it is an absolute http(s) URL without credentials.
 * @throws AppError E_FEED_URL naming what to send instead.
 * @example feedUrl("https://lists.blocklist.de/lists/all.txt")
 */
export function feedUrl(text: string): URL {
	let url: URL;
	try {
		url = new URL(text);
	} catch (cause) {
		throw new AppError("E_FEED_URL", `'${text}' is not a URL: give an absolute http:// or https:// URL`, {
			cause,
		});
	}
	if (url.protocol !== "http:" && url.protocol !== "https:") {
		throw new AppError(
			"E_FEED_URL",
			`a feed is read over http or https, not '${url.protocol.slice(0, -1)}': give an http:// or https:// URL`,
		);
	}
	if (url.username !== "" || url.password !== "") {
		throw new AppError(
			"E_FEED_URL",
			"a feed URL must not carry a user name or password: remove them from the URL",
		);
	}
	return url;
}

/** The URL of a file beside (or below) a feed URL: a MISP feed's `manifest.json` and `<uuid>.json`. */
export function feedFileUrl(base: string, file: string): string {
	const folder = base.endsWith("/") ? base : `${base}/`;
	return new URL(file, folder).toString();
}
