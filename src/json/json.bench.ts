// Benchmark: parseJson and readBundle against bare JSON.parse on ATT&CK Enterprise (37 MB); prints ratios.
import { readFileSync } from "node:fs";
import { sharedData } from "../../test/support/shared-data.ts";
import { parseJson, readBundle } from "./index.ts";

const bytes = readFileSync(sharedData("stix20", "attack", "enterprise-attack-assembled.json"));

async function best(run: () => unknown, rounds = 7): Promise<number> {
	let fastest = Number.POSITIVE_INFINITY;
	for (let round = 0; round < rounds; round++) {
		const start = performance.now();
		await run();
		fastest = Math.min(fastest, performance.now() - start);
	}
	return fastest;
}

function chunks(size: number): Uint8Array[] {
	const out: Uint8Array[] = [];
	for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
	return out;
}

async function stream(size: number): Promise<void> {
	for await (const item of readBundle(chunks(size)).objects) if ("error" in item) throw item.error;
}

const text = bytes.toString("utf8");
const floorText = await best(() => JSON.parse(text));
const floorBytes = await best(() => JSON.parse(new TextDecoder().decode(bytes)));
const parse = await best(() => parseJson(bytes));
const stream64k = await best(() => stream(64 * 1024));
const stream1m = await best(() => stream(1024 * 1024));
const report = (name: string, ms: number): void =>
	console.log(
		`${name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms  ×${(ms / floorBytes).toFixed(2)} of decode+parse  ×${(ms / floorText).toFixed(2)} of parse(string)`,
	);
report("JSON.parse(string)", floorText);
report("JSON.parse(decode(bytes))", floorBytes);
report("parseJson(bytes)", parse);
report("readBundle, 64 KiB chunks", stream64k);
report("readBundle, 1 MiB chunks", stream1m);
