// Bulk matching: many values at once against the index, chunk by chunk, yielding to the event loop between chunks
// so one long list never stops a node from answering others. The caller's `Release` puts every id through the gate.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Observable } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ObservableIndex, Relation } from "./index/observable-index.ts";
import {
	type Candidate,
	candidatesOf,
	type MatchInput,
	observableOfInput,
	PatternBudget,
	type Release,
	ReleasedValues,
	releasedCandidates,
	TOO_COMMON,
} from "./match.ts";
import type { WarninglistHit } from "./warninglists/index.ts";

/** One released object matching a value, as a bulk answer lists it. */
export interface MatchHit {
	id: string;
	type: string;
	relation: Relation;
	via: Observable;
	name?: string;
	source: string | null;
	markings: string[];
	confidence?: number;
	revoked?: boolean;
	validUntil?: string;
}

/** The answer for one value: its normal form (or why it is none) and the released objects matching it. */
export interface MatchRow {
	input: string;
	observable?: Observable;
	error?: string;
	/** Named by more objects than TOO_COMMON (the raw count as a yes/no only): flagged, still answered. */
	tooCommon?: true;
	/** The warninglists the value is on (D50), when the caller gave `warninglists`: flagged, still matched. */
	warninglists?: WarninglistHit[];
	/** The request's pattern budget was spent before this value was tested against the patterns (D48 addendum). */
	patternsSkipped?: true;
	total: number;
	matches: MatchHit[];
}

export interface BulkMatchOptions {
	/** Also related values (CIDR containment, parent domains, one file's hashes); exact only when false. */
	related: boolean;
	/** Matches listed per value; `total` counts all the released candidates. */
	listed: number;
	/** Candidates asked of the index per relation per value. */
	candidates?: number;
	/** Values per chunk (between two turns of the event loop). */
	chunk?: number;
	/**
	 * The warninglists a value in normal form is on (`Warninglists.hits`, refreshed once by the caller): each row
	 * with a hit says which lists, and is matched all the same — a warninglist flags a value, never drops it.
	 */
	warninglists?: (o: Observable) => readonly WarninglistHit[];
	/** Pattern steps the whole request may spend (default PATTERN_STEPS_PER_REQUEST; 0: no pattern matching). */
	patternSteps?: number;
}

const DEFAULT_CANDIDATES = 100;
const DEFAULT_CHUNK = 2000;
/** Released copies kept between chunks; a log stream's cache is dropped past this and rebuilt as needed. */
const RELEASED_CACHE = 100_000;
/** Answers kept per distinct input between chunks, dropped past this like the released copies. */
const ANSWERED_CACHE = 100_000;
/** Pattern steps spent within a chunk before the event loop turns (a chunk of costly values yields midway). */
const PATTERN_STEPS_PER_TURN = 1_000_000;

/**
 * Matches `inputs` in order, yielding the rows of each chunk as soon as it is done. Values that do not parse get a
 * row with `error`; they never fail the others. Between chunks the event loop turns.
 * @example for await (const rows of matchValues(index, ["1.2.3.4", "evil[.]com"], release, { related: true, listed: 20 })) …
 */
export async function* matchValues(
	index: ObservableIndex,
	inputs: Iterable<MatchInput> | AsyncIterable<MatchInput>,
	release: Release,
	options: BulkMatchOptions,
): AsyncGenerator<MatchRow[]> {
	const chunkSize = options.chunk ?? DEFAULT_CHUNK;
	const state: RequestState = {
		released: new Map(),
		values: new ReleasedValues(),
		patterns: new PatternBudget(options.patternSteps),
		answered: new Map(),
	};
	let chunk: MatchInput[] = [];
	for await (const input of inputs) {
		chunk.push(input);
		if (chunk.length < chunkSize) continue;
		yield await matchChunk(index, chunk, release, state, options);
		chunk = [];
		if (state.released.size > RELEASED_CACHE) state.released.clear();
		if (state.answered.size > ANSWERED_CACHE) state.answered.clear();
		await nextTurn();
	}
	if (chunk.length > 0) yield await matchChunk(index, chunk, release, state, options);
}

