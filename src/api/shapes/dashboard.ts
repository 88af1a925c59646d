// The Home dashboard (D67): the node's activity per day from its counters, federation health per peer, request
// rates per minute; and the one-click sample set (issue 16 item 7).
import { z } from "zod";

export const DashboardQuery = z.strictObject({
	days: z.coerce
		.number()
		.int()
		.min(1)
		.max(366)
		.default(30)
		.meta({ description: "how many days back, today included (1–366)" }),
});

export const DashboardCount = z.strictObject({
	day: z.string().meta({ description: "UTC day, YYYY-MM-DD" }),
	party: z
		.string()
		.meta({ description: "in: the organisation the objects were recorded for; out: the recipient party" }),
	marking: z.string().meta({ description: "TLP:AMBER, PAP:GREEN, unmarked, other marking" }),
	count: z.number(),
});
export type DashboardCount = z.output<typeof DashboardCount>;

export const WithheldCount = DashboardCount.extend({
	rule: z
		.string()
		.meta({ description: "the deciding rule (scope.tlp, agreement.purpose, …), as explain names it" }),
});
export type WithheldCount = z.output<typeof WithheldCount>;

export const PeerHealth = z.strictObject({
	name: z.string(),
	status: z.string(),
	queueDepth: z.number().meta({ description: "messages waiting in the peer's outbox" }),
	lagSeconds: z.number().meta({ description: "age of the oldest undelivered message (0: none)" }),
	lastSuccessAt: z.string().optional(),
	lastError: z.strictObject({ at: z.string(), class: z.string(), message: z.string() }).optional(),
	deliveredTotal: z.number(),
	refusedTotal: z.number(),
	alert: z.boolean(),
});
export type PeerHealth = z.output<typeof PeerHealth>;

export const RequestRate = z.strictObject({
	minute: z.string().meta({ description: "the minute's start, RFC 3339" }),
	ingest: z.number().meta({ description: "publishes, imports, TAXII Add Objects, federation pushes" }),
	taxii: z.number().meta({ description: "TAXII reads (and the MISP feed out)" }),
	rest: z.number().meta({ description: "other REST API requests" }),
});
export type RequestRate = z.output<typeof RequestRate>;

export const DashboardResult = z.strictObject({
	scope: z.enum(["node", "party"]).meta({
		description:
			"node: a user of the node's own organisations sees everything; party: a partner's user sees only its own party's rows",
	}),
	days: z.array(z.string()).meta({ description: "the days covered, oldest first" }),
	in: z.array(DashboardCount).meta({ description: "versions committed, by organisation and marking" }),
	out: z
		.array(DashboardCount)
		.meta({ description: "objects released to partner parties (read or delivered)" }),
	local: z
		.array(DashboardCount)
		.meta({ description: "objects released to the node's own organisations (its analysts' reads)" }),
	withheld: z.array(WithheldCount).meta({ description: "objects the gate withheld from partner parties" }),
	names: z.record(z.string(), z.string()).meta({
		description: "each party of the rows by id: its name as the node knows it (absent: none known)",
	}),
	peers: z.array(PeerHealth),
	rates: z
		.array(RequestRate)
		.meta({ description: "requests per minute, the last three hours, oldest first" }),
	countedThrough: z
		.string()
		.optional()
		.meta({ description: "the commit-log position the `in` counts reach (absent: nothing counted yet)" }),
});
export type DashboardResult = z.output<typeof DashboardResult>;

export const SamplesLoaded = z.strictObject({
	alreadyLoaded: z.boolean().meta({ description: "true when every object of the set was already stored" }),
	counts: z.strictObject({
		stored: z.number(),
		duplicate: z.number(),
		quarantined: z.number(),
		rejected: z.number(),
	}),
	objects: z.number().meta({ description: "objects in the sample set" }),
	reportId: z.string().optional().meta({ description: "the set's report, to open first" }),
});
export type SamplesLoaded = z.output<typeof SamplesLoaded>;
