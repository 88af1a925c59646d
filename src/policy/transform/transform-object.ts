// The single-object form for the egress gate: one object, its treatments, the released copy or why it is withheld.

import type { StixObject } from "../../stix/core.ts";
import type { AppliedTreatment } from "../model.ts";
import { type TransformContext, transformBundle } from "./bundle.ts";

export type TransformedObject =
	| { kind: "released"; object: StixObject }
	| { kind: "withheld"; reason: string };

/**
 * The released copy of one object: the same pipeline as `transformBundle` over a bundle of one.
 * An observable gets its new id here too; but references *from* this object to other observables
 * are not rewritten (they are not in view), so a gate releasing objects that reference transformed
 * observables must transform them together with `transformBundle`.
 * @example
 * const out = transformObject(ip, [{ treatment: "generalise", objectType: "ipv4-addr", because: "victim IP" }], context);
 * // { kind: "released", object: { type: "ipv4-addr", id: "ipv4-addr--…", value: "198.51.100.0/24", x_entente_derivation: … } }
 */
export function transformObject(
	object: StixObject,
	treatments: readonly AppliedTreatment[],
	context: TransformContext,
): TransformedObject {
	const out = transformBundle([object], new Map([[object.id, treatments]]), context);
	const released = out.objects[0];
	if (released !== undefined) return { kind: "released", object: released };
	return { kind: "withheld", reason: out.reasons.get(object.id) ?? "withheld" };
}
