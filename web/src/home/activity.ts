// The dashboard's rows arranged for charts (D67): one datum per day with a count per series, series by total,
// the top withheld rules, and where each bar's list lives.
import type { DashboardCount, DashboardResult, WithheldCount } from "../api/types.ts";
import { hrefOf } from "../router.tsx";

/** One day of a stacked bar chart: `day` and a count per series key. */
export type DayDatum = { day: string } & Record<string, number | string>;

/** A chart's data: a datum per day (every day of the window, zeros included) and its series, largest first. */
export interface DayChart {
	data: DayDatum[];
	series: { key: string; total: number }[];
	total: number;
}

/** At most this many series per chart; the rest are summed as OTHER. */
const MAX_SERIES = 6;
export const OTHER = "others";

/** `rows` per day stacked by `keyOf` (a party's name, a marking), the smaller series folded into OTHER. */
export function byDay(
	days: readonly string[],
	rows: readonly DashboardCount[],
	keyOf: (row: DashboardCount) => string,
): DayChart {
	const totals = new Map<string, number>();
	for (const row of rows) totals.set(keyOf(row), (totals.get(keyOf(row)) ?? 0) + row.count);
	const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const shown = new Set(
		ranked.slice(0, MAX_SERIES - (ranked.length > MAX_SERIES ? 1 : 0)).map(([key]) => key),
	);
	const data: DayDatum[] = days.map((day) => ({ day }));
	const index = new Map(days.map((day, i) => [day, i]));
	for (const row of rows) {
		const datum = data[index.get(row.day) ?? -1];
		if (datum === undefined) continue;
		const key = shown.has(keyOf(row)) ? keyOf(row) : OTHER;
		datum[key] = Number(datum[key] ?? 0) + row.count;
	}
	const series = ranked.filter(([key]) => shown.has(key)).map(([key, total]) => ({ key, total }));
	const folded = ranked.filter(([key]) => !shown.has(key)).reduce((sum, [, total]) => sum + total, 0);
	if (folded > 0) series.push({ key: OTHER, total: folded });
	for (const datum of data) for (const { key } of series) datum[key] ??= 0;
	return { data, series, total: ranked.reduce((sum, [, total]) => sum + total, 0) };
}

/** The deciding rules that withheld the most, with their counts and the parties they withheld from. */
export function topRules(
	rows: readonly WithheldCount[],
	limit = 8,
): { rule: string; count: number; parties: number }[] {
	const rules = new Map<string, { count: number; parties: Set<string> }>();
	for (const row of rows) {
		const known = rules.get(row.rule) ?? { count: 0, parties: new Set<string>() };
		known.count += row.count;
		known.parties.add(row.party);
		rules.set(row.rule, known);
	}
	return [...rules]
		.map(([rule, { count, parties }]) => ({ rule, count, parties: parties.size }))
		.sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule))
		.slice(0, limit);
}

/** The Objects screen listing what a bar of the "in" charts counts: stored that day, with that marking when given. */
export function objectsHref(day: string | undefined, marking: string | undefined): string {
	const route = hrefOf({ name: "objects", q: "", types: [] });
	const params = new URLSearchParams();
	if (day !== undefined) params.set("added", day);
	if (marking !== undefined && marking !== OTHER) params.set("marking", marking);
	const search = params.toString();
	return search === "" ? route : `${route}?${search}`;
}

/** Where a party's or a rule's list lives: the policy screen (its parties, agreements and rules). */
export function policyHref(): string {
	return hrefOf({ name: "policy" });
}

/** True when the dashboard has counted nothing at all yet (an empty node). */
export function nothingCounted(dashboard: DashboardResult): boolean {
	return (
		dashboard.in.length + dashboard.out.length + dashboard.local.length + dashboard.withheld.length === 0
	);
}
