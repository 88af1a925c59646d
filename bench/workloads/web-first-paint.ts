// Every screen's first paint with N objects in the store (default 1M, BENCH_PAINT_OBJECTS): a real node serving the
// observable-index bench's cached store, its web UI loaded cold (a fresh page load, the hashed assets cached) in
// Chromium, timed from navigation to the first contentful paint and to the frame that shows the screen's main
// content (test/support/screens.ts: its first row, its empty state or its form). The floor is the not-found
// screen's static shell in the same run. Target ≤ 1 s per screen. A new screen is one line in SCREENS.
import { readFileSync } from "node:fs";
import { type CDPSession, chromium, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild } from "../../test/support/browser-node.ts";
import { startServe } from "../../test/support/node-process.ts";
import { NOT_FOUND, SCREENS, type ScreenEntry, type ScreenSample } from "../../test/support/screens.ts";
import type { BenchRow, Workload } from "../harness.ts";
import { paintNode } from "./web-first-paint-node.ts";

/** Loads per screen; the median is reported (the first load of all, warming Chromium's cache, is not counted). */
const LOADS = 3;

/**
 * Runs in every document before its own scripts (CDP, so outside the page's CSP): watches the DOM for the selector
 * the bench left in sessionStorage and records the time of the next frame after it appears.
 */
const WATCH_FOR_CONTENT = `(() => {
	const selector = sessionStorage.getItem("bench.shown");
	if (selector === null) return;
	let seen = false;
	const check = (observer) => {
		if (seen || document.querySelector(selector) === null) return;
		seen = true;
		observer?.disconnect();
		requestAnimationFrame(() => { window.__benchShown = performance.now(); });
	};
	const observer = new MutationObserver(() => check(observer));
	observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

interface Load {
	/** Milliseconds from navigation to the first contentful paint. */
	fcp: number;
	/** Milliseconds from navigation to the frame showing the main content. */
	shown: number;
	/** CPU milliseconds the node spent meanwhile. */
	nodeCpu: number;
	/** CPU milliseconds Chromium spent meanwhile, all its processes (renderer, GPU emulation, browser). */
	browserCpu: number;
}

/** What load() watches: the page, the node's process and a CDP session on the browser. */
interface Probe {
	page: Page;
	pid: number;
	browser: CDPSession;
}

/** CPU time of all of Chromium's processes so far, in milliseconds. */
async function browserCpuMs(browser: CDPSession): Promise<number> {
	const info = await browser.send("SystemInfo.getProcessInfo");
	return info.processInfo.reduce((sum, process) => sum + process.cpuTime, 0) * 1000;
}

/** User + system CPU time of a process so far, in milliseconds (Linux /proc, clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function pageNumber(page: Page, expression: string): Promise<number | undefined> {
	const value = (await page.evaluate(expression)) as number | null | undefined;
	return typeof value === "number" ? value : undefined;
}

async function load(probe: Probe, url: string, screen: ScreenEntry): Promise<Load> {
	const { page, pid } = probe;
	await page.evaluate(`sessionStorage.setItem("bench.shown", ${JSON.stringify(screen.shown)})`);
	const cpuBefore = processCpuMs(pid);
	const browserBefore = await browserCpuMs(probe.browser);
	await page.goto(url, { waitUntil: "commit" });
	await page.locator(screen.shown).first().waitFor({ timeout: 120_000 });
	// Both are recorded a frame or so after the content is in the DOM: poll for them.
	let shown: number | undefined;
	let fcp: number | undefined;
	for (let tries = 0; (shown === undefined || fcp === undefined) && tries < 300; tries++) {
		shown = await pageNumber(page, "window.__benchShown");
		fcp = await pageNumber(page, `performance.getEntriesByName("first-contentful-paint")[0]?.startTime`);
		if (shown === undefined || fcp === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
	}
	if (shown === undefined || fcp === undefined) {
		throw new Error(`${screen.name}: no paint timings (content shown at ${shown}, first paint at ${fcp})`);
	}
	// Content is on screen no earlier than the first contentful paint (the frame callback runs before its paint).
	return {
		fcp,
		shown: Math.max(shown, fcp),
		nodeCpu: processCpuMs(pid) - cpuBefore,
		browserCpu: Math.round((await browserCpuMs(probe.browser)) - browserBefore),
	};
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The median load of `screen` (by the time its content was shown). */
async function measure(probe: Probe, base: string, screen: ScreenEntry, sample: ScreenSample) {
	const loads: Load[] = [];
	for (let i = 0; i < LOADS; i++) loads.push(await load(probe, base + screen.path(sample), screen));
	const shown = median(loads.map((entry) => entry.shown));
	return loads.find((entry) => entry.shown === shown) ?? (loads[0] as Load);
}

export const webFirstPaint: Workload = {
	name: "web-first-paint",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_PAINT_OBJECTS ?? 1_000_000);
		// The screens this checkout's sources make, not a web/dist left over from another: a stale build paints
		// screens the node no longer serves (or none at all).
		await ensureBuild();
		const node = await paintNode(count);
		const server = await startServe({ data: node.data, name: "paint-node" });
		const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
		try {
			const sample = await node.sample(server.url);
			const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
			await page.addInitScript({ content: WATCH_FOR_CONTENT });
			await page.goto(`${server.url}/no-such-page`);
			await page.evaluate(`sessionStorage.setItem("entente.token", ${JSON.stringify(node.token)})`);
			const probe: Probe = {
				page,
				pid: server.child.pid ?? 0,
				browser: await browser.newBrowserCDPSession(),
			};
			// Warms Chromium's cache of the hashed assets (a returning user's load).
			await load(probe, server.url + NOT_FOUND.path(sample), NOT_FOUND);
			const results = new Map<ScreenEntry, Load>();
			for (const screen of SCREENS) {
				results.set(screen, await measure(probe, server.url, screen, sample));
				process.stderr.write(`  ${screen.name}: ${JSON.stringify(results.get(screen))}\n`);
			}
			// The static shell, measured among the others (a lone measurement first swings with the load).
			const floor = results.get(NOT_FOUND) ?? (await measure(probe, server.url, NOT_FOUND, sample));
			const n = count.toLocaleString("en");
			const rows: BenchRow[] = [];
			for (const [screen, result] of results) {
				rows.push({
					name: `web-first-paint: ${screen.name} at ${n} objects`,
					value: result.shown,
					unit: "ms",
					floor: floor.shown,
					floorName: "the not-found screen's static shell",
					ratio: result.shown / floor.shown,
					target: "≤ 1,000 ms",
					notes:
						`first contentful paint ${Math.round(result.fcp)} ms; CPU: node ${result.nodeCpu} ms, ` +
						`Chromium ${result.browserCpu} ms`,
				});
			}
			return rows;
		} finally {
			await browser.close();
			await server.stop();
		}
	},
};
