// The web UI: the static Vite build (web/dist) served at "/", with a strict Content-Security-Policy,
// long-lived caching for hashed assets, and index.html for client routes. It never reads the store.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";

/** web/dist of this checkout: where `npm run build:web` writes. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../web/dist/", import.meta.url));

/**
 * What Vite writes where a per-response nonce belongs (`html.cspNonce` in web/vite.config.ts, which
 * must use the same string): on `<script>`, `<link>` and the `csp-nonce` meta that Mantine reads for
 * the `<style>` elements it injects.
 */
export const CSP_NONCE_PLACEHOLDER = "__ENTENTE_CSP_NONCE__";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
	".html": "text/html; charset=utf-8",
	".js": "text/javascript; charset=utf-8",
	".mjs": "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".json": "application/json",
	".map": "application/json",
	".webmanifest": "application/manifest+json",
	".svg": "image/svg+xml",
	".png": "image/png",
	".ico": "image/x-icon",
	".webp": "image/webp",
	".woff2": "font/woff2",
	".woff": "font/woff",
	".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([
	".html",
	".js",
	".mjs",
	".css",
	".json",
	".map",
	".svg",
	".txt",
	".webmanifest",
]);

/** Paths owned by the node's APIs: never answered with the UI, whatever the Accept header says. */
const RESERVED = /^\/(api|taxii2|federation|health|metrics)(\/|$)/;

/** Client routes whose last segment is data (a value's page: `/values/ipv4/198.51.100.7`), dots and all. */
const DATA_ROUTES = /^\/(values|objects)\//;

/** Vite's hashed output (`assets/name-HASH.ext`): content-addressed, so cacheable forever. */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy": "no-referrer",
	"Cross-Origin-Opener-Policy": "same-origin",
	"X-Frame-Options": "DENY",
};

/**
 * The UI's policy: scripts and style sheets only from this origin, `<style>` elements only with this
 * response's nonce, data only from this origin's API; no inline scripts, frames, plugins or forms elsewhere.
 */
export function contentSecurityPolicy(nonce: string): string {
	return [
		"default-src 'none'",
		"script-src 'self'",
		`style-src 'self' 'nonce-${nonce}'`,
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	].join("; ");
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Entente: web UI not built</title></head>
<body><h1>The Entente web UI has not been built</h1>
<p>This node serves its API (<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>) and TAXII (/taxii2/), but
there is no UI build in <code>web/dist</code>. Build it in the node's checkout with</p>
<pre>npm run build:web</pre>
<p>(<code>npm start</code> builds it before starting), then reload this page.</p></body></html>
`;

/** Whether `root` holds a build of the web UI (its index.html): without one, pages answer 503. */
export function hasWebUiBuild(root: string = DEFAULT_WEB_ROOT): boolean {
	return existsSync(resolve(root, "index.html"));
}

export interface WebUiOptions {
	/** The folder holding the build (index.html, assets/). */
	root: string;
}

interface CachedFile {
	mtimeMs: number;
	size: number;
	body: Uint8Array<ArrayBuffer>;
	gzip?: Uint8Array<ArrayBuffer>;
}

/**
 * A GET handler for "*", registered after every API route: serves files of the build, and index.html
 * for any other path a browser navigates to (Accept: text/html) outside the API prefixes, so that
 * client routes (`/objects/…`) survive a reload. Without a build, such pages say how to make one.
 * Everything else falls through to the app's 404.
 * @example app.get("*", webUi({ root: DEFAULT_WEB_ROOT }))
 */
export function webUi(options: WebUiOptions): MiddlewareHandler {
	const root = resolve(options.root);
	// Recently read files by path, rechecked against mtime and size on every request (a rebuild replaces them).
	const cache = new Map<string, CachedFile>();

	async function load(path: string): Promise<CachedFile | undefined> {
		const info = await stat(path).catch(() => undefined);
		if (info === undefined || !info.isFile()) return undefined;
		const cached = cache.get(path);
		if (cached !== undefined && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
		const file: CachedFile = { mtimeMs: info.mtimeMs, size: info.size, body: await readFile(path) };
		if (cache.size >= 64) cache.delete(cache.keys().next().value ?? "");
		cache.set(path, file);
		return file;
	}

	return async (context, next) => {
		const path = context.req.path;
		if (RESERVED.test(path)) return next();
		const file = fileOf(root, path);
		if (file === undefined) return next();
		if (file !== resolve(root, "index.html")) {
			const found = await load(file);
			if (found !== undefined) return sendFile(context, path, found);
			// A missing file with an extension is a 404, not the app: a stale tab asking for an old hash.
			if (extname(path) !== "" && !DATA_ROUTES.test(path)) return next();
		}
		if (!acceptsHtml(context)) return next();
		const index = await load(resolve(root, "index.html"));
		if (index === undefined) {
			return context.html(NOT_BUILT_PAGE, 503, {
				...SECURITY_HEADERS,
				...noStore(contentSecurityPolicy("none")),
			});
		}
		return sendIndex(context, index);
	};
}

/** The file a URL path names inside root, or undefined for anything that could leave it or is hidden. */
function fileOf(root: string, urlPath: string): string | undefined {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return undefined;
	}
	const segments = decoded.split("/").filter((segment) => segment !== "");
	if (
		segments.some((segment) => segment.startsWith(".") || segment.includes("\\") || segment.includes("\0"))
	) {
		return undefined;
	}
	const file = resolve(root, ...(segments.length === 0 ? ["index.html"] : segments));
	return file === root || file.startsWith(root + sep) ? file : undefined;
}

function acceptsHtml(context: Context): boolean {
	return /\btext\/html\b|\*\/\*/.test(context.req.header("accept") ?? "");
}

function noStore(csp: string): Record<string, string> {
	return { "Cache-Control": "no-store", "Content-Security-Policy": csp };
}

/** index.html with a fresh nonce in place of the placeholder, never cached (the nonce must not repeat). */
function sendIndex(context: Context, index: CachedFile): Response {
	const nonce = randomBytes(18).toString("base64");
	const html = new TextDecoder().decode(index.body).replaceAll(CSP_NONCE_PLACEHOLDER, nonce);
	return context.html(html, 200, { ...SECURITY_HEADERS, ...noStore(contentSecurityPolicy(nonce)) });
}

function sendFile(context: Context, urlPath: string, file: CachedFile): Response {
	const extension = extname(urlPath).toLowerCase();
	const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
	const headers: Record<string, string> = {
		...SECURITY_HEADERS,
		"Content-Type": CONTENT_TYPES[extension] ?? "application/octet-stream",
		"Cache-Control": HASHED_ASSET.test(urlPath) ? "public, max-age=31536000, immutable" : "no-cache",
		ETag: etag,
		Vary: "Accept-Encoding",
	};
	if (context.req.header("if-none-match") === etag) return context.body(null, 304, headers);
	let body = file.body;
	if (
		COMPRESSIBLE.has(extension) &&
		file.size > 1024 &&
		/\bgzip\b/.test(context.req.header("accept-encoding") ?? "")
	) {
		file.gzip ??= gzipSync(file.body);
		body = file.gzip;
		headers["Content-Encoding"] = "gzip";
	}
	headers["Content-Length"] = String(body.byteLength);
	return context.body(body, 200, headers);
}
