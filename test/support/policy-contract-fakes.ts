// FAKE of the impact-preview routes of issue 16 item 1's REST contract (POST /policy/impact, GET
// /policy/impact/{job}, D62), for the browser test while main lacks them: installed with page.route only when the
// real node answers 404. A fake cannot decide: the test gives the result it predicts. Remove when D62 is on main.
import type { Page } from "playwright-core";

/** Which contract routes the real node lacks ("impact" or none). */
export async function missingPolicyRoutes(options: { url: string; token: string }): Promise<string[]> {
	const response = await fetch(`${options.url}/api/v1/policy/impact`, {
		method: "POST",
		headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
		body: JSON.stringify({ text: "" }),
	});
	return response.status === 404 ? ["impact"] : [];
}

/** Answers the impact routes in `page` with `impact(text, baseVersion)` as a job done at once. */
export async function installPolicyFakes(
	page: Page,
	options: { url: string; token: string; impact: (text: string, baseVersion: number) => unknown },
): Promise<void> {
	const jobs = new Map<string, unknown>();
	await page.route(/\/api\/v1\/policy\/impact(\/|\?|$)/, async (route) => {
		const request = route.request();
		const path = new URL(request.url()).pathname;
		if (request.method() === "POST") {
			const versions = (await (
				await fetch(`${options.url}/api/v1/policy/versions`, {
					headers: { authorization: `Bearer ${options.token}` },
				})
			).json()) as { items: { version: number }[] };
			const job = `job-${jobs.size + 1}`;
			const { text } = request.postDataJSON() as { text: string };
			jobs.set(job, options.impact(text, versions.items.at(-1)?.version ?? 0));
			return route.fulfill({ status: 202, json: { job, total: 1 } });
		}
		const job = path.split("/").at(-1) ?? "";
		const started = new Date().toISOString();
		return route.fulfill({
			json: { job, state: "done", done: 1, total: 1, startedAt: started, result: jobs.get(job) },
		});
	});
}
