// misp-import: 1,000 synthetic MISP events × 100 attributes through `entente import`'s path into SQLite —
// attributes/s against JSON.parse + one INSERT per attribute, each in its own process (D53).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { mispToStix } from "../../src/misp/index.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";
import { mispEvents } from "../misp-events.ts";

interface ChildResult {
	ms: number;
	attributes: number;
	objects: number;
	maxRssBytes: number;
}

function runChild(mode: "ours" | "indicators" | "floor", events: number, attributes: number): ChildResult {
	const output = execFileSync(
		process.execPath,
		[join(import.meta.dirname, "misp-import-child.ts"), mode, String(events), String(attributes)],
		{ encoding: "utf8", maxBuffer: 1 << 20 },
	);
	return JSON.parse(output) as ChildResult;
}

export const mispImport: Workload = {
	name: "misp-import",
	async run(): Promise<BenchRow[]> {
		const events = Number(process.env.BENCH_MISP_EVENTS ?? 1_000);
		const attributes = Number(process.env.BENCH_MISP_ATTRIBUTES ?? 100);
		const floor = runChild("floor", events, attributes);
		const ours = runChild("ours", events, attributes);
		const lean = runChild("indicators", events, attributes);
		const rate = (result: ChildResult): number => (result.attributes / result.ms) * 1000;
		const converted = await conversionRates(Math.min(events, 200), attributes);
		return [
			{
				name: `misp-import: ${events.toLocaleString("en")} events × ${attributes} attributes → SQLite`,
				value: rate(ours),
				unit: "attributes/s",
				floor: rate(floor),
				floorName: "JSON.parse + INSERT/attribute",
				ratio: rate(floor) / rate(ours),
				target: "≥ 20,000 attributes/s",
				notes:
					`${ours.objects.toLocaleString("en")} STIX objects stored (${(ours.objects / ours.attributes).toFixed(1)} per ` +
					`attribute); peak RSS ${Math.round(ours.maxRssBytes / 2 ** 20)} MiB`,
			},
			{
				name: `misp-import --misp-indicators-only: ${events.toLocaleString("en")} events × ${attributes} attributes`,
				value: rate(lean),
				unit: "attributes/s",
				floor: rate(floor),
				floorName: "JSON.parse + INSERT/attribute",
				ratio: rate(floor) / rate(lean),
				target: "≥ 20,000 attributes/s",
				notes: `${lean.objects.toLocaleString("en")} STIX objects stored (${(lean.objects / lean.attributes).toFixed(1)} per attribute)`,
			},
			{
				name: "misp-import: conversion alone (JSON.parse + mispToStix, nothing stored)",
				value: converted.ours,
				unit: "attributes/s",
				floor: converted.floor,
				floorName: "JSON.parse of the same events",
				ratio: converted.floor / converted.ours,
				target: "(what the row above spends outside ingest)",
			},
		];
	},
};

/** Attributes/s of parsing and converting `events` events in this process, and of parsing alone: best of 3. */
async function conversionRates(events: number, attributes: number): Promise<{ ours: number; floor: number }> {
	const text = JSON.stringify(mispEvents(events, attributes));
	const total = events * attributes;
	const parse = () => JSON.parse(text) as Record<string, unknown>[];
	const floorMs = await bestOf(
		3,
		() => undefined,
		() => void parse(),
	);
	const oursMs = await bestOf(
		3,
		() => undefined,
		() => void parse().map((event) => mispToStix(event)),
	);
	return { floor: (total / floorMs) * 1000, ours: (total / oursMs) * 1000 };
}
