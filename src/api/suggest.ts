// Suggestions as you type (GET /suggest): the index's values and names starting with what was typed, each kept only
// when an object released to the requester names it as released, so a suggestion never hints at a hidden object.
import { ReleasedValues } from "../intel/index.ts";
import { classify, type Observable, type ObservableKind } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ApiViewer } from "./gate.ts";
import type { IndexedServices } from "./indexed.ts";
import { releaseIds } from "./released-ids.ts";
import type { SuggestResult, WarninglistHitShape as WarninglistHit } from "./shapes/index.ts";

/** Suggestions asked of the index per one wanted: some will be of objects the requester may not see. */
const OVERASK = 3;
/** Objects checked per suggestion: one released copy naming it is enough. */
const PROOFS = 10;

interface Proposal {
	label: string;
	kind: ObservableKind | "name";
	ids: readonly string[];
}

/** The names a released copy goes by: its name and aliases, lower-cased. */
function namesOf(object: StixObject): string[] {
	const aliases = Array.isArray(object.aliases) ? object.aliases : [];
	return [object.name, ...aliases]
		.filter((name): name is string => typeof name === "string")
		.map((name) => name.toLowerCase());
}

/**
 * Up to `limit` suggestions for `q`, each named by an object released to `viewer`, as the index ranks them; when
 * `q` reads as a value, that value and the warninglists it is on (`warninglistsOf`: reference data, no gate).
 */
export async function suggest(
	services: IndexedServices,
	viewer: ApiViewer,
	q: string,
	limit: number,
	warninglistsOf: (o: Observable) => Promise<WarninglistHit[]> = async () => [],
): Promise<SuggestResult> {
	const proposals: Proposal[] = services.index.suggest(q, limit * OVERASK).map(({ label, kind }) => ({
		label,
		kind,
		ids:
			kind === "name"
				? services.index.search(label, { limit: PROOFS })
				: services.index.exact({ kind, value: label }).slice(0, PROOFS),
	}));
	const released = await releaseIds(services, viewer, [...new Set(proposals.flatMap((p) => p.ids))]);
	const values = new ReleasedValues();
	const shown = (proposal: Proposal, object: StixObject) =>
		proposal.kind === "name"
			? namesOf(object).includes(proposal.label.toLowerCase())
			: values.names(object, { kind: proposal.kind, value: proposal.label });
	const items = proposals
		.filter((proposal) =>
			proposal.ids.some((id) => {
				const copy = released.get(id);
				return copy !== undefined && shown(proposal, copy.object);
			}),
		)
		.slice(0, limit)
		.map(({ label, kind }) => ({ label, kind }));
	const value: Observable | undefined = classify(q);
	if (value === undefined) return { items };
	const listed = await warninglistsOf(value);
	return listed.length === 0 ? { value, items } : { value, warninglists: listed, items };
}
