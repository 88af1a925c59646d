// Webhook receivers: https only, no credentials, nothing inside the node's network (SSRF), and the same rule again
// on the addresses a name resolves to; the signature a receiver checks.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { isAppError } from "../../errors/index.ts";
import { refusedAddress } from "./address-rules.ts";
import { signatureOf, verifyWebhookSignature } from "./signature.ts";
import { postWebhook } from "./webhook-post.ts";
import { webhookUrlOf } from "./webhook-url.ts";

function refusal(url: string, allowPrivate = false): string {
	try {
		webhookUrlOf(url, allowPrivate);
	} catch (error) {
		assert.ok(isAppError(error));
		assert.equal(error.code, "E_WEBHOOK_URL_INVALID");
		return error.message;
	}
	assert.fail(`accepted ${url}`);
}

describe("webhookUrlOf", () => {
	it("accepts a public https receiver", () => {
		assert.equal(
			webhookUrlOf("https://siem.example.org/hook#x", false).href,
			"https://siem.example.org/hook",
		);
	});

	it("refuses other schemes, credentials in the URL, and plain http to anything but an allowed loopback", () => {
		assert.match(refusal("file:///etc/passwd"), /must be https:\/\/, not file:/);
		assert.match(refusal("gopher://example.org/"), /must be https/);
		assert.match(refusal("https://user:pw@siem.example.org/"), /no user name or password/);
		assert.match(refusal("http://siem.example.org/"), /must be https/);
		assert.match(refusal("http://siem.example.org/", true), /plain http only to loopback/);
		assert.equal(webhookUrlOf("http://127.0.0.1:9999/hook", true).port, "9999");
		assert.match(refusal("not a url"), /is not a URL/);
	});

	it("refuses addresses inside the node's network; link-local (cloud metadata) even where private ones are allowed", () => {
		assert.match(refusal("https://169.254.169.254/latest/meta-data/"), /link-local/);
		assert.match(refusal("https://169.254.169.254/", true), /link-local/);
		assert.match(refusal("https://[::ffff:169.254.169.254]/", true), /link-local/);
		assert.match(refusal("https://10.1.2.3/"), /private/);
		assert.match(refusal("https://127.0.0.1/"), /loopback/);
		assert.match(refusal("https://[::1]/"), /loopback/);
		assert.match(refusal("https://[fd00::1]/"), /unique local/);
		assert.match(refusal("https://localhost/"), /inside this node/);
		assert.match(refusal("https://0.0.0.0/", true), /unspecified/);
	});

	it("judges each address a name resolves to", () => {
		assert.equal(refusedAddress("93.184.216.34", false), undefined);
		assert.match(refusedAddress("192.168.1.1", false) ?? "", /private/);
		assert.equal(refusedAddress("192.168.1.1", true), undefined);
		assert.match(refusedAddress("fe80::1", true) ?? "", /link-local/);
	});

	it("refuses at connection time a name that resolves to a refused address (DNS, not the URL's text)", async () => {
		await assert.rejects(
			postWebhook(new URL("https://localhost:1/"), "s", "id", "{}", { allowPrivate: false, timeoutMs: 2000 }),
			/refused: localhost resolves to .*loopback/,
		);
	});
});

describe("webhook signature", () => {
	it("is HMAC-SHA256 over '<t>.<body>', verified within the tolerance and never after a change", () => {
		const at = new Date("2026-12-07T12:00:00Z");
		const header = signatureOf("whsec_test", '{"a":1}', at);
		const t = Math.floor(at.getTime() / 1000);
		const expected = createHmac("sha256", "whsec_test").update(`${t}.{"a":1}`).digest("hex");
		assert.equal(header, `t=${t},v1=${expected}`);
		assert.equal(verifyWebhookSignature("whsec_test", header, '{"a":1}', at), true);
		assert.equal(verifyWebhookSignature("whsec_test", header, '{"a":2}', at), false, "body changed");
		assert.equal(verifyWebhookSignature("other", header, '{"a":1}', at), false, "another secret");
		const late = new Date(at.getTime() + 301_000);
		assert.equal(verifyWebhookSignature("whsec_test", header, '{"a":1}', late), false, "replayed late");
	});
});
