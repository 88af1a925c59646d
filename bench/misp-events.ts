// A deterministic generator of MISP events (as MISP writes them: { "Event": { … } }) for the misp-import benchmark.
import { random, uuid4 } from "./indicators.ts";

/**
 * The attribute mix, by weight, from what MISP feeds carry (CERT-FR's feed: mostly domains and IPs, then hashes
 * and file objects' parts, a few URLs, e-mail senders and free-text comments); about four in five are to_ids.
 */
const MIX: readonly { type: string; weight: number; toIds: number; value: (i: number) => string }[] = [
	{ type: "domain", weight: 30, toIds: 0.95, value: (i) => `host-${i.toString(36)}.example.com` },
	{
		type: "ip-dst",
		weight: 25,
		toIds: 0.95,
		value: (i) => `${10 + ((i >>> 16) & 200)}.${(i >>> 8) & 255}.${i & 255}.7`,
	},
	{ type: "ip-src", weight: 5, toIds: 0.9, value: (i) => `192.${(i >>> 8) & 255}.${i & 255}.9` },
	{ type: "sha256", weight: 10, toIds: 0.9, value: (i) => hex(i, 64) },
	{ type: "md5", weight: 6, toIds: 0.9, value: (i) => hex(i, 32) },
	{
		type: "url",
		weight: 8,
		toIds: 0.8,
		value: (i) => `https://cdn-${i.toString(36)}.example.net/p/${i}.php`,
	},
	{ type: "filename|sha1", weight: 4, toIds: 0.8, value: (i) => `dropper-${i}.exe|${hex(i, 40)}` },
	{ type: "email-src", weight: 3, toIds: 0.7, value: (i) => `sender${i}@mail.example.org` },
	{ type: "hostname", weight: 4, toIds: 0.9, value: (i) => `mx${i}.example.org` },
	{ type: "ip-dst|port", weight: 2, toIds: 0.9, value: (i) => `172.16.${(i >>> 8) & 255}.${i & 255}|443` },
	{ type: "comment", weight: 3, toIds: 0, value: (i) => `Observed in campaign wave ${i}` },
];
const TOTAL_WEIGHT = MIX.reduce((sum, entry) => sum + entry.weight, 0);

function hex(i: number, length: number): string {
	let text = "";
	let state = (i * 2654435761) >>> 0;
	while (text.length < length) {
		state = (Math.imul(state ^ (state >>> 13), 0x5bd1e995) + 0x6b43a9b5) >>> 0;
		text += state.toString(16).padStart(8, "0");
	}
	return text.slice(0, length);
}

/** The mix's entry at `point` (0 … TOTAL_WEIGHT) along the weights. */
function pickOf(point: number): (typeof MIX)[number] {
	let left = point;
	for (const entry of MIX) {
		left -= entry.weight;
		if (left < 0) return entry;
	}
	return MIX[MIX.length - 1] as (typeof MIX)[number];
}

/** `events` MISP events of `attributes` attributes each, deterministic for a seed. */
export function mispEvents(events: number, attributes: number, seed = 7): Record<string, unknown>[] {
	const next = random(seed);
	const orgc = { name: "Bench CERT", uuid: uuid4(next) };
	const made: Record<string, unknown>[] = [];
	let counter = 0;
	for (let e = 0; e < events; e++) {
		const timestamp = String(1_700_000_000 + e * 60);
		const list: Record<string, unknown>[] = [];
		for (let a = 0; a < attributes; a++) {
			const entry = pickOf(next() * TOTAL_WEIGHT);
			counter++;
			list.push({
				uuid: uuid4(next),
				type: entry.type,
				category: entry.type === "comment" ? "Other" : "Network activity",
				value: entry.value(counter),
				to_ids: next() < entry.toIds,
				comment: "",
				timestamp,
				deleted: false,
				disable_correlation: false,
			});
		}
		made.push({
			Event: {
				uuid: uuid4(next),
				info: `Bench event ${e}`,
				date: "2023-11-14",
				timestamp,
				published: e % 2 === 0,
				publish_timestamp: timestamp,
				threat_level_id: "2",
				analysis: "2",
				Orgc: orgc,
				Tag: [
					{ name: "tlp:green" },
					{ name: 'misp-galaxy:threat-actor="Bench Actor"' },
					{ name: 'osint:source-type="blog-post"' },
				],
				Attribute: list,
				Object: [],
			},
		});
	}
	return made;
}
