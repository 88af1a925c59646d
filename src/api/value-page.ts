// A value's page and an object's correlations, at query time (no table of pairs, issue 12 item 3): the index names
// the candidates, the gate releases them, and only copies that still name the value are listed and counted.
import {
	type Candidate,
	candidatesOf,
	countBySource,
	PatternBudget,
	type ReleasedCandidate,
	ReleasedValues,
	releasedCandidates,
	TOO_COMMON,
} from "../intel/index.ts";
import { type Observable, observableKey, observablesOf } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ApiViewer } from "./gate.ts";
import { type IndexedServices, indexed } from "./indexed.ts";
import { releaseIds } from "./released-ids.ts";
import type { ApiServices } from "./services.ts";
import type {
	Correlation,
	CorrelationsResult,
	ValuePage,
	WarninglistHitShape as WarninglistHit,
} from "./shapes/index.ts";
import { valueSightings } from "./value-sightings.ts";

/** Candidates released per value: counts past it are lower bounds (`complete: false`). */
const COUNTED = 500;
/** Values of one object correlated: an object naming thousands of values is listed by its first ones. */
const CORRELATED_VALUES = 200;

interface Counted {
	hits: ReleasedCandidate[];
	tooCommon: boolean;
	complete: boolean;
}

/**
 * The released objects naming `o` or a related value, and with `patterns` the indicators whose pattern `o`
 * satisfies, bounded; `exclude` leaves one id out (the object itself).
 */
async function releasedAround(
	services: IndexedServices,
	viewer: ApiViewer,
	o: Observable,
	options: { exclude?: string; values: ReleasedValues; patterns?: PatternBudget },
): Promise<Counted> {
	const all = candidatesOf(services.index, o, {
		related: true,
		limit: COUNTED,
		...(options.patterns === undefined ? {} : { patterns: options.patterns }),
	});
	const candidates: Candidate[] = all.filter((candidate) => candidate.id !== options.exclude);
	const counted = candidates.slice(0, COUNTED);
	const released = await releaseIds(
		services,
		viewer,
		counted.map((candidate) => candidate.id),
	);
	const copies = new Map([...released].map(([id, copy]) => [id, copy.object]));
	return {
		hits: releasedCandidates(counted, copies, options.values),
		// The raw count is used only as this yes/no (D48): it never reaches a number in the answer.
		tooCommon: services.index.count(o) > TOO_COMMON,
		complete: candidates.length <= COUNTED && all.length < COUNTED,
	};
}

function listed(hits: readonly ReleasedCandidate[], limit: number) {
	return hits.slice(0, limit).map(({ object, relation, via }) => ({ object, relation, via }));
}

/**
 * GET /values/{kind}/{value}: the released objects naming the value or a related one, grouped and counted; the
 * warninglists it is on (the node's reference data, no gate: D50); the sightings released to the viewer of the
 * released objects naming it exactly (D49).
 */
export async function valuePage(
	services: ApiServices,
	viewer: ApiViewer,
	o: Observable,
	limit: number,
): Promise<ValuePage> {
	const around = await indexed(services);
	const { hits, tooCommon, complete } = await releasedAround(around, viewer, o, {
		values: new ReleasedValues(),
		patterns: new PatternBudget(),
	});
	const byRelation: ValuePage["byRelation"] = {};
	for (const { relation } of hits) byRelation[relation] = (byRelation[relation] ?? 0) + 1;
	const exact = hits.filter((hit) => hit.relation === "exact").map((hit) => hit.object);
	return {
		observable: o,
		tooCommon,
		total: hits.length,
		complete,
		byRelation,
		bySource: countBySource(hits.map((hit) => hit.object)),
		objects: listed(hits, limit),
		warninglists: await warninglistsOf(services, o),
		sightings: await valueSightings(services, viewer, o, exact),
	};
}

/** The warninglists `o` is on, as the node's lists stand now (one refresh: another process may have loaded one). */
export async function warninglistsOf(services: ApiServices, o: Observable): Promise<WarninglistHit[]> {
	const warninglists = services.intel?.warninglists;
	if (warninglists === undefined) return [];
	await warninglists.refresh();
	return warninglists.hits(o).map((hit) => ({ ...hit }));
}

/**
 * GET /objects/{id}/correlations: for each value the released copy of the object names, the other released
 * objects naming it or a related value. The copy as released is read, not the stored object, so a pseudonymised
 * value correlates as its pseudonym does.
 */
export async function correlationsOf(
	services: IndexedServices,
	viewer: ApiViewer,
	copy: StixObject,
	limit: number,
): Promise<CorrelationsResult> {
	const values = new ReleasedValues();
	const seen = new Set<string>();
	const others = new Set<string>();
	const observables: Correlation[] = [];
	for (const found of observablesOf(copy)) {
		const o: Observable = { kind: found.kind, value: found.value };
		if (seen.has(observableKey(o))) continue;
		seen.add(observableKey(o));
		if (seen.size > CORRELATED_VALUES) break;
		const { hits, tooCommon, complete } = await releasedAround(services, viewer, o, {
			exclude: copy.id,
			values,
		});
		if (hits.length === 0) continue;
		for (const hit of hits) others.add(hit.id);
		observables.push({
			observable: o,
			tooCommon,
			total: hits.length,
			complete,
			bySource: countBySource(hits.map((hit) => hit.object)),
			objects: listed(hits, limit),
		});
	}
	return { id: copy.id, total: others.size, observables };
}
