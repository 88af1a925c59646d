// The shape of a marking the node understands: which family it belongs to and its level within it.

/** Marking families; each has its own rules in policy/. */
export const MARKING_KINDS = ["tlp1", "tlp2", "pap", "iep", "statement", "handling"] as const;
export type MarkingKind = (typeof MARKING_KINDS)[number];

/** A marking recognised by id (or, for IEP and statements, by content). */
export interface KnownMarking {
	readonly kind: MarkingKind;
	/** Lowercase level within the family: `amber+strict`, `clear`, `h2`; for statements and IEP, `statement`/`iep`. */
	readonly level: string;
	/** The marking-definition id, `marking-definition--…`. */
	readonly id: string;
	/** Display name, e.g. `TLP:AMBER+STRICT`, `PAP:GREEN`, `H2`. */
	readonly name: string;
}

/** A marking-definition object as pinned in code: only the properties that identify it. */
export interface MarkingDefinition {
	readonly type: "marking-definition";
	readonly spec_version: "2.1";
	readonly id: string;
	readonly created: string;
	readonly name: string;
	readonly definition_type?: string;
	readonly definition?: Readonly<Record<string, string>>;
	readonly extensions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
	readonly created_by_ref?: string;
}
