// Benchmark: upgrading ATT&CK Enterprise's 24,771 STIX 2.0 objects (target < 150 ms).
import { readFileSync } from "node:fs";
import { sharedData } from "../../../test/support/shared-data.ts";
import { upgradeObjects } from "./index.ts";

const bundle = JSON.parse(
	readFileSync(sharedData("stix20", "attack", "enterprise-attack-assembled.json"), "utf8"),
) as {
	spec_version: string;
	objects: Record<string, unknown>[];
};
let fastest = Number.POSITIVE_INFINITY;
for (let round = 0; round < 7; round++) {
	const start = performance.now();
	upgradeObjects(bundle.objects, bundle.spec_version);
	fastest = Math.min(fastest, performance.now() - start);
}
console.log(`upgradeObjects, ${bundle.objects.length} objects: ${fastest.toFixed(1)} ms`);
