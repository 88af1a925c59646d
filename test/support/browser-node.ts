// A real node process for browser tests, and Debian's Chromium driving its web UI (playwright-core): start both,
// watch the page for errors and CSP violations, take screenshots, and stop everything that was started.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { entente, scratch } from "./cli.ts";
import { initNodeData, type ServeProcess, startServe } from "./node-process.ts";

/** Debian's Chromium; ENTENTE_CHROMIUM names another Chromium build (a developer's machine). */
export const CHROMIUM = process.env.ENTENTE_CHROMIUM ?? "/usr/bin/chromium";
export const browserMissing = !existsSync(CHROMIUM);
/** Set by CI (`.ci/run` installs Chromium): a missing browser fails instead of skipping. */
export const browserRequired = process.env.ENTENTE_REQUIRE_BROWSER === "1";
export const BROWSER_MISSING = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the web UI test`;

const ROOT = resolve(import.meta.dirname, "..", "..");
const WEB = join(ROOT, "web");
export const SCENARIO = join(ROOT, "examples", "policy", "reference-scenario.yaml");
export const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";

/** The flags the closed CI network needs (without the background-networking ones Chromium dials out and stalls). */
export const CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
];

/** The newest modification time of any file under `dir` (skipping `skip`). */
function newestMtime(dir: string, skip: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (path === skip) continue;
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(path, skip) : statSync(path).mtimeMs);
	}
	return newest;
}

/** Builds web/dist unless a build newer than every source file exists (`npm test` makes one first). */
export async function ensureBuild(): Promise<void> {
	const dist = join(WEB, "dist");
	const index = join(dist, "index.html");
	if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(WEB, dist)) return;
	const vite = spawn(process.execPath, [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", WEB], {
		cwd: ROOT,
		stdio: ["ignore", "ignore", "pipe"],
	});
	let stderr = "";
	vite.stderr.setEncoding("utf8").on("data", (text: string) => {
		stderr += text;
	});
	const [code] = await once(vite, "exit");
	assert.equal(code, 0, `vite build failed: ${stderr}`);
}

export interface BrowserNode {
	url: string;
	/** The admin token `entente init` printed (the NCA's admin). */
	token: string;
	page: Page;
	/** Page errors, console errors and CSP violations seen so far: a test ends by asserting there are none. */
	problems: string[];
	/** A REST call as the admin; asserts a 200 and answers the JSON. */
	api<T>(path: string, init?: { method: "POST"; body: unknown }): Promise<T>;
	/** A screenshot (full page unless `fullPage` is false) into ENTENTE_UI_SCREENSHOTS (or a folder removed on stop). */
	shot(name: string, fullPage?: boolean): Promise<void>;
	stop(): Promise<void>;
}

/**
 * Initialises a node as the UK NCA under the reference scenario, imports `inputs` (files), serves it on a free
 * port, builds the web UI if stale and opens Chromium on a fresh profile. `stop` ends both and removes the folder.
 */
export async function startBrowserNode(
	name: string,
	inputs: (dir: string) => string[],
): Promise<BrowserNode> {
	const { dir, remove } = scratch(name);
	const screenshots = process.env.ENTENTE_UI_SCREENSHOTS ?? join(dir, "screenshots");
	mkdirSync(screenshots, { recursive: true });
	const data = join(dir, "data");
	let server: ServeProcess | undefined;
	let context: BrowserContext | undefined;
	const stop = async (): Promise<void> => {
		await context?.close();
		await server?.stop();
		remove();
	};
	try {
		const built = ensureBuild();
		const init = await initNodeData({
			data,
			name: "uk-nca-node",
			org: "UK National Crime Agency",
			orgId: NCA,
			policy: SCENARIO,
		});
		for (const input of inputs(dir)) {
			const imported = await entente(["import", input, "--data", data]);
			assert.equal(imported.code, 0, imported.stderr);
		}
		server = await startServe({ data, name: "uk-nca-node" });
		const url = server.url;
		await built;
		context = await chromium.launchPersistentContext(join(dir, "profile"), {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1440, height: 900 },
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(10_000);
		const problems: string[] = [];
		page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
		page.on("console", (message) => {
			// A 404 for an identity the gate does not release is expected (names fall back to ids).
			if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
				problems.push(`console: ${message.text()}`);
			}
		});
		// In the page (a string: this file is type-checked without the DOM library).
		await page.addInitScript({
			content: `document.addEventListener("securitypolicyviolation", (event) =>
				console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI));`,
		});
		const token = init.adminToken;
		return {
			url,
			token,
			page,
			problems,
			async api<T>(path: string, request?: { method: "POST"; body: unknown }): Promise<T> {
				const response = await fetch(`${url}/api/v1${path}`, {
					headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
					...(request === undefined ? {} : { method: request.method, body: JSON.stringify(request.body) }),
				});
				assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
				return (await response.json()) as T;
			},
			shot: async (shotName, fullPage = true) => {
				await page.screenshot({ path: join(screenshots, `${shotName}.png`), fullPage });
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