/** What one request carries from chunk to chunk. */
interface RequestState {
	released: Map<string, StixObject>;
	values: ReleasedValues;
	patterns: PatternBudget;
	/**
	 * Rows already answered in this request, by input (inputKey): a log repeats its values, and one value asked twice
	 * by one viewer in one request has one answer (the same released copies), so it is recognised, looked up,
	 * confirmed on the copies and listed once.
	 */
	answered: Map<string, MatchRow>;
}

/** The key an input is answered under: the text itself, or its kind and text when the kind is given. */
function inputKey(input: MatchInput): string {
	return typeof input === "string" ? input : `${input.kind}\u0000${input.value}`;
}

/** The chunk's rows in order: each distinct input matched once (answerChunk), repeats answered from the request's rows. */
async function matchChunk(
	index: ObservableIndex,
	inputs: readonly MatchInput[],
	release: Release,
	state: RequestState,
	options: BulkMatchOptions,
): Promise<MatchRow[]> {
	const fresh = new Map<string, MatchInput>();
	for (const input of inputs) {
		const key = inputKey(input);
		if (!state.answered.has(key)) fresh.set(key, input);
	}
	const rows = await answerChunk(index, [...fresh.values()], release, state, options);
	[...fresh.keys()].forEach((key, i) => {
		state.answered.set(key, rows[i] as MatchRow);
	});
	// A repeat gets its own row and list of hits (callers may decorate them); the hits themselves are shared.
	return inputs.map((input) => {
		const row = state.answered.get(inputKey(input)) as MatchRow;
		return { ...row, matches: row.matches.slice() };
	});
}

async function answerChunk(
	index: ObservableIndex,
	inputs: readonly MatchInput[],
	release: Release,
	{ released, values, patterns }: RequestState,
	options: BulkMatchOptions,
): Promise<MatchRow[]> {
	const limit = options.candidates ?? DEFAULT_CANDIDATES;
	const parsed: {
		input: MatchInput;
		observable: Observable | { error: string };
		candidates: Candidate[];
		skipped: boolean;
	}[] = [];
	let turn = patterns.left;
	for (const input of inputs) {
		const observable = observableOfInput(input);
		const skipped = patterns.spent;
		const candidates: Candidate[] =
			"error" in observable
				? []
				: candidatesOf(index, observable, { related: options.related, limit, patterns });
		parsed.push({ input, observable, candidates, skipped });
		if (turn - patterns.left >= PATTERN_STEPS_PER_TURN) {
			turn = patterns.left;
			await nextTurn();
		}
	}
	const unseen = new Set<string>();
	for (const { candidates } of parsed) for (const { id } of candidates) if (!released.has(id)) unseen.add(id);
	if (unseen.size > 0) for (const [id, object] of await release([...unseen])) released.set(id, object);
	return parsed.map(({ input, observable, candidates, skipped }) => {
		const text = typeof input === "string" ? input : input.value;
		if ("error" in observable) return { input: text, error: observable.error, total: 0, matches: [] };
		const hits = releasedCandidates(candidates, released, values);
		const listed = options.warninglists?.(observable) ?? [];
		return {
			input: text,
			observable,
			...(index.count(observable) > TOO_COMMON ? { tooCommon: true as const } : {}),
			...(listed.length === 0 ? {} : { warninglists: listed.map((hit) => ({ ...hit })) }),
			...(skipped ? { patternsSkipped: true as const } : {}),
			total: hits.length,
			matches: hits.slice(0, options.listed).map(({ object, relation, via }) => hitOf(object, relation, via)),
		};
	});
}

function hitOf(object: StixObject, relation: Relation, via: Observable): MatchHit {
	const hit: MatchHit = {
		id: object.id,
		type: object.type,
		relation,
		via,
		source: object.created_by_ref ?? null,
		markings: object.object_marking_refs ?? [],
	};
	if (typeof object.name === "string") hit.name = object.name;
	if (typeof object.confidence === "number") hit.confidence = object.confidence;
	if (object.revoked === true) hit.revoked = true;
	if (typeof object.valid_until === "string") hit.validUntil = object.valid_until;
	return hit;
}
