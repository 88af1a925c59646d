// Every MISP attribute value of a matching type in the shared public data normalises, and stays put when
// normalised again: real values, not ours (../shared/data/misp: CERT-FR's feed and MISP's own test events).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { ObservableKind } from "./kinds.ts";
import { tryNormalise } from "./normalise.ts";

const DATA = fileURLToPath(new URL("../../../shared/data/misp/", import.meta.url));

/** MISP attribute types whose value is one observable (composite `a|b` types give each part its kind). */
const KIND_OF_MISP_TYPE: Readonly<Record<string, ObservableKind>> = {
	AS: "asn",
	domain: "domain",
	hostname: "domain",
	"ip-src": "ipv4",
	"ip-dst": "ipv4",
	url: "url",
	link: "url",
	email: "email",
	"email-src": "email",
	"email-dst": "email",
	"email-reply-to": "email",
	"target-email": "email",
	md5: "md5",
	sha1: "sha1",
	sha256: "sha256",
	sha512: "sha512",
	"x509-fingerprint-md5": "md5",
	"x509-fingerprint-sha1": "sha1",
	"x509-fingerprint-sha256": "sha256",
	ssdeep: "ssdeep",
	tlsh: "tlsh",
	filename: "filename",
	mutex: "mutex",
	regkey: "registry-key",
	"user-agent": "user-agent",
	"ja3-fingerprint-md5": "ja3",
	btc: "wallet",
};

/**
 * Values broken upstream, refused as they should be: MISP's STIX-to-MISP examples carry pattern residue
 * ("8.8.8.8')") and a list where one address belongs.
 */
const BROKEN_UPSTREAM: ReadonlySet<string> = new Set([
	"8.8.8.8')",
	"149.13.33.14')",
	"circl.lu')",
	"contact@afp.fr; contact@afp.us",
]);

interface Attribute {
	file: string;
	type: string;
	value: string;
}

function collect(dir: string, out: Attribute[]): void {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) collect(path, out);
		else if (entry.name.endsWith(".json")) visit(JSON.parse(readFileSync(path, "utf8")), entry.name, out);
	}
}

function visit(value: unknown, file: string, out: Attribute[]): void {
	if (Array.isArray(value)) for (const item of value) visit(item, file, out);
	else if (value !== null && typeof value === "object") {
		const o = value as Record<string, unknown>;
		const attribute = typeof o.category === "string" || typeof o.object_relation === "string";
		if (attribute && typeof o.type === "string" && typeof o.value === "string")
			out.push({ file, type: o.type, value: o.value });
		for (const child of Object.values(o)) visit(child, file, out);
	}
}

/** The (kind, value) pairs an attribute names: `filename|md5` is a filename and an md5; ip-* may be IPv6. */
function observablesOfAttribute(a: Attribute): [ObservableKind, string][] {
	const types = a.type.split("|");
	const values = types.length > 1 ? a.value.split("|") : [a.value];
	const found: [ObservableKind, string][] = [];
	types.forEach((type, i) => {
		let kind = KIND_OF_MISP_TYPE[type];
		const value = values[i];
		if (kind === undefined || value === undefined) return;
		if (kind === "ipv4" && value.includes(":")) kind = "ipv6";
		found.push([kind, value]);
	});
	return found;
}

describe("MISP attribute values", { skip: !existsSync(DATA) && `no shared data at ${DATA}` }, () => {
	const attributes: Attribute[] = [];
	if (existsSync(DATA)) collect(DATA, attributes);
	const pairs = attributes.flatMap((a) =>
		observablesOfAttribute(a).map(([kind, value]) => ({ ...a, kind, value })),
	);

	it("cover most observable kinds", () => {
		const kinds = new Set(pairs.map((p) => p.kind));
		assert.ok(pairs.length > 1500, `${pairs.length} values`);
		for (const kind of [
			"ipv4",
			"domain",
			"url",
			"email",
			"md5",
			"sha1",
			"sha256",
			"sha512",
			"ssdeep",
			"tlsh",
			"asn",
			"mutex",
			"registry-key",
			"filename",
			"wallet",
		] as const)
			assert.ok(kinds.has(kind), kind);
	});

	it("every value normalises, and its normal form is a fixed point", () => {
		const failures: string[] = [];
		for (const p of pairs) {
			if (BROKEN_UPSTREAM.has(p.value)) continue;
			const once = tryNormalise(p.kind, p.value);
			if ("error" in once) {
				failures.push(`${p.file} ${p.type}: ${once.error}`);
				continue;
			}
			const twice = tryNormalise(once.kind, once.value);
			if ("error" in twice || twice.value !== once.value)
				failures.push(`${p.file} ${p.type}: not idempotent: ${p.value}`);
		}
		assert.deepEqual(failures, []);
	});

	it("the values broken upstream are refused", () => {
		const broken = pairs.filter((p) => BROKEN_UPSTREAM.has(p.value));
		assert.ok(broken.length >= BROKEN_UPSTREAM.size);
		for (const p of broken) assert.ok("error" in tryNormalise(p.kind, p.value), p.value);
	});
});
