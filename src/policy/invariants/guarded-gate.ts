// The last line of defence at the door: every copy the gate releases is checked against the invariants
// before it is handed to the exit that serialises it; a copy that breaks one is withheld and reported (D37).
import type { StixObject } from "../../stix/core.ts";
import type { EgressGate, ReleasableVersion, Viewer } from "../gate/index.ts";
import { INVARIANTS, type InvariantName, type Policy } from "../model.ts";
import { hasH3, tlpOf } from "./marking-reader.ts";
import { namedIds } from "./named-ids.ts";
import { highestGrant, ownerOf, type PolicyFacts, policyFacts, under } from "./policy-facts.ts";
import { INVARIANT_RULES, marksOfRelease, type Release, type Viewing } from "./rules.ts";

/** What the invariants read of the node: the applied policy as data, the node's own organisations, the clock. */
export interface InvariantSources {
	/** The latest applied policy as the store keeps it (model data, never the engine's compiled form). */
	policy(): Promise<Policy | undefined>;
	/**
	 * The latest stored version of each id the node holds (absent: not held): objects a released copy names,
	 * checked as if released themselves.
	 */
	versionsOf(ids: readonly string[]): Promise<ReadonlyMap<string, ReleasableVersion>>;
	/** The node's own organisations: consulted only when no policy is applied. */
	localParties(): Promise<ReadonlySet<string>>;
	now(): Date;
}

/** A release the invariants stopped: which one, the object, who was to receive it, and why. */
export interface Incident {
	/** RFC 3339, when it was stopped. */
	at: string;
	invariant: InvariantName;
	objectId: string;
	/** The stored version's `modified` (or `created`), when it has one. */
	objectVersion: string | undefined;
	partyId: string;
	userId: string;
	purpose: string;
	reason: string;
}

/**
 * Receives the incidents of one gate call before its page is returned (record, log, alert). It must not
 * throw; whatever it does, the copies stay withheld.
 */
export type IncidentSink = (incidents: readonly Incident[]) => Promise<void> | void;

/** The invariants a policy leaves on: all but those it turns off (none without a policy). */
export function enabledInvariants(policy: Policy | undefined): readonly InvariantName[] {
	const off = new Set((policy?.invariantsOff ?? []).map((entry) => entry.invariant));
	return off.size === 0 ? INVARIANTS : INVARIANTS.filter((name) => !off.has(name));
}

function versionOf(object: StixObject): string | undefined {
	const stamp = object.modified ?? object.created;
	return typeof stamp === "string" ? stamp : undefined;
}

/**
 * Wraps the egress gate so that `releasePage` (and `release`, a page of one) answers only copies that keep
 * every enabled invariant for the viewer: a copy that breaks one is withheld exactly as if the gate had
 * denied it (the caller sees undefined at its position, hidden ≡ missing) and reported to `onIncidents`.
 * The node's own parties, and an object's owner reading its own object, are not checked: they receive
 * everything as it is. `explain` and `preview` (operators only) pass through unchanged.
 * @example const gate = guardedGate(createGate(sources), invariantSources, (incidents) => store.recordIncidents(incidents));
 */
export function guardedGate(
	gate: EgressGate,
	sources: InvariantSources,
	onIncidents: IncidentSink,
): EgressGate {
	const guarded: EgressGate = {
		async releasePage(viewer, versions) {
			const released = await gate.releasePage(viewer, versions);
			if (released.every((copy) => copy === undefined)) return released;
			return checkPage(sources, onIncidents, viewer, versions, released);
		},
		async release(viewer, version) {
			return (await guarded.releasePage(viewer, [version]))[0];
		},
		explain: (version, partyId, purpose) => gate.explain(version, partyId, purpose),
		preview: (version, purpose) => gate.preview(version, purpose),
	};
	return guarded;
}

/** The page's shared facts: the party's grant at once, jurisdictions when a victim observable asks for them. */
function viewingOf(facts: PolicyFacts | undefined, partyId: string, now: number): Viewing {
	const closures = new Map<string, ReadonlySet<string>>();
	const jurisdictionsOf = (id: string): ReadonlySet<string> => {
		let known = closures.get(id);
		if (known === undefined) {
			known = facts === undefined ? new Set() : under(facts, facts.parties.get(id)?.jurisdictions ?? []);
			closures.set(id, known);
		}
		return known;
	};
	return {
		facts,
		partyId,
		grant: facts === undefined ? -1 : highestGrant(facts, partyId, now),
		destination: () => jurisdictionsOf(partyId),
		jurisdictionsOf,
		now,
	};
}

const NONE: readonly never[] = Object.freeze([]);

/** An invariant a release breaks, and why. */
interface Broken {
	invariant: InvariantName;
	reason: string;
}

