// stixToMisp throughput (D54): 1,000 reports of 100 indicators each → 1,000 MISP events of 100 attributes, written as
// JSON, against a floor of JSON.stringify of the same STIX objects (what any export must at least do).

import { stixToMisp } from "../../src/misp/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";

const EVENTS = 1_000;
const PER_EVENT = 100;
const TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

function hex(n: number, length: number): string {
	return ((n * 2654435761) >>> 0)
		.toString(16)
		.padStart(8, "0")
		.repeat(Math.ceil(length / 8))
		.slice(0, length);
}

function uuid(n: number): string {
	const h = hex(n, 8) + n.toString(16).padStart(24, "0");
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A realistic mix of plain patterns: domains, addresses, URLs, hashes, a file name with its hash. */
function patternOf(n: number): string {
	switch (n % 5) {
		case 0:
			return `[domain-name:value = 'host${n}.evil${n % 97}.example']`;
		case 1:
			return `[ipv4-addr:value = '${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}.${n % 200}']`;
		case 2:
			return `[url:value = 'http://bad${n}.example/path/${n}']`;
		case 3:
			return `[file:hashes.'SHA-256' = '${hex(n, 64)}']`;
		default:
			return `[file:name = 'dropper${n}.exe' AND file:hashes.MD5 = '${hex(n, 32)}']`;
	}
}

function corpus(): StixObject[] {
	const objects: StixObject[] = [];
	const stamp = "2024-05-01T10:00:00.000Z";
	for (let e = 0; e < EVENTS; e++) {
		const refs: string[] = [];
		for (let i = 0; i < PER_EVENT; i++) {
			const n = e * PER_EVENT + i;
			const id = `indicator--${uuid(n + 1)}`;
			refs.push(id);
			objects.push({
				type: "indicator",
				spec_version: "2.1",
				id,
				created: stamp,
				modified: stamp,
				pattern: patternOf(n),
				pattern_type: "stix",
				valid_from: stamp,
				object_marking_refs: [TLP_AMBER],
				labels: ["malicious-activity"],
			});
		}
		objects.push({
			type: "report",
			spec_version: "2.1",
			id: `report--${uuid(10_000_000 + e)}`,
			created: stamp,
			modified: stamp,
			published: stamp,
			name: `Event ${e}`,
			object_refs: refs,
			object_marking_refs: [TLP_AMBER],
		});
	}
	return JSON.parse(JSON.stringify(objects));
}

export const mispExport: Workload = {
	name: "misp-export",
	async run(): Promise<BenchRow[]> {
		const objects = corpus();
		let sink = 0;
		const ours = await bestOf(
			3,
			() => undefined,
			() => {
				const { events } = stixToMisp(objects);
				for (const event of events) sink += JSON.stringify(event).length;
			},
		);
		const floor = await bestOf(
			3,
			() => undefined,
			() => {
				for (const object of objects) sink += JSON.stringify(object).length;
			},
		);
		if (sink === 0) throw new Error("benchmark sink is empty");
		const attributes = EVENTS * PER_EVENT;
		const value = (attributes / ours) * 1000;
		const floorValue = (attributes / floor) * 1000;
		return [
			{
				name: `misp-export: ${EVENTS.toLocaleString("en")} reports × ${PER_EVENT} indicators → MISP events as JSON`,
				value,
				unit: "attributes/s",
				floor: floorValue,
				floorName: "JSON.stringify of the same STIX objects",
				ratio: floorValue / value,
				target: "≥ 50,000/s",
			},
		];
	},
};
