// The honest side of the model tests: random worlds and the commands honest parties run (add, version, change the policy).
import fc from "fast-check";
import { type Canary, plantCanary } from "./canaries.ts";
import {
	type ModelAgreement,
	type ModelAudience,
	type ModelCommunity,
	type ModelObject,
	type ModelParty,
	type ModelWorld,
	recordRefusedPost,
	TLPS,
} from "./entitlement-model.ts";
import { type ModelNode, PARTY_POOL } from "./model-node.ts";

/** What the model holds during one run: the world, the next object number, the run's tag and the canaries planted. */
export interface Model {
	world: ModelWorld;
	next: number;
	/** Twelve hex digits that end every id of this run, so runs never share ids. */
	tag: string;
	canaries: Canary[];
	/** Ids of the observables published in this run (outside the world: the model does not decide them). */
	observables: string[];
}

/** The node under test and the check run after every command. */
export interface Real {
	node: ModelNode;
	check(world: ModelWorld, canaries: readonly Canary[]): Promise<void>;
}

export type Command = fc.AsyncCommand<Model, Real>;

const party = fc.record({
	local: fc.boolean(),
	suspended: fc.boolean(),
	sector: fc.constantFrom("government", "law-enforcement", "cert", "private", "academia" as const),
	jurisdiction: fc.constantFrom("GB", "US" as const),
	tlpCeiling: fc.option(fc.constantFrom(...TLPS), { nil: undefined, freq: 3 }),
	inPolicy: fc.oneof(
		{ weight: 6, arbitrary: fc.constant(true) },
		{ weight: 1, arbitrary: fc.constant(false) },
	),
});

/** A world of two to six parties of the pool, up to two communities and three agreements, and no objects yet. */
export function worldArbitrary(): fc.Arbitrary<ModelWorld> {
	return fc
		.integer({ min: 2, max: PARTY_POOL.length })
		.chain((count) =>
			fc.record({
				parties: fc.array(party, { minLength: count, maxLength: count }),
				communities: fc.array(fc.subarray(PARTY_POOL.slice(0, count) as string[], { minLength: 2 }), {
					maxLength: 2,
				}),
				agreements: fc.array(agreementSpec(count), { maxLength: 3 }),
			}),
		)
		.map(({ parties, communities, agreements }) => {
			const world: ModelWorld = {
				parties: parties.map((p, index) => ({
					id: PARTY_POOL[index] ?? "",
					...p,
					suspended: p.suspended && index % 2 === 1,
					...(p.tlpCeiling === undefined ? {} : { tlpCeiling: p.tlpCeiling }),
				})) as ModelParty[],
				communities: communities.map((members, index) => ({ id: `community-${index}`, members })),
				agreements: [],
				objects: [],
			};
			world.agreements = agreements.map((a, index) =>
				agreementOf(a, `agreement-${index}`, world.communities),
			);
			return world;
		});
}

type AgreementSpec = {
	parties: string[];
	withCommunity: boolean;
	tlpCeiling: (typeof TLPS)[number];
	purposes: ("network-defence" | "research")[];
	validity: ModelAgreement["validity"];
	onwardSharing: boolean;
};

function agreementSpec(count: number): fc.Arbitrary<AgreementSpec> {
	return fc.record({
		parties: fc.subarray(PARTY_POOL.slice(0, count) as string[], { minLength: 2 }),
		withCommunity: fc.boolean(),
		tlpCeiling: fc.constantFrom(...TLPS),
		purposes: fc.subarray(["network-defence", "research"] as ("network-defence" | "research")[], {
			minLength: 1,
		}),
		validity: fc.constantFrom("current", "current", "ended", "future" as const),
		onwardSharing: fc.boolean(),
	});
}

function agreementOf(
	spec: AgreementSpec,
	id: string,
	communities: readonly ModelCommunity[],
): ModelAgreement {
	const community = spec.withCommunity ? communities[0]?.id : undefined;
	return {
		id,
		parties: spec.parties,
		communities: community === undefined ? [] : [community],
		tlpCeiling: spec.tlpCeiling,
		purposes: spec.purposes,
		validity: spec.validity,
		onwardSharing: spec.onwardSharing,
	};
}

export const clone = (world: ModelWorld): ModelWorld => structuredClone(world);

/** The id the model's next object of `type` gets. */
export function nextId(model: Readonly<Model>, type: string, offset = 0): string {
	return `${type}--0000${String(model.next + offset).padStart(4, "0")}-0000-4000-8000-${model.tag}`;
}