/** The copies the page may keep: each breaking no invariant, and naming no object that could not itself go. */
async function checkPage(
	sources: InvariantSources,
	onIncidents: IncidentSink,
	viewer: Viewer,
	versions: readonly ReleasableVersion[],
	released: readonly (StixObject | undefined)[],
): Promise<(StixObject | undefined)[]> {
	const out = [...released];
	const check = await pageCheck(sources, viewer);
	if (check === undefined) return out;
	const incidents: Incident[] = [];
	const report = (version: ReleasableVersion, broken: Broken, reason = broken.reason): void => {
		incidents.push({
			at: check.now.toISOString(),
			invariant: broken.invariant,
			objectId: version.object.id,
			objectVersion: versionOf(version.object),
			partyId: viewer.partyId,
			userId: viewer.userId,
			purpose: viewer.purpose,
			reason,
		});
	};
	const stopped = stopBrokenCopies(check, versions, released, out, report);
	await stopCopiesNamingStopped(sources, check, versions, out, stopped, report);
	if (incidents.length > 0) await onIncidents(incidents);
	return out;
}

/** The invariants one page is checked against, for one viewer, at one instant. */
interface PageCheck {
	now: Date;
	/** Every invariant `copy` of `version` breaks for the viewer (none for the object's owner). */
	breaks(version: ReleasableVersion, copy: StixObject): readonly Broken[];
}

/** undefined when nothing is to be checked: the viewer is one of the node's own parties, or every invariant is off. */
async function pageCheck(sources: InvariantSources, viewer: Viewer): Promise<PageCheck | undefined> {
	const policy = await sources.policy();
	const facts = policy === undefined ? undefined : policyFacts(policy);
	const locals =
		facts === undefined
			? await sources.localParties()
			: new Set(policy?.parties.filter((party) => party.local).map((party) => party.id));
	if (locals.has(viewer.partyId)) return undefined;
	const invariants = enabledInvariants(policy);
	if (invariants.length === 0) return undefined;
	const now = sources.now();
	const viewing = viewingOf(facts, viewer.partyId, now.getTime());
	const breaks = (version: ReleasableVersion, copy: StixObject): readonly Broken[] => {
		const ownerId = ownerOf(facts, version.provenance.organizationId, version.object.created_by_ref);
		if (ownerId === viewer.partyId) return [];
		const marks = marksOfRelease(version.object, copy);
		const release: Release = {
			viewing,
			ownerId,
			ownerLocal: locals.has(ownerId),
			stored: version.object,
			released: copy,
			level: tlpOf(marks),
			h3: hasH3(marks),
		};
		let found: Broken[] | undefined;
		for (const invariant of invariants) {
			const reason = INVARIANT_RULES[invariant](release);
			if (reason === undefined) continue;
			found ??= [];
			found.push({ invariant, reason });
		}
		return found ?? NONE;
	};
	return { now, breaks };
}

type Report = (version: ReleasableVersion, broken: Broken, reason?: string) => void;

/** Withholds (in `out`) and reports each copy that breaks an invariant; the first broken one by object id. */
function stopBrokenCopies(
	{ breaks }: PageCheck,
	versions: readonly ReleasableVersion[],
	released: readonly (StixObject | undefined)[],
	out: (StixObject | undefined)[],
	report: Report,
): Map<string, Broken> {
	const stopped = new Map<string, Broken>();
	released.forEach((copy, index) => {
		const version = versions[index];
		if (copy === undefined || version === undefined) return;
		const broken = breaks(version, copy);
		if (broken.length === 0) return;
		out[index] = undefined;
		for (const each of broken) report(version, each);
		if (broken[0] !== undefined) stopped.set(version.object.id, broken[0]);
	});
	return stopped;
}

/**
 * What the remaining copies name: an id is the object's first secret (an observable's id is its value), so a
 * copy naming an object that could not itself be released to the viewer is stopped too.
 */
async function stopCopiesNamingStopped(
	sources: InvariantSources,
	{ breaks }: PageCheck,
	versions: readonly ReleasableVersion[],
	out: (StixObject | undefined)[],
	stopped: Map<string, Broken>,
	report: Report,
): Promise<void> {
	const names = new Map<number, string[]>();
	out.forEach((copy, index) => {
		if (copy === undefined) return;
		const ids = namedIds(copy);
		if (ids.length > 0) names.set(index, ids);
	});
	if (names.size === 0) return;
	const releasedIds = new Set<string>();
	out.forEach((copy, index) => {
		const id = versions[index]?.object.id;
		if (copy !== undefined && id !== undefined) releasedIds.add(id);
	});
	const unknown = new Set<string>();
	for (const ids of names.values())
		for (const id of ids) if (!releasedIds.has(id) && !stopped.has(id)) unknown.add(id);
	if (unknown.size > 0)
		for (const [id, version] of await sources.versionsOf([...unknown])) {
			const [broken] = breaks(version, version.object);
			if (broken !== undefined) stopped.set(id, broken);
		}
	for (const [index, ids] of names) {
		const version = versions[index];
		const named = ids.find((id) => stopped.has(id));
		const broken = named === undefined ? undefined : stopped.get(named);
		if (version === undefined || broken === undefined) continue;
		out[index] = undefined;
		report(version, broken, `names ${named}: ${broken.reason}`);
	}
}
