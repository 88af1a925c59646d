// Upgrades STIX 2.0 objects to STIX 2.1 (STIX 2.1 "changes from 2.0"), recording every change made.
import type { StixObject } from "../core.ts";
import { isNewSco, isStix20, STIX21_SCO_TYPES } from "./detect.ts";
import { convertObservables } from "./observables.ts";

/** In 2.0 these types kept their type vocabulary in `labels`; 2.1 renamed it. */
const LABEL_TARGETS: Readonly<Record<string, string>> = {
	indicator: "indicator_types",
	malware: "malware_types",
	tool: "tool_types",
	"threat-actor": "threat_actor_types",
	report: "report_types",
};

/** The upgraded object, SCOs minted from an observed-data `objects` dictionary, and what changed. */
export interface UpgradeResult {
	readonly object: StixObject;
	/** SCOs that the upgraded observed-data now points to with `object_refs`; empty otherwise. */
	readonly related: readonly StixObject[];
	/** One short line per change, e.g. "indicator: labels → indicator_types". */
	readonly changes: readonly string[];
}

/**
 * Upgrades one STIX 2.0 object to 2.1. Never mutates its input. Custom types and `x_` properties
 * pass through; custom objects get `spec_version` like every non-SCO object in 2.1.
 * @example upgradeObject({ type: "malware", id: "malware--…", labels: ["trojan"], … }).object.malware_types // ["trojan"]
 */
export function upgradeObject(object20: Readonly<Record<string, unknown>>): UpgradeResult {
	const type = String(object20.type);
	const object: Record<string, unknown> = { type, spec_version: "2.1", ...object20 };
	const changes: string[] = [];
	let related: StixObject[] = [];
	if (STIX21_SCO_TYPES.has(type) || isNewSco(object20)) {
		// a top-level SCO in 2.0 content is unusual, a new-sco extension a 2.1 one; its spec_version stays optional
		if (object20.spec_version === undefined) delete object.spec_version;
		return { object: object as StixObject, related, changes };
	}
	if (object20.spec_version !== "2.1") {
		object.spec_version = "2.1";
		changes.push("add spec_version 2.1");
	}
	const target = LABEL_TARGETS[type];
	if (target !== undefined && Array.isArray(object20.labels) && object[target] === undefined) {
		object[target] = object20.labels;
		delete object.labels;
		changes.push(`${type}: labels → ${target}`);
	}
	if (type === "indicator") {
		if (object.pattern_type === undefined) {
			object.pattern_type = "stix";
			changes.push("indicator: add pattern_type stix");
		}
		if (object.valid_from === undefined && typeof object.created === "string") {
			object.valid_from = object.created;
			changes.push("indicator: valid_from ← created");
		}
	} else if (type === "malware" && object.is_family === undefined) {
		object.is_family = true;
		changes.push("malware: add is_family true");
	} else if (type === "observed-data" && isDictionary(object20.objects) && object.object_refs === undefined) {
		const converted = convertObservables(String(object20.id), object20.objects);
		delete object.objects;
		object.object_refs = converted.objectRefs;
		related = converted.scos;
		changes.push(...converted.changes);
	}
	return { object: object as StixObject, related, changes };
}

/** Objects after an upgrade, in order (minted SCOs right after their observed-data), with change counts. */
export interface UpgradeSummary {
	readonly objects: StixObject[];
	/** How many objects each change applied to, e.g. "malware: add is_family true" → 696. */
	readonly changes: ReadonlyMap<string, number>;
	readonly upgraded: number;
}

/**
 * Upgrades the 2.0 objects among `objects` and passes 2.1 objects through, e.g. a bundle's content.
 * @param bundleSpecVersion the bundle's `spec_version` ("2.0" on STIX 2.0 bundles), when known
 */
export function upgradeObjects(
	objects: Iterable<Readonly<Record<string, unknown>>>,
	bundleSpecVersion?: string,
): UpgradeSummary {
	const out: StixObject[] = [];
	const changes = new Map<string, number>();
	let upgraded = 0;
	for (const object of objects) {
		if (!isStix20(object, bundleSpecVersion)) {
			out.push(object as StixObject);
			continue;
		}
		const result = upgradeObject(object);
		upgraded++;
		out.push(result.object, ...result.related);
		for (const change of result.changes) changes.set(change, (changes.get(change) ?? 0) + 1);
	}
	return { objects: out, changes, upgraded };
}

function isDictionary(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}
