// What the index-backed routes take and answer: suggestions, a value's page, an object's correlations, bulk matching.
// Every object, count and source in these answers is of released copies only (the gate's answer, D48).
import { z } from "zod";
import { OBSERVABLE_KINDS } from "../../observables/index.ts";
import { StixObject } from "./objects.ts";
import { PurposeParam, StixId } from "./requests.ts";
import { SightingsResult } from "./sightings.ts";
import { PURPOSES } from "./vocabulary.ts";
import { WarninglistHitShape } from "./warninglists.ts";

/** The most values one POST /match may carry; more is refused whole (413) with this number named. */
export const MAX_MATCH_VALUES = 100_000;
/** The largest POST /match body: 100,000 values of up to ~150 bytes each, as JSON. */
export const MAX_MATCH_BODY_BYTES = 16 * 1024 * 1024;
/** Matches listed per value in a bulk answer; `total` still counts every released one. */
export const MAX_MATCHES_PER_VALUE = 20;

/** The relations the index knows between a value and an object's value (intel/index), or its pattern (`pattern`). */
export const RELATIONS = [
	"exact",
	"within",
	"contains",
	"subdomain",
	"parent-domain",
	"same-file",
	"pattern",
] as const;

export const ObservableKindParam = z.enum(OBSERVABLE_KINDS).meta({
	description: "what a value is: `ipv4` (an address or a CIDR), `domain`, `sha256`, `url`, …",
});
export const ObservableShape = z
	.strictObject({ kind: ObservableKindParam, value: z.string() })
	.meta({ id: "Observable", description: "a value in its normal form: equal values are equal strings" });
export type ObservableShape = z.output<typeof ObservableShape>;

const relation = z.enum(RELATIONS).meta({
	description:
		"how the object's value relates to the one asked: the same value, an address or range `within` the range " +
		"asked, a range that `contains` it, a `subdomain` of it, a `parent-domain`, another hash of the `same-file`, " +
		"or an indicator whose `pattern` the value satisfies (LIKE, MATCHES, a range…; `via` is then the value asked)",
});

/** One object naming a value (or a related one), as released to the requester. */
export const ValueObject = z
	.strictObject({
		object: StixObject,
		relation,
		via: ObservableShape.meta({ description: "the value the released copy names" }),
	})
	.meta({ id: "ValueObject" });
export type ValueObject = z.output<typeof ValueObject>;

/** Released objects per source: the released copy's `created_by_ref` (`null`: no author stated). */
export const SourceCount = z
	.strictObject({ source: z.string().nullable(), count: z.number().int() })
	.meta({ id: "SourceCount" });
export type SourceCount = z.output<typeof SourceCount>;

const tooCommon = z.boolean().meta({
	description:
		"the value is named by more objects on this node than a value usually is (a shared resolver, a " +
		"sinkhole, an empty file): flagged, never hidden; counts are then of the first released ones only",
});
const complete = z.boolean().meta({
	description: "false when a bound stopped the count: `total` is then a lower bound",
});

export const SuggestQuery = z.strictObject({
	q: z.string().min(1).max(200).meta({ description: "what has been typed so far" }),
	limit: z.coerce.number().int().min(1).max(50).default(10),
	purpose: PurposeParam,
});
export type SuggestQuery = z.output<typeof SuggestQuery>;

export const SuggestItem = z
	.strictObject({
		label: z.string(),
		kind: z.union([ObservableKindParam, z.literal("name")]).meta({
			description: "a value's kind (open its page), or `name` (search for it)",
		}),
	})
	.meta({ id: "SuggestItem" });
export type SuggestItem = z.output<typeof SuggestItem>;

export const SuggestResult = z.strictObject({
	value: ObservableShape.optional().meta({
		description: "what was typed, when it already reads as a value (its page is one click away)",
	}),
	warninglists: z.array(WarninglistHitShape).optional().meta({
		description: "the warninglists `value` is on (D50), when any: flagged before its page is even opened",
	}),
	items: z.array(SuggestItem),
});
export type SuggestResult = z.output<typeof SuggestResult>;

export const FacetsQuery = z.strictObject({
	q: z.string().min(1).max(200).optional().meta({ description: "count only what GET /objects?q= finds" }),
	purpose: PurposeParam,
});
export type FacetsQuery = z.output<typeof FacetsQuery>;

export const ValueParams = z.strictObject({
	kind: ObservableKindParam,
	value: z.string().min(1).max(8192),
});
export type ValueParams = z.output<typeof ValueParams>;

export const ValueQuery = z.strictObject({
	limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "objects listed" }),
	purpose: PurposeParam,
});
export type ValueQuery = z.output<typeof ValueQuery>;

export const ClassifyQuery = z.strictObject({
	value: z.string().min(1).max(8192).meta({
		description: "a value as found (`evil[.]com`, `hxxps://…`, `1.2.3.0/24`): its kind is guessed",
	}),
	limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "objects listed" }),
	purpose: PurposeParam,
});
export type ClassifyQuery = z.output<typeof ClassifyQuery>;

/** Objects whose sightings a value's page reads at most (the first exact ones); past it `truncated`. */
export const MAX_SIGHTED_OBJECTS = 50;

