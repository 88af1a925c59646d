// The accessibility check every screen's browser test runs (issue 16's target: no serious violations), with
// axe-core's rules for WCAG 2.1 A and AA. A failure names each rule, its impact, and the first elements it hit.
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

/** Impacts that fail a screen: axe's "serious" and "critical". */
const FAILING = new Set(["serious", "critical"]);

/**
 * Waits (at most ~3 s) until no finite animation or transition runs: a dialog fading in has its text blended with
 * the page behind, which axe would measure as low contrast. Spinners (infinite) are left spinning.
 */
async function transitionsEnded(page: Page): Promise<void> {
	const running = `document.getAnimations().filter((animation) => animation.playState === "running" &&
		animation.effect?.getComputedTiming().iterations !== Infinity).length`;
	// Quiet for three looks in a row: a dialog opened by the last click may not have started its transition yet.
	for (let tries = 0, quiet = 0; tries < 60 && quiet < 3; tries++) {
		quiet = ((await page.evaluate(running)) as number) > 0 ? 0 : quiet + 1;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Runs axe over `page` as it is now (optionally only inside `include`) and fails on any serious violation. */
export async function assertAccessible(page: Page, screen: string, include?: string): Promise<void> {
	await transitionsEnded(page);
	let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
	if (include !== undefined) builder = builder.include(include);
	const results: AxeResults = await builder.analyze();
	// A check that checked nothing (axe not injected, an empty page) must not pass as "no violations".
	assert.ok(results.passes.length > 0, `${screen}: axe checked nothing on ${results.url}`);
	const failing = results.violations.filter((violation) => FAILING.has(violation.impact ?? ""));
	const report = failing.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
				.slice(0, 3)
				.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.split("\n").join(" ")}`)
				.join("\n")}`,
	);
	assert.equal(failing.length, 0, `${screen}: serious accessibility violations\n${report.join("\n")}`);
}
