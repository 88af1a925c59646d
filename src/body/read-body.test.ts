import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { AppError } from "../errors/index.ts";
import { BodyBudget } from "./budget.ts";
import { readBody } from "./read-body.ts";

/** A request whose body arrives as `chunks`, counting how many were pulled from the client. */
function streamed(
	chunks: Uint8Array[],
	headers: Record<string, string> = {},
): { request: Request; pulled: () => number } {
	let pulled = 0;
	const body = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				const next = chunks[pulled];
				if (next === undefined) controller.close();
				else {
					pulled++;
					controller.enqueue(next);
				}
			},
		},
		{ highWaterMark: 0 },
	);
	const request = new Request("http://node.test/", {
		method: "POST",
		body,
		headers,
		duplex: "half",
	} as RequestInit);
	return { request, pulled: () => pulled };
}

const rejectsWith = (promise: Promise<unknown>, code: string) =>
	assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);

describe("readBody", () => {
	it("refuses a declared length over the limit, or over the budget, before reading a byte", async () => {
		const big = streamed([new Uint8Array(10)], { "content-length": "2000" });
		await rejectsWith(readBody(big.request, { maxBytes: 1000 }), "E_BODY_TOO_LARGE");
		assert.equal(big.pulled(), 0);
		const budget = new BodyBudget({ totalBytes: 1500, anonymousBytes: 100 });
		budget.reserve(new Request("http://node.test/"), 1000, "authenticated");
		const busy = streamed([new Uint8Array(10)], { "content-length": "600" });
		await rejectsWith(readBody(busy.request, { maxBytes: 1000, budget }), "E_BODY_BUSY");
		assert.equal(busy.pulled(), 0);
		const anonymous = streamed([new Uint8Array(10)], { "content-length": "200" });
		await rejectsWith(
			readBody(anonymous.request, { maxBytes: 1000, budget, pool: "anonymous" }),
			"E_BODY_TOO_LARGE",
		);
		assert.equal(anonymous.pulled(), 0);
	});

	it("reserves a chunked body as it arrives and stops at the first chunk the budget cannot hold", async () => {
		const budget = new BodyBudget({ totalBytes: 250, anonymousBytes: 100 });
		budget.reserve(new Request("http://node.test/"), 100, "authenticated");
		const body = streamed(Array.from({ length: 10 }, () => new Uint8Array(100)));
		await rejectsWith(readBody(body.request, { maxBytes: 5000, budget }), "E_BODY_BUSY");
		assert.ok(body.pulled() <= 3, `pulled ${body.pulled()} chunks`);
		assert.equal(budget.stats().peak.total, 200);
		// Alone, the same body is more than the budget could ever hold: 413, not 503.
		const alone = new BodyBudget({ totalBytes: 250, anonymousBytes: 100 });
		const again = streamed(Array.from({ length: 10 }, () => new Uint8Array(100)));
		await rejectsWith(readBody(again.request, { maxBytes: 5000, budget: alone }), "E_BODY_TOO_LARGE");
		budget.release(body.request);
		assert.equal(budget.stats().inFlight.authenticated, 100, "only the other request's bytes remain");
	});

	it("cuts a stream off past the limit with the route's own error", async () => {
		const body = streamed(Array.from({ length: 10 }, () => new Uint8Array(100)));
		const tooLarge = () => new AppError("E_API_BODY_TOO_LARGE", "too large");
		await rejectsWith(readBody(body.request, { maxBytes: 250, tooLarge }), "E_API_BODY_TOO_LARGE");
		assert.ok(body.pulled() <= 4);
	});

	it("decodes gzip only where allowed, counting decoded bytes against the limit", async () => {
		const text = "a".repeat(5000);
		const gz = () => streamed([gzipSync(text)], { "content-encoding": "gzip" }).request;
		assert.equal(Buffer.from(await readBody(gz(), { maxBytes: 6000, decompress: true })).toString(), text);
		await rejectsWith(readBody(gz(), { maxBytes: 1000, decompress: true }), "E_BODY_TOO_LARGE");
		await rejectsWith(readBody(gz(), { maxBytes: 6000 }), "E_BODY_ENCODING");
		const garbage = streamed([new Uint8Array([1, 2, 3])], { "content-encoding": "gzip" }).request;
		await rejectsWith(readBody(garbage, { maxBytes: 6000, decompress: true }), "E_BODY_UNDECODABLE");
	});

	it("names a body the client stopped sending as aborted", async () => {
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new Uint8Array(5));
				controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
			},
		});
		const request = new Request("http://node.test/", { method: "POST", body, duplex: "half" } as RequestInit);
		await rejectsWith(readBody(request, { maxBytes: 100 }), "E_BODY_ABORTED");
	});
});
