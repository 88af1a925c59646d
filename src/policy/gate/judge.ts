// One version, one party, one purpose → a Decision: the engine over every originator (own and inherited), or the no-policy rule.
import type { StixObject } from "../../stix/core.ts";
import type { CompiledPolicy, MarkingDefinitions } from "../engine/index.ts";
import {
	AWAITING_REFERENCES_FLAG,
	AWAITING_REFERENCES_REASON,
	decide,
	UNKNOWN_MARKING_FLAG,
} from "../engine/index.ts";
import type { AppliedTreatment, Decision, DecisionSubject, Purpose, TraceStep } from "../model.ts";
import { VERDICTS } from "../model.ts";
import type { Inherited, ReleasableVersion } from "./types.ts";

const NONE: readonly never[] = Object.freeze([]);
const NOTHING_INHERITED: Inherited = Object.freeze({ markingRefs: [], originators: [] }) as Inherited;

/** What judging needs besides the version: the policy (or the local parties when there is none), and the clock. */
export interface JudgeContext {
	policy: CompiledPolicy | undefined;
	localParties: ReadonlySet<string>;
	markingDefinitions: MarkingDefinitions;
	now: Date;
}

/**
 * The originator decide() is asked about: the organisation the copy was recorded under (whoever posted
 * or imported it), or its `created_by_ref` when the policy knows that party and the recorder is not a
 * partner party (an operator's organisation importing a partner's bundle). A partner's claim to write for
 * another organisation is ignored: it never borrows that organisation's agreements or house (D14).
 */
export function originatorOf(version: ReleasableVersion, policy: CompiledPolicy | undefined): string {
	const recorder = version.provenance.organizationId;
	const author = version.object.created_by_ref;
	if (
		typeof author === "string" &&
		policy?.parties.has(author) === true &&
		policy.parties.get(recorder)?.source.local !== false
	)
		return author;
	return recorder;
}

function step(rule: string, outcome: TraceStep["outcome"], reason: string): TraceStep {
	return { rule, outcome, reason };
}

/** Without a policy, the node's own organisations see everything as it is and nobody else sees anything. */
function judgeWithoutPolicy(
	version: ReleasableVersion,
	party: string,
	context: JudgeContext,
	trace: boolean,
): Decision {
	const flagged = version.flags.includes(UNKNOWN_MARKING_FLAG);
	const incomplete = version.flags.includes(AWAITING_REFERENCES_FLAG);
	const local = context.localParties.has(party);
	const verdict = !flagged && !incomplete && local ? "full" : "deny";
	const steps: TraceStep[] = [];
	if (trace) {
		if (incomplete && !flagged) steps.push(step("references.awaiting", "deny", AWAITING_REFERENCES_REASON));
		else if (flagged)
			steps.push(
				step(
					"marking.flag",
					"deny",
					"ingest found a marking this node does not understand; such objects are never released until its definition arrives",
				),
			);
		else
			steps.push(
				step(
					"policy.none",
					local ? "pass" : "deny",
					local
						? "no sharing policy is applied: the node's own organisations see everything as it is"
						: "no sharing policy is applied: nothing leaves the node for a party that is not its own",
				),
			);
	}
	return { verdict, treatments: NONE, addMarkings: NONE, trace: steps };
}

function union<T>(lists: readonly (readonly T[])[], key: (item: T) => string): T[] {
	const seen = new Map<string, T>();
	for (const list of lists) for (const item of list) if (!seen.has(key(item))) seen.set(key(item), item);
	return [...seen.values()];
}

/** Where an originator says who may receive an object: on an older version, the latest's apply too. */
const MARKING_FIELDS = ["object_marking_refs", "granular_markings", "x_entente_audience"] as const;

const versionStamp = (version: ReleasableVersion): unknown =>
	version.object.modified ?? version.object.created;

/** An older version's content under its latest version's markings, audience, flags and originator. */
interface Bound {
	subject: Omit<DecisionSubject, "inheritedMarkings">;
	stamp: string;
}

/**
 * The older `version` as bound by `latest` (D18), or undefined when there is nothing to bind: `latest`
 * is absent or the same version, or it changed none of the markings, audience, flags and originator
 * (the common case, where judging again would only repeat the decision).
 */
