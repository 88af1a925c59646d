// One version, one party, one purpose → a Decision: the engine over every originator (own and inherited), or the no-policy rule.
import type { CompiledPolicy, MarkingDefinitions } from "../engine/index.ts";
import { decide, UNKNOWN_MARKING_FLAG } from "../engine/index.ts";
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
	const local = context.localParties.has(party);
	const verdict = !flagged && local ? "full" : "deny";
	const steps: TraceStep[] = [];
	if (trace) {
		if (flagged)
			steps.push(
				step(
					"marking.flag",
					"deny",
					"ingest found a marking this node does not understand; such objects are never released",
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

/**
 * The decision for `party`: decide() once for the object's own originator and once for each originator
 * it inherits (through derived-from and containers), with every inherited marking; the strictest
 * verdict wins and treatments add up. Without a policy, see judgeWithoutPolicy.
 */
export function judge(
	version: ReleasableVersion,
	inherited: Inherited | undefined,
	party: string,
	purpose: Purpose,
	context: JudgeContext,
	trace = false,
): Decision {
	const policy = context.policy;
	if (policy === undefined) return judgeWithoutPolicy(version, party, context, trace);
	const inh = inherited ?? NOTHING_INHERITED;
	const own = originatorOf(version, policy);
	const options = { now: context.now, trace, markingDefinitions: context.markingDefinitions };
	const subject: DecisionSubject = {
		object: version.object,
		originator: own,
		flags: version.flags,
		inheritedMarkings: inh.markingRefs,
	};
	const first = decide(subject, party, purpose, policy, options);
	const others = inh.originators.filter((id) => id !== own);
	if (others.length === 0 || first.verdict === "deny") return first;
	const decisions = [first];
	const steps: TraceStep[] = [...first.trace];
	for (const originator of others) {
		const decision = decide({ ...subject, originator }, party, purpose, policy, options);
		decisions.push(decision);
		if (trace) {
			const name = policy.parties.get(originator)?.source.name ?? originator;
			steps.push(
				step(
					"inherit.originator",
					decision.verdict === "full" ? "pass" : decision.verdict === "deny" ? "deny" : "restrict",
					`the object derives from or is contained in an object of ${name}; judged as theirs too: ${decision.verdict}`,
				),
				...decision.trace,
			);
		}
	}
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
