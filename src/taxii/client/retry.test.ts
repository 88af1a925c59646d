// Backoff, Retry-After and media-type checks: the pure rules the transport follows.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isTaxii21ContentType } from "./media-type.ts";
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, retryAfterMs } from "./retry.ts";

describe("retry rules", () => {
	it("doubles the backoff ceiling per attempt up to maxDelayMs, scaled by the jitter draw", () => {
		const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
		assert.deepEqual(
			[1, 2, 3, 4, 5, 30].map((attempt) => backoffDelay(attempt, policy, () => 0.999999)),
			[99, 199, 399, 799, 999, 999],
		);
		assert.equal(
			backoffDelay(3, policy, () => 0),
			0,
		);
	});

	it("reads Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3)", () => {
		const now = Date.parse("2025-01-01T00:00:00Z");
		assert.equal(retryAfterMs("120", now), 120_000);
		assert.equal(retryAfterMs("Wed, 01 Jan 2025 00:00:30 GMT", now), 30_000);
		assert.equal(retryAfterMs("Tue, 31 Dec 2024 23:00:00 GMT", now), 0);
		assert.equal(retryAfterMs("soon", now), undefined);
		assert.equal(retryAfterMs(null, now), undefined);
	});

	it("retries 429 and 5xx except 501, never other 4xx", () => {
		assert.deepEqual(
			[400, 401, 404, 409, 413, 429, 500, 501, 502, 503, 504].filter(isRetryableStatus),
			[429, 500, 502, 503, 504],
		);
	});

	it("§1.6.8 accepts application/taxii+json with version 2.1 or none, nothing else", () => {
		assert.equal(isTaxii21ContentType("application/taxii+json;version=2.1"), true);
		assert.equal(isTaxii21ContentType('Application/TAXII+json; version="2.1"; charset=utf-8'), true);
		assert.equal(isTaxii21ContentType("application/taxii+json"), true);
		assert.equal(isTaxii21ContentType("application/taxii+json;version=2.0"), false);
		assert.equal(isTaxii21ContentType("application/json"), false);
		assert.equal(isTaxii21ContentType("text/html; charset=utf-8"), false);
		assert.equal(isTaxii21ContentType(null), false);
	});
});
