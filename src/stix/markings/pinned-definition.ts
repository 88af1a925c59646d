// The pinned marking ids mean what their specification says: the only content accepted under one of them.
import { canonicalJson } from "../ids/index.ts";
import { classifyMarking } from "./catalogue.ts";
import { HANDLING_DEFINITIONS } from "./handling.ts";
import type { MarkingDefinition } from "./known-marking.ts";
import { PAP_EXTENSION_ID } from "./pap.ts";
import { TLP1_DEFINITIONS } from "./tlp1.ts";
import { TLP2_DEFINITIONS } from "./tlp2.ts";

/** The definition objects pinned in code, by id: TLP 1.0 (§7.2.1.4), TLP 2.0 (FIRST's), handling codes. */
const PINNED_OBJECTS: ReadonlyMap<string, MarkingDefinition> = new Map(
	[
		...Object.values(TLP1_DEFINITIONS),
		...Object.values(TLP2_DEFINITIONS),
		...Object.values(HANDLING_DEFINITIONS),
	].map((definition) => [definition.id, definition]),
);
const PINNED_CANONICAL: ReadonlyMap<string, string> = new Map(
	[...PINNED_OBJECTS].map(([id, definition]) => [id, canonicalJson(definition)]),
);

/** Whether a marking-definition object under a pinned id may be stored, and why not. */
export type PinnedDefinitionCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Checks a marking-definition object whose id is pinned (TLP 1.0 and 2.0, PAP, handling codes): only the
 * specification's own definition is accepted under such an id, whatever form other content takes (a
 * `definition_type: tlp` object, the TLP 2.0 extension, a statement). A pinned object is accepted only
 * with its exact content (key order aside); a PAP id needs the PAP extension at its own level. Undefined
 * when the id is not pinned.
 * @example checkPinnedDefinition({ ...TLP2_DEFINITIONS.red, name: "TLP:CLEAR" }) // → { ok: false, reason: … }
 */
export function checkPinnedDefinition(
	object: Readonly<Record<string, unknown>>,
): PinnedDefinitionCheck | undefined {
	const id = object.id;
	if (typeof id !== "string") return undefined;
	const pinned = classifyMarking(id);
	if (pinned === undefined) return undefined;
	const refused: PinnedDefinitionCheck = {
		ok: false,
		reason: `${id} is ${pinned.name}'s fixed id: only the specification's definition of ${pinned.name} is accepted under it, not other content`,
	};
	const definition = PINNED_OBJECTS.get(id);
	if (definition === undefined) {
		// PAP: no object is pinned; the extension must say this id's own level.
		const pap = isRecord(object.extensions) ? object.extensions[PAP_EXTENSION_ID] : undefined;
		const level = isRecord(pap) ? pap.pap : undefined;
		const claimed =
			typeof level === "string" && level.toLowerCase() === pinned.level && object.definition === undefined;
		return claimed ? { ok: true } : refused;
	}
	return canonicalJson(object) === PINNED_CANONICAL.get(id) ? { ok: true } : refused;
}
