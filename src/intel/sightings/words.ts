// The sightings and the score in an analyst's words: "Seen 3 times by 2 organisations, last 2 days ago; …".
import type { DecayScore } from "./decay.ts";
import type { Tally } from "./tally.ts";
import { UNDISCLOSED } from "./tally.ts";

const DAY_MS = 86_400_000;

/** An organisation's name as the viewer may read it, or undefined (then its id is shown). */
export type NameOf = (id: string) => string | undefined;

/** "today", "yesterday", "5 days ago", "3 months ago", "2 years ago" (future times read "today"). */
export function ago(at: string, now: Date): string {
	const days = Math.floor(Math.max(0, now.getTime() - Date.parse(at)) / DAY_MS);
	if (days === 0) return "today";
	if (days === 1) return "yesterday";
	if (days < 60) return `${days} days ago`;
	if (days < 730) return `${Math.floor(days / 30)} months ago`;
	return `${Math.floor(days / 365)} years ago`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The whole account in one paragraph: what was reported (seen, false positives with who reported them, expiries),
 * then the score and each factor's part in it.
 * @example explain(tally, score, now, names)
 * // → "Seen 3 times by 2 organisations, last 2 days ago; 1 false positive from CERT-X. Score 31/100: …"
 */
export function explain(tally: Tally, score: DecayScore, now: Date, nameOf: NameOf): string {
	const name = (id: string): string =>
		id === UNDISCLOSED ? "an undisclosed organisation" : (nameOf(id) ?? id);
	const parts: string[] = [];
	const seen = tally.kinds.seen;
	const seenBy = tally.organisations.filter((o) => o.counts.seen > 0).length;
	parts.push(
		seen.reports === 0 || seen.last === undefined
			? "No sightings reported"
			: `Seen ${plural(seen.count, "time")} by ${plural(seenBy, "organisation")}, last ${ago(seen.last, now)}`,
	);
	const falsePositives = tally.kinds["false-positive"];
	if (falsePositives.reports > 0) {
		const from = tally.organisations.filter((o) => o.counts["false-positive"] > 0).map((o) => name(o.id));
		parts.push(`${plural(falsePositives.count, "false positive")} from ${from.join(", ")}`);
	}
	const expired = tally.kinds.expired;
	if (expired.reports > 0 && expired.last !== undefined) {
		const from = tally.organisations.filter((o) => o.counts.expired > 0).map((o) => name(o.id));
		parts.push(`reported expired by ${from.join(", ")}, last ${ago(expired.last, now)}`);
	}
	return `${parts.join("; ")}. Score ${score.value}/100: ${score.factors.map((f) => factorWords(f, score)).join("; ")}.`;
}

function factorWords(factor: DecayScore["factors"][number], score: DecayScore): string {
	const percent = `${Math.round(factor.multiplier * 100)}%`;
	switch (factor.name) {
		case "freshness":
			return score.evidence === undefined
				? "no date to age it from (freshness 100%)"
				: `latest evidence ${ageWords(Number(factor.detail.ageDays))}, with a ${score.halfLife.days}-day half-life for ${score.halfLife.of}, keeps ${percent}`;
		case "corroboration": {
			const n = Number(factor.detail.organisations);
			return n === 0
				? `sighted by nobody yet (${percent})`
				: `sighted by ${plural(n, "organisation")} (${percent})`;
		}
		case "false-positives": {
			const n = Number(factor.detail.organisations);
			return n === 0
				? "no standing false positive (100%)"
				: `${plural(n, "organisation")} reported a false positive not seen since (${percent})`;
		}
		case "expired":
			return `expired: ${EXPIRY_WORDS[String(factor.detail.because)] ?? String(factor.detail.because)} (0%)`;
	}
}

function ageWords(days: number): string {
	if (days === 0) return "today";
	return days === 1 ? "yesterday" : `${days} days ago`;
}

const EXPIRY_WORDS: Record<string, string> = {
	revoked: "its originator revoked it",
	valid_until: "its valid_until has passed",
	reported: "an expiry was reported after the last sighting",
};
