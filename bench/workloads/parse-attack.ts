// Untrusted-JSON parsing and STIX 2.0 upgrade of ATT&CK Enterprise (37 MB) against bare JSON.parse.
import { readFileSync } from "node:fs";
import { parseJson, readBundle } from "../../src/json/index.ts";
import { upgradeObjects } from "../../src/stix/upgrade/index.ts";
import { sharedData } from "../../test/support/shared-data.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";

export const parseAttack: Workload = {
	name: "parse ATT&CK Enterprise",
	async run(): Promise<BenchRow[]> {
		const bytes = readFileSync(sharedData("stix20", "attack", "enterprise-attack-assembled.json"));
		const chunks: Uint8Array[] = [];
		for (let at = 0; at < bytes.length; at += 1 << 20) chunks.push(bytes.subarray(at, at + (1 << 20)));
		const none = (): undefined => undefined;
		const floor = await bestOf(5, none, () => {
			JSON.parse(new TextDecoder().decode(bytes));
		});
		const whole = await bestOf(5, none, () => {
			parseJson(bytes);
		});
		const streamed = await bestOf(5, none, async () => {
			for await (const item of readBundle(chunks).objects) if ("error" in item) throw item.error;
		});
		const bundle = JSON.parse(bytes.toString("utf8")) as {
			spec_version: string;
			objects: Record<string, unknown>[];
		};
		const upgrade = await bestOf(5, none, () => {
			upgradeObjects(bundle.objects, bundle.spec_version);
		});
		const floorName = "decode + JSON.parse";
		return [
			{
				name: "parseJson, 37 MB (limits, duplicate keys)",
				value: whole,
				unit: "ms",
				floor,
				floorName,
				ratio: whole / floor,
				target: "≤ 2.0×",
			},
			{
				name: "readBundle, 1 MiB chunks (streamed)",
				value: streamed,
				unit: "ms",
				floor,
				floorName,
				ratio: streamed / floor,
				target: "≤ 2.0×",
			},
			{
				name: "upgrade 24,771 objects 2.0 → 2.1",
				value: upgrade,
				unit: "ms",
				floor,
				floorName,
				ratio: upgrade / floor,
				target: "< 150 ms",
			},
		];
	},
};