/** Adds one object, posted by one of the policy's parties, naming objects that already exist. */
export class AddObject implements Command {
	readonly spec: {
		type: ModelObject["type"];
		marking: ModelObject["marking"];
		audience: number;
		poster: number;
		picks: number[];
		derived: boolean;
	};
	constructor(spec: AddObject["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		const leaves = model.world.objects.filter((o) => o.type === "indicator" || o.type === "malware").length;
		const referable = model.world.objects.filter((o) => o.type !== "report").length;
		const need = { indicator: 0, malware: 0, report: 1, relationship: 2, sighting: 1 }[this.spec.type];
		return model.world.objects.length < 8 && (this.spec.type === "report" ? referable : leaves) >= need;
	}
	async run(model: Model, real: Real): Promise<void> {
		const world = model.world;
		const { type, picks } = this.spec;
		const leaves = world.objects.filter((o) => o.type === "indicator" || o.type === "malware");
		const referable = world.objects.filter((o) => o.type !== "report");
		const pick = (from: ModelObject[], i: number) => from[(picks[i] ?? 0) % from.length]?.id ?? "";
		const parties = world.parties.filter((p) => p.inPolicy);
		const poster = parties[this.spec.poster % parties.length] ?? world.parties[0];
		const id = nextId(model, type);
		model.next++;
		const audience = audienceOf(this.spec.audience, picks[0] ?? 0);
		const object: ModelObject = {
			id,
			type,
			poster: poster?.id ?? "",
			marking: this.spec.marking,
			...(audience === undefined ? {} : { audience }),
		};
		if (type === "report") object.refs = [...new Set(picks.slice(0, 3).map((_, i) => pick(referable, i)))];
		if (type === "relationship") {
			object.source = pick(leaves, 0);
			object.target = pick(leaves, 1);
			object.relationshipType = this.spec.derived ? "derived-from" : "related-to";
		}
		if (type === "sighting") object.sightingOf = pick(leaves, 0);
		const squatter = world.objects.find((o) => o.id === id);
		if (squatter !== undefined) {
			// Another party took this id first (a hostile squat): the id is theirs, this publish changes nothing.
			if (squatter.poster === object.poster) return;
			const name = plantCanary(
				model,
				`${object.poster} publishing under ${squatter.poster}'s id ${id}`,
				(_, party) => party === object.poster,
			);
			await real.node.add(object, { name, expectRefused: true });
			recordRefusedPost(world, id, object.poster);
			await real.check(world, model.canaries);
			return;
		}
		await real.node.add(object);
		world.objects.push(object);
		await real.check(world, model.canaries);
	}
	toString(): string {
		return `add ${this.spec.type} ${this.spec.marking} audience=${this.spec.audience} poster=${this.spec.poster} picks=${this.spec.picks} derived=${this.spec.derived}`;
	}
}

/** The originator publishes a new version of an existing object with another marking and audience. */
export class NewVersion implements Command {
	readonly spec: { pick: number; marking: ModelObject["marking"]; audience: number };
	constructor(spec: NewVersion["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		return model.world.objects.length > 0;
	}
	async run(model: Model, real: Real): Promise<void> {
		const objects = model.world.objects;
		const object = objects[this.spec.pick % objects.length];
		if (object === undefined || (object.history?.length ?? 0) >= 3) return;
		const { marking, audience } = object;
		object.history = [
			...(object.history ?? []),
			{ marking, ...(audience === undefined ? {} : { audience }) },
		];
		object.marking = this.spec.marking;
		const next = audienceOf(this.spec.audience, this.spec.pick);
		if (next === undefined) delete object.audience;
		else object.audience = next;
		await real.node.add(object);
		await real.check(model.world, model.canaries);
	}
	toString(): string {
		return `new version of object ${this.spec.pick}: ${this.spec.marking} audience=${this.spec.audience}`;
	}
}

/** Applies a new policy version: a revocation, a grant, or a change of membership. */
export class ChangePolicy implements Command {
	readonly label: string;
	readonly change: (world: ModelWorld) => void;
	constructor(label: string, change: (world: ModelWorld) => void) {
		this.label = label;
		this.change = change;
	}
	check(): boolean {
		return true;
	}
	async run(model: Model, real: Real): Promise<void> {
		const next = clone(model.world);
		this.change(next);
		model.world = next;
		await real.node.apply(next);
		await real.check(next, model.canaries);
	}
	toString(): string {
		return this.label;
	}
}

/** 0: none, 1: the originator's own organisation, 2: one named party of the pool. */
export function audienceOf(choice: number, pick: number): ModelAudience | undefined {
	if (choice === 1) return { scope: "own-organization" };
	if (choice === 2) return { parties: [PARTY_POOL[pick % PARTY_POOL.length] ?? ""] };
	return undefined;
}

export const MARKINGS = ["clear", "green", "amber", "amber+strict", "red", "none", "unknown"] as const;

export const newVersion = fc
	.record({
		pick: fc.nat(7),
		marking: fc.constantFrom(...MARKINGS),
		audience: fc.constantFrom(0, 0, 0, 1, 2),
	})
	.map((spec) => new NewVersion(spec));

export const addObject = fc
	.record({
		type: fc.constantFrom("indicator", "malware", "indicator", "report", "relationship", "sighting" as const),
		marking: fc.constantFrom(...MARKINGS),
		audience: fc.constantFrom(0, 0, 0, 1, 2),
		poster: fc.nat(5),
		picks: fc.array(fc.nat(7), { minLength: 3, maxLength: 3 }),
		derived: fc.boolean(),
	})
	.map((spec) => new AddObject(spec));

const at = <T>(list: T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
export const policyChange = fc.oneof(
	fc.nat(5).map(
		(i) =>
			new ChangePolicy(`suspend party ${i}`, (w) => {
				const p = at(w.parties, i);
				if (p) p.suspended = true;
			}),
	),
	fc.nat(5).map(
		(i) =>
			new ChangePolicy(`reinstate party ${i}`, (w) => {
				const p = at(w.parties, i);
				if (p) p.suspended = false;
			}),
	),
	fc.nat(5).map(
		(i) =>
			new ChangePolicy(`toggle party ${i} in the policy`, (w) => {
				const p = at(w.parties, i);
				if (p) p.inPolicy = !p.inPolicy;
			}),
	),
	fc.nat(2).map(
		(i) =>
			new ChangePolicy(`end agreement ${i}`, (w) => {
				const a = at(w.agreements, i);
				if (a) a.validity = "ended";
			}),
	),
	fc.nat(2).map((i) => new ChangePolicy(`remove agreement ${i}`, (w) => void w.agreements.splice(i, 1))),
	fc.tuple(fc.nat(2), fc.constantFrom(...TLPS)).map(
		([i, tlp]) =>
			new ChangePolicy(`agreement ${i} ceiling ${tlp}`, (w) => {
				const a = at(w.agreements, i);
				if (a) a.tlpCeiling = tlp;
			}),
	),
	agreementSpec(PARTY_POOL.length).map(
		(spec) =>
			new ChangePolicy(`add agreement ${JSON.stringify(spec)}`, (w) => {
				const known = new Set(w.parties.map((p) => p.id));
				const parties = spec.parties.filter((id) => known.has(id));
				if (parties.length >= 2)
					w.agreements.push(
						agreementOf({ ...spec, parties }, `agreement-${w.agreements.length + 10}`, w.communities),
					);
			}),
	),
	fc.tuple(fc.nat(1), fc.nat(5)).map(
		([c, i]) =>
			new ChangePolicy(`toggle party ${i} in community ${c}`, (w) => {
				const community = at(w.communities, c);
				const p = at(w.parties, i);
				if (community === undefined || p === undefined) return;
				community.members = community.members.includes(p.id)
					? community.members.filter((m) => m !== p.id)
					: [...community.members, p.id];
			}),
	),
);

/** Counts kept for the test's closing line: scenarios run, and the seed that replays them. */
export interface RunCounts {
	scenarios: number;
	seed?: number;
}

/**
 * Runs so far in this process, across every property: each run's tag (so its ids) is new to the node. A reset
 * deletes a run's objects, and a deleted id keeps its owner (D30), so a later property re-posting an earlier
 * run's ids under another party would be refused.
 */
let runsStarted = 0;

/**
 * Runs `commands` on a fresh model and a reset node, `numRuns` times; `each` checks after every command,
 * `end` once at the end as a party drawn by the run. ENTENTE_MODEL_SEED replays a failure fast-check reported.
 */
export async function runProperty(
	node: ModelNode,
	commands: fc.Arbitrary<Iterable<Command>>,
	numRuns: number,
	each: (world: ModelWorld, canaries: readonly Canary[]) => Promise<void>,
	end: (world: ModelWorld, canaries: readonly Canary[], party: string) => Promise<void>,
	counts: RunCounts = { scenarios: 0 },
): Promise<void> {
	// Random on every run (CI explores new cases each time) and always printed, so any run can be replayed.
	const seed =
		process.env.ENTENTE_MODEL_SEED === undefined
			? Math.floor(Math.random() * 2 ** 31)
			: Number(process.env.ENTENTE_MODEL_SEED);
	counts.seed = seed;
	await fc.assert(
		fc.asyncProperty(
			worldArbitrary(),
			commands,
			fc.constantFrom(...PARTY_POOL),
			async (world, cmds, party) => {
				await node.reset();
				const model: Model = {
					world: clone(world),
					next: 0,
					tag: (++runsStarted).toString(16).padStart(12, "0"),
					canaries: [],
					observables: [],
				};
				await node.apply(model.world);
				await fc.asyncModelRun(() => ({ model, real: { node, check: each } }), cmds);
				await end(model.world, model.canaries, party);
				counts.scenarios++;
			},
		),
		{ numRuns, seed },
	);
}
