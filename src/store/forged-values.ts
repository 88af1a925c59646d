// An observable's id names one value (D31, "forged values"): a statement of another value under another
// contributor's id is quarantined, unless its id is derived from its own value (STIX 2.1 §2.9).
import { scoId, scoValue } from "../stix/ids/index.ts";

type Statement = Readonly<Record<string, unknown>> & { type: string; id: string };

/** The value an id names so far: a derived statement's, else the earliest's (D31). */
export interface NamedValue {
	value: string;
	derived: boolean;
}

/**
 * Folds one more stored statement (given in commit order) into the value its id names: the first derived
 * statement's value wins over the earliest non-derived one; undefined while no statement states a value.
 */
export function foldNamedValue(named: NamedValue | undefined, statement: Statement): NamedValue | undefined {
	const value = scoValue(statement);
	if (value === undefined) return named;
	const derived = scoId(statement) === statement.id;
	if (named === undefined || (derived && !named.derived)) return { value, derived };
	return named;
}

/**
 * Why a contributor's new statement is quarantined as a forged value, or undefined when it may be stored:
 * it is not derived from its value and states another value than the one other contributors' statements of
 * its id name.
 */
export function forgedValueReason(statement: Statement, named: NamedValue | undefined): string | undefined {
	if (named === undefined) return undefined;
	const value = scoValue(statement);
	if (value === undefined || value === named.value || scoId(statement) === statement.id) return undefined;
	return (
		`another contributor stated a different value under ${statement.id}: an observable's id names one value, ` +
		"so a statement of another value under it is not stored; use the id derived from the value (STIX 2.1 §2.9) " +
		"or the same value"
	);
}