/**
 * The sightings of a value: those released to the requester of the released objects naming it exactly (D49's
 * counts, timeline and score, over all of them), scored as the value (its kind's half-life).
 */
export const ValueSightings = SightingsResult.omit({ id: true })
	.extend({
		objects: z
			.number()
			.int()
			.meta({
				description: `released objects naming the value exactly whose sightings were read (at most ${MAX_SIGHTED_OBJECTS})`,
			}),
		truncated: z.boolean().meta({
			description:
				"more objects name the value, or more sightings are stored, than one answer reads: only those read count",
		}),
	})
	.meta({ id: "ValueSightings" });
export type ValueSightings = z.output<typeof ValueSightings>;

/** A value's page: where it appears, as released to the requester. */
export const ValuePage = z
	.strictObject({
		observable: ObservableShape,
		tooCommon,
		total: z.number().int().meta({ description: "released objects naming the value or a related one" }),
		complete,
		byRelation: z.partialRecord(relation, z.number().int()),
		bySource: z.array(SourceCount),
		objects: z.array(ValueObject).meta({ description: "exact matches first, then related ones" }),
		warninglists: z.array(WarninglistHitShape).meta({
			description: "the warninglists the value is on (D50; empty when none): flagged, never hidden",
		}),
		sightings: ValueSightings,
	})
	.meta({ id: "ValuePage" });
export type ValuePage = z.output<typeof ValuePage>;

export const CorrelationsQuery = z.strictObject({
	limit: z.coerce
		.number()
		.int()
		.min(1)
		.max(100)
		.default(20)
		.meta({ description: "objects listed per value" }),
	purpose: PurposeParam,
});
export type CorrelationsQuery = z.output<typeof CorrelationsQuery>;

export const Correlation = z
	.strictObject({
		observable: ObservableShape,
		tooCommon,
		total: z
			.number()
			.int()
			.meta({ description: "other released objects sharing this value or a related one" }),
		complete,
		bySource: z.array(SourceCount),
		objects: z.array(ValueObject),
	})
	.meta({ id: "Correlation" });
export type Correlation = z.output<typeof Correlation>;

export const CorrelationsResult = z.strictObject({
	id: StixId,
	total: z.number().int().meta({ description: "distinct other released objects sharing any value" }),
	observables: z.array(Correlation).meta({
		description:
			"each value the released copy names, with the other objects naming it (values none share left out)",
	}),
});
export type CorrelationsResult = z.output<typeof CorrelationsResult>;

const matchValue = z.union([
	z.string().meta({ description: "a value as found; its kind is guessed (refanged first)" }),
	z.strictObject({ kind: ObservableKindParam, value: z.string() }),
]);

export const MatchBody = z
	.strictObject({
		values: z
			.array(matchValue)
			.max(MAX_MATCH_VALUES, `at most ${MAX_MATCH_VALUES} values per request; split the list`),
		related: z.boolean().optional().meta({
			description: "also match related values (CIDR containment, parent domains); default true",
		}),
		purpose: z.enum(PURPOSES).optional().meta({ description: "why you ask (default network-defence)" }),
	})
	.meta({ id: "MatchBody" });
export type MatchBody = z.input<typeof MatchBody>;

export const MatchHit = z
	.strictObject({
		id: z.string(),
		type: z.string(),
		relation,
		via: ObservableShape,
		name: z.string().optional(),
		source: z.string().nullable().meta({ description: "the released copy's `created_by_ref`" }),
		markings: z.array(z.string()).meta({ description: "the released copy's `object_marking_refs`" }),
		confidence: z.number().optional(),
		revoked: z.boolean().optional(),
		validUntil: z.string().optional(),
	})
	.meta({ id: "MatchHit" });
export type MatchHit = z.output<typeof MatchHit>;

export const MatchRow = z
	.strictObject({
		input: z.string().meta({ description: "the value as sent (an explicit kind's value)" }),
		observable: ObservableShape.optional(),
		error: z.string().optional().meta({ description: "why the value is not one (the others are answered)" }),
		tooCommon: z.literal(true).optional().meta({
			description:
				"named by more objects than a value usually is (a resolver, a sinkhole): flagged, still answered",
		}),
		warninglists: z.array(WarninglistHitShape).optional().meta({
			description: "the warninglists the value is on (D50), when any: flagged, still matched and answered",
		}),
		patternsSkipped: z
			.literal(true)
			.optional()
			.meta({
				description:
					"the request's budget for testing values against indicators' patterns was spent before this value: " +
					"its `pattern` matches are not looked for (send fewer values per request)",
			}),
		total: z.number().int().meta({ description: "released objects matching" }),
		matches: z.array(MatchHit).meta({ description: `the first ${MAX_MATCHES_PER_VALUE}; exact ones first` }),
	})
	.meta({ id: "MatchRow" });
export type MatchRow = z.output<typeof MatchRow>;

export const MatchResult = z.strictObject({
	values: z.number().int(),
	matched: z.number().int().meta({ description: "values with at least one released match" }),
	invalid: z.number().int(),
	results: z.array(MatchRow).meta({ description: "one per value sent, in order" }),
});
export type MatchResult = z.output<typeof MatchResult>;
