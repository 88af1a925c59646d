// A deterministic corpus of indicators, each with the SCO it names, with values shaped like real feeds: addresses and
// blocks (v4 and v6), domains under shared registrable domains, URLs, and files with three hashes.
import { createHash } from "node:crypto";
import { scoId } from "../src/stix/ids/index.ts";
import { random } from "./indicators.ts";

const IDENTITY = "identity--4d8a5f2e-1c3b-4e6f-9a7d-2b5c8e1f0a3d";
const TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const FAMILIES = ["Emotet", "QakBot", "Cobalt Strike", "IcedID", "AgentTesla", "Remcos", "AsyncRAT", "Lumma"];
const ROLES = ["C2 server", "payload host", "phishing site", "dropper", "exfiltration endpoint"];
const TLDS = ["com", "net", "org", "ru", "cn", "xyz", "top", "co.uk", "info", "io"];
const WORDS = ["login", "secure", "update", "cdn", "mail", "api", "portal", "files", "static", "auth"];

/** One generated indicator and the SCO it names. */
export interface CorpusPair {
	indicator: Record<string, unknown>;
	sco: Record<string, unknown>;
}

/** Registrable domains the sub-domains share (sub-domain lookups ask about these). */
export function baseDomain(n: number): string {
	return `${WORDS[n % WORDS.length]}-${(n * 2654435761) % 100_003}.${TLDS[n % TLDS.length]}`;
}

/** The `count` pairs in order, deterministically; `seed` varies the values. */
export function* corpus(count: number, seed = 7): Generator<CorpusPair> {
	const next = random(seed);
	const int = (n: number) => Math.floor(next() * n);
	for (let i = 0; i < count; i++) {
		const shape = next();
		const created = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
		const family = FAMILIES[int(FAMILIES.length)] as string;
		const role = ROLES[int(ROLES.length)] as string;
		const { sco, pattern } =
			shape < 0.4
				? ipv4Address(int)
				: shape < 0.45
					? ipv4Block(int)
					: shape < 0.5
						? ipv6Address(int)
						: shape < 0.75
							? domain(int)
							: shape < 0.85
								? url(int)
								: file(i, seed);
		yield {
			indicator: {
				type: "indicator",
				spec_version: "2.1",
				id: `indicator--${uuid(int)}`,
				created,
				modified: created,
				created_by_ref: IDENTITY,
				name: `${family} ${role}`,
				...(i % 10 === 0
					? { description: `${role} seen in a ${family} campaign against the finance sector` }
					: {}),
				indicator_types: ["malicious-activity"],
				pattern,
				pattern_type: "stix",
				valid_from: created,
				object_marking_refs: [TLP_GREEN],
			},
			sco,
		};
	}
}

type Int = (n: number) => number;

function quoted(value: string): string {
	return value.replaceAll("\\", "\\\\").replaceAll("'", "\\'");
}

function valueSco(type: string, value: string, path: string) {
	const sco = { type, spec_version: "2.1", id: scoId({ type, value }) as string, value };
	return { sco, pattern: `[${type}:${path} = '${quoted(value)}']` };
}

function ipv4Address(int: Int) {
	return valueSco("ipv4-addr", `${1 + int(222)}.${int(256)}.${int(256)}.${int(256)}`, "value");
}

function ipv4Block(int: Int) {
	const prefix = 16 + int(13);
	const address = (((1 + int(222)) << 24) | (int(256) << 16) | (int(256) << 8)) >>> 0;
	const network = (address & (0xffffffff << (32 - prefix))) >>> 0;
	const text = [network >>> 24, (network >>> 16) & 255, (network >>> 8) & 255, network & 255].join(".");
	return valueSco("ipv4-addr", `${text}/${prefix}`, "value");
}

function ipv6Address(int: Int) {
	return valueSco("ipv6-addr", `2001:db8:${int(65536).toString(16)}::${int(65536).toString(16)}`, "value");
}

function domain(int: Int) {
	const base = baseDomain(int(50_000));
	const host = int(4) === 0 ? base : `${WORDS[int(WORDS.length)]}${int(1000)}.${base}`;
	return valueSco("domain-name", host, "value");
}

function url(int: Int) {
	const host = `${WORDS[int(WORDS.length)]}.${baseDomain(int(50_000))}`;
	return valueSco("url", `http://${host}/${WORDS[int(WORDS.length)]}/${int(1_000_000)}.php`, "value");
}

function file(i: number, seed: number) {
	const content = `sample ${seed} ${i}`;
	const hashes = {
		MD5: createHash("md5").update(content).digest("hex"),
		"SHA-1": createHash("sha1").update(content).digest("hex"),
		"SHA-256": createHash("sha256").update(content).digest("hex"),
	};
	const sco = { type: "file", spec_version: "2.1", id: scoId({ type: "file", hashes }) as string, hashes };
	return {
		sco,
		pattern: `[file:hashes.'SHA-256' = '${hashes["SHA-256"]}' AND file:hashes.MD5 = '${hashes.MD5}']`,
	};
}

function uuid(int: Int): string {
	const hex = Array.from({ length: 32 }, () => int(16).toString(16));
	hex[12] = "4";
	hex[16] = (8 + int(4)).toString(16);
	const s = hex.join("");
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
