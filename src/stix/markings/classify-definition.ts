// Recognises marking-definition objects seen in data, and flags look-alikes of TLP and PAP with wrong ids.

import type { ValidationIssue } from "../core.ts";
import { classifyMarking } from "./catalogue.ts";
import { IEP_EXTENSION_ID, type IepPolicy, validateIep } from "./iep.ts";
import type { KnownMarking } from "./known-marking.ts";
import { PAP_EXTENSION_ID } from "./pap.ts";
import { TLP2_EXTENSION_ID } from "./tlp2.ts";

/** What a marking-definition object is, as far as the node is concerned. */
export type MarkingDefinitionClass =
	| { readonly kind: "known"; readonly marking: KnownMarking }
	| { readonly kind: "statement"; readonly id: string; readonly statement: string }
	| {
			readonly kind: "iep";
			readonly id: string;
			readonly policy: IepPolicy | undefined;
			readonly issues: readonly ValidationIssue[];
	  }
	/** Looks like TLP or PAP but its id is not the pinned one, or its content contradicts its id: never trust it. */
	| { readonly kind: "suspicious"; readonly id: string; readonly reason: string }
	| { readonly kind: "unknown"; readonly id: string; readonly reason: string };

type Json = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Json =>
	typeof value === "object" && value !== null && !Array.isArray(value);

/** The TLP or PAP label an object's content claims, e.g. `TLP:AMBER+STRICT`, from any of its properties. */
function claimedLabel(object: Json): string | undefined {
	const definition = isRecord(object.definition) ? object.definition : {};
	if (object.definition_type === "tlp" && typeof definition.tlp === "string")
		return `TLP:${definition.tlp.toUpperCase()}`;
	const extensions = isRecord(object.extensions) ? object.extensions : {};
	const tlp2 = extensions[TLP2_EXTENSION_ID];
	if (isRecord(tlp2) && typeof tlp2.tlp_2_0 === "string") return `TLP:${tlp2.tlp_2_0.toUpperCase()}`;
	const pap = extensions[PAP_EXTENSION_ID];
	if (isRecord(pap) && typeof pap.pap === "string") return `PAP:${pap.pap.toUpperCase()}`;
	if (isRecord(pap)) return "PAP";
	if (typeof object.name === "string" && /^\s*(TLP|PAP)\s*:/i.test(object.name))
		return object.name.trim().toUpperCase().replace(/\s+/g, "");
	return undefined;
}

/**
 * Classifies a marking-definition object. A pinned id whose content agrees is `known`; TLP or PAP
 * content under any other id is `suspicious` (wrong TLP ids circulate in public data); statements
 * and IEP policies are recognised by content; anything else is `unknown` and must not be released.
 * @example classifyMarkingDefinition(tlpObjectWithWrongId).kind // → "suspicious"
 */
export function classifyMarkingDefinition(object: unknown): MarkingDefinitionClass {
	if (!isRecord(object) || typeof object.id !== "string")
		return { kind: "unknown", id: "", reason: "not an object with an id" };
	const id = object.id;
	if (object.type !== "marking-definition")
		return { kind: "unknown", id, reason: `type is ${JSON.stringify(object.type)}` };
	const claim = claimedLabel(object);
	const pinned = classifyMarking(id);
	if (pinned !== undefined) {
		if (
			claim !== undefined &&
			(pinned.kind === "tlp1" || pinned.kind === "tlp2" || pinned.kind === "pap") &&
			claim !== pinned.name
		) {
			const accepted = pinned.kind === "pap" && claim === "PAP";
			if (!accepted)
				return { kind: "suspicious", id, reason: `id of ${pinned.name} but content says ${claim}` };
		}
		return { kind: "known", marking: pinned };
	}
	if (claim !== undefined)
		return {
			kind: "suspicious",
			id,
			reason: `${claim} under an id that is not the pinned ${claim.slice(0, 3)} id`,
		};
	const extensions = isRecord(object.extensions) ? object.extensions : {};
	const iep = extensions[IEP_EXTENSION_ID];
	if (isRecord(iep)) {
		const { policy, issues } = validateIep(iep, `$.extensions["${IEP_EXTENSION_ID}"]`);
		return { kind: "iep", id, policy, issues };
	}
	const definition = isRecord(object.definition) ? object.definition : {};
	if (object.definition_type === "statement" && typeof definition.statement === "string") {
		return { kind: "statement", id, statement: definition.statement };
	}
	return { kind: "unknown", id, reason: "no recognised definition (TLP, PAP, IEP, statement)" };
}
