// Real feed values (../shared/data/feeds: abuse.ch Feodo, blocklist.de, Microsoft Sentinel IoC samples) normalise
// as the kind their feed declares, to fixed points, and classify names that kind without being told.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { classify } from "./classify.ts";
import type { ObservableKind } from "./kinds.ts";
import { tryNormalise } from "./normalise.ts";

const FEEDS = fileURLToPath(new URL("../../../shared/data/feeds/", import.meta.url));

/** Sentinel's type names to ours ("filepath" is left out: a path is a file name only in a loose sense). */
const SENTINEL_KINDS: Readonly<Record<string, ObservableKind>> = {
	sha256: "sha256",
	domainname: "domain",
	filename: "filename",
	ip: "ipv4",
	useragent: "user-agent",
};

interface Value {
	source: string;
	kind: ObservableKind;
	raw: string;
}

function ipKind(raw: string): ObservableKind {
	return raw.includes(":") ? "ipv6" : "ipv4";
}

function feedValues(): Value[] {
	const values: Value[] = [];
	const feodo = JSON.parse(
		readFileSync(join(FEEDS, "abusech-feodo-ipblocklist_recommended.json"), "utf8"),
	) as {
		ip_address: string;
		as_number: number;
	}[];
	for (const row of feodo) {
		values.push({ source: "feodo", kind: "ipv4", raw: row.ip_address });
		values.push({ source: "feodo", kind: "asn", raw: String(row.as_number) });
	}
	for (const line of readFileSync(join(FEEDS, "blocklist.de-all.txt"), "utf8").split("\n")) {
		if (line.trim() !== "") values.push({ source: "blocklist.de", kind: ipKind(line), raw: line });
	}
	const sentinel = join(FEEDS, "azure-sentinel");
	for (const file of readdirSync(sentinel)) {
		const [header, ...rows] = readFileSync(join(sentinel, file), "utf8")
			.replace(/^\uFEFF/, "")
			.split(/\r?\n/);
		const columns = (header ?? "").split(",");
		const valueAt = columns.findIndex((c) => c === "IoC" || c === "Indicator" || c === "IPAddress");
		const typeAt = columns.findIndex((c) => c === "Type" || c === "IndicatorType");
		for (const row of rows) {
			const cells = row.split(",");
			const raw = cells[valueAt];
			if (raw === undefined || raw.trim() === "") continue;
			const kind = typeAt === -1 ? ipKind(raw) : SENTINEL_KINDS[(cells[typeAt] ?? "").trim()];
			if (kind !== undefined) values.push({ source: file, kind: kind === "ipv4" ? ipKind(raw) : kind, raw });
		}
	}
	return values;
}

describe("feed values", { skip: !existsSync(FEEDS) && `no shared data at ${FEEDS}` }, () => {
	const values = existsSync(FEEDS) ? feedValues() : [];

	it("normalise as the kind the feed declares, to fixed points", () => {
		assert.ok(values.length > 20_000, `${values.length} values`);
		const failures: string[] = [];
		for (const v of values) {
			const once = tryNormalise(v.kind, v.raw);
			if ("error" in once) {
				failures.push(`${v.source}: ${once.error}`);
				continue;
			}
			const twice = tryNormalise(once.kind, once.value);
			if ("error" in twice || twice.value !== once.value) failures.push(`${v.source}: ${v.raw}`);
		}
		assert.deepEqual(failures, []);
	});

	it("are classified as that kind without being told (but for bare AS numbers and file names)", () => {
		const wrong: string[] = [];
		for (const v of values) {
			if (v.kind === "asn" || v.kind === "filename") continue;
			const guess = classify(v.raw);
			if (guess?.kind !== v.kind)
				wrong.push(`${v.source}: ${JSON.stringify(v.raw)} is ${v.kind}, classified ${guess?.kind}`);
		}
		assert.deepEqual(wrong, []);
	});
});
