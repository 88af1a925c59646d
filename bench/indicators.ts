// A deterministic generator of STIX 2.1 indicator bundles, as byte chunks, for benchmarks and crash tests.

const TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const IDENTITY = "identity--4d8a5f2e-1c3b-4e6f-9a7d-2b5c8e1f0a3d";

/** A small PRNG (mulberry32) so every run generates the same objects. */
export function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function uuid4(next: () => number): string {
	const hex: string[] = [];
	for (let i = 0; i < 16; i++)
		hex.push(
			Math.floor(next() * 256)
				.toString(16)
				.padStart(2, "0"),
		);
	hex[6] = `4${(hex[6] ?? "00")[1]}`;
	hex[8] = ((Number.parseInt(hex[8] ?? "00", 16) & 0x3f) | 0x80).toString(16);
	const s = hex.join("");
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The i-th indicator of the deterministic sequence with the given seed. */
export function makeIndicator(next: () => number, i: number): Record<string, unknown> {
	const ip = `${10 + (i >>> 24)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
	const seconds = String(i % 60).padStart(2, "0");
	const created = `2026-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${seconds}.000Z`;
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${uuid4(next)}`,
		created,
		modified: created,
		created_by_ref: IDENTITY,
		name: `C2 server ${ip}`,
		indicator_types: ["malicious-activity"],
		pattern: `[ipv4-addr:value = '${ip}']`,
		pattern_type: "stix",
		valid_from: created,
		confidence: Math.floor(next() * 100),
		labels: ["botnet"],
		object_marking_refs: [TLP_GREEN],
	};
}

/** Yields a STIX bundle of `count` indicators as UTF-8 chunks of about 1 MiB. */
export async function* indicatorBundle(count: number, seed = 42): AsyncGenerator<Uint8Array> {
	const encoder = new TextEncoder();
	const next = random(seed);
	let text = `{"type":"bundle","id":"bundle--${uuid4(next)}","objects":[`;
	for (let i = 0; i < count; i++) {
		text += (i === 0 ? "" : ",") + JSON.stringify(makeIndicator(next, i));
		if (text.length >= 1 << 20) {
			yield encoder.encode(text);
			text = "";
		}
	}
	yield encoder.encode(`${text}]}`);
}
