// Jurisdiction closure: a party under NL is also under every bloc that lists NL as a member (EU).
import type { Jurisdiction } from "../model.ts";

/**
 * Maps every jurisdiction code mentioned as a member or a bloc to itself plus every bloc above it,
 * transitively; cycles are tolerated. Codes no jurisdiction mentions close over themselves only.
 * @example closeJurisdictions(policy.jurisdictions)("NL") // → ["NL", "EU"]
 */
export function closeJurisdictions(
	jurisdictions: readonly Jurisdiction[],
): (code: string) => readonly string[] {
	const blocsOf = new Map<string, string[]>();
	for (const bloc of jurisdictions) {
		for (const member of bloc.members) {
			const blocs = blocsOf.get(member);
			if (blocs === undefined) blocsOf.set(member, [bloc.code]);
			else if (!blocs.includes(bloc.code)) blocs.push(bloc.code);
		}
	}
	const memo = new Map<string, readonly string[]>();
	return (code) => {
		const known = memo.get(code);
		if (known !== undefined) return known;
		const closure: string[] = [code];
		for (let i = 0; i < closure.length; i++) {
			for (const bloc of blocsOf.get(closure[i] ?? "") ?? []) if (!closure.includes(bloc)) closure.push(bloc);
		}
		const frozen = Object.freeze(closure);
		memo.set(code, frozen);
		return frozen;
	};
}