function boundByLatest(
	version: ReleasableVersion,
	latest: ReleasableVersion | undefined,
	policy: CompiledPolicy | undefined,
): Bound | undefined {
	if (latest === undefined || latest === version || versionStamp(latest) === versionStamp(version))
		return undefined;
	const object: Record<string, unknown> = { ...version.object };
	let changed = false;
	for (const field of MARKING_FIELDS) {
		const value = latest.object[field];
		if (JSON.stringify(value) !== JSON.stringify(object[field])) changed = true;
		if (value === undefined) delete object[field];
		else object[field] = value;
	}
	const flags = [...new Set([...version.flags, ...latest.flags])];
	const originator = originatorOf(latest, policy);
	if (!changed && flags.length === version.flags.length && originator === originatorOf(version, policy))
		return undefined;
	return {
		subject: { object: object as StixObject, originator, flags },
		stamp: String(versionStamp(latest)),
	};
}

/**
 * The decision for `party`: decide() once for the object's own originator and once for each originator
 * it inherits (through derived-from and containers), with every inherited marking; the strictest
 * verdict wins and treatments add up. An older version whose `latest` version carries other markings,
 * audience or flags is judged a second time under those (its own content, the latest's restrictions):
 * a tightened marking binds every version, a loosened one never loosens an older version (D18).
 * Without a policy, see judgeWithoutPolicy.
 */
export function judge(
	version: ReleasableVersion,
	inherited: Inherited | undefined,
	party: string,
	purpose: Purpose,
	context: JudgeContext,
	trace = false,
	latest?: ReleasableVersion,
): Decision {
	const policy = context.policy;
	const bound = boundByLatest(version, latest, policy);
	if (policy === undefined)
		return judgeWithoutPolicy(
			bound === undefined ? version : { ...version, flags: bound.subject.flags },
			party,
			context,
			trace,
		);
	const inh = inherited ?? NOTHING_INHERITED;
	const options = { now: context.now, trace, markingDefinitions: context.markingDefinitions };
	const own: DecisionSubject = {
		object: version.object,
		originator: originatorOf(version, policy),
		flags: version.flags,
		inheritedMarkings: inh.markingRefs,
	};
	// The common case: one version, one originator; the general loop below gives the same decision.
	if (bound === undefined && inh.originators.every((id) => id === own.originator))
		return decide(own, party, purpose, policy, options);
	const subjects: DecisionSubject[] = [own];
	if (bound !== undefined) subjects.push({ ...bound.subject, inheritedMarkings: inh.markingRefs });
	const decisions: Decision[] = [];
	const steps: TraceStep[] = [];
	judging: for (const [index, subject] of subjects.entries()) {
		const originators = [subject.originator, ...inh.originators.filter((id) => id !== subject.originator)];
		for (const [rank, originator] of originators.entries()) {
			const decision = decide({ ...subject, originator }, party, purpose, policy, options);
			decisions.push(decision);
			if (trace) {
				const outcome =
					decision.verdict === "full" ? "pass" : decision.verdict === "deny" ? "deny" : "restrict";
				const name = policy.parties.get(originator)?.source.name ?? originator;
				if (index > 0 && rank === 0)
					steps.push(
						step(
							"inherit.latest",
							outcome,
							`a newer version (${bound?.stamp}) carries other markings, audience or originator; every older version is judged under them too: ${decision.verdict}`,
						),
					);
				else if (rank > 0)
					steps.push(
						step(
							"inherit.originator",
							outcome,
							`the object derives from or is contained in an object of ${name}; judged as theirs too: ${decision.verdict}`,
						),
					);
				steps.push(...decision.trace);
			}
			if (decision.verdict === "deny") break judging;
		}
	}
	const [only] = decisions;
	if (decisions.length === 1 && only !== undefined) return only;
	const rank = Math.max(...decisions.map((d) => VERDICTS.indexOf(d.verdict)));
	const verdict = VERDICTS[rank] ?? "deny";
	const released = verdict === "full" || verdict === "transformed";
	return {
		verdict,
		treatments:
			verdict === "transformed"
				? union<AppliedTreatment>(
						decisions.map((d) => d.treatments),
						(t) => JSON.stringify(t),
					)
				: NONE,
		addMarkings: released
			? union(
					decisions.map((d) => d.addMarkings),
					(m) => m,
				)
			: NONE,
		trace: trace ? steps : NONE,
	};
}
