// The hostile side of the model test: partners that forge, re-mark, squat, wrap and delete what is not theirs.
// Each attack is made through the node's public interfaces (REST publish, TAXII Add Objects and DELETE) with the
// attacker's own valid token; what it writes carries canaries that no one may ever read.
import assert from "node:assert/strict";
import fc from "fast-check";
import type { StixObject } from "../../src/stix/core.ts";
import { scoId } from "../../src/stix/ids/index.ts";
import { TLP1_DEFINITIONS, TLP2_DEFINITIONS, TLP2_EXTENSION_ID } from "../../src/stix/markings/index.ts";
import { plantCanary } from "./canaries.ts";
import { audienceOf, type Command, MARKINGS, type Model, nextId, type Real } from "./commands.ts";
import {
	decidedFor,
	entitlement,
	type ModelObject,
	type ModelWorld,
	recordRefusedPost,
	TLPS,
	type Tlp,
} from "./entitlement-model.ts";
import { modifiedAt, PARTY_POOL, stixOf, UNKNOWN_MARKING } from "./model-node.ts";

const PURPOSE = "network-defence";
const VIAS = ["rest", "taxii"] as const;
type Via = (typeof VIAS)[number];

/** A partner of this node (never one of its own organisations: the house may version its own objects). */
function partner(world: ModelWorld, pick: number): string | undefined {
	const id = PARTY_POOL[pick % PARTY_POOL.length] ?? "";
	return world.parties.find((p) => p.id === id)?.local === true ? undefined : id;
}

/** Posts as `attacker`; a TAXII post's status resource is remembered, for every party to try to read. */
async function attack(
	world: ModelWorld,
	real: Real,
	attacker: string,
	via: Via,
	objects: readonly StixObject[],
): Promise<void> {
	const answer = await real.node.post(attacker, via, objects);
	assert.ok(answer.status < 500, `the attack answered ${answer.status}: ${answer.text}`);
	if (via !== "taxii" || answer.status !== 202) return;
	const status = (JSON.parse(answer.text) as { id?: string }).id;
	if (status !== undefined) world.statuses = { ...world.statuses, [status]: attacker };
}

function withoutFields(object: ModelObject): ModelObject {
	const { fields: _fields, ...rest } = object;
	return rest;
}

/** A partner posts a version of another party's object: later, revoked, or at the same `modified` (a collision). */
export class ForgeVersion implements Command {
	readonly spec: {
		attacker: number;
		pick: number;
		via: Via;
		kind: "later" | "revoke" | "collide";
		claim: boolean;
	};
	constructor(spec: ForgeVersion["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		return model.world.objects.length > 0;
	}
	async run(model: Model, real: Real): Promise<void> {
		const { world } = model;
		const object = world.objects[this.spec.pick % world.objects.length];
		const attacker = partner(world, this.spec.attacker);
		if (object === undefined || attacker === undefined || attacker === object.poster) return;
		// What the attacker posted may read back to the attacker alone (D35), never to anyone else.
		const name = plantCanary(
			model,
			`${attacker} forging a ${this.spec.kind} version of ${object.id}`,
			(_, party) => party === attacker,
		);
		const latest = object.history?.length ?? 0;
		const forged: StixObject = {
			// Only what the attacker can know of the object: its id, type and timestamps, not its marked fields.
			...stixOf({ ...withoutFields(object), marking: "clear" }, latest, name),
			modified: this.spec.kind === "collide" ? modifiedAt(latest) : modifiedAt(latest + 5),
			...(this.spec.kind === "revoke" ? { revoked: true } : {}),
			// Whatever the forged version says of its author (nothing, or the attacker) changes nothing.
			...(this.spec.claim ? { created_by_ref: attacker } : {}),
		};
		delete forged.x_entente_audience;
		await attack(model.world, real, attacker, this.spec.via, [forged]);
		recordRefusedPost(world, object.id, attacker);
		await real.check(world, model.canaries);
	}
	toString(): string {
		const { attacker, pick, via, kind, claim } = this.spec;
		return `party ${attacker} forges a ${kind} version of object ${pick} by ${via}${claim ? " claiming it" : ""}`;
	}
}

/** A partner re-posts a standard TLP marking definition's id with other content (TLP 2.0 and TLP 1.0 forms). */
export class RepostMarking implements Command {
	readonly spec: { attacker: number; level: Tlp; form: "tlp2" | "tlp1"; via: Via };
	constructor(spec: RepostMarking["spec"]) {
		this.spec = spec;
	}
	check(): boolean {
		return true;
	}
	async run(model: Model, real: Real): Promise<void> {
		const attacker = partner(model.world, this.spec.attacker);
		if (attacker === undefined || this.spec.level === "clear") return;
		const id = TLP2_DEFINITIONS[this.spec.level].id;
		const name = plantCanary(model, `${attacker} re-posting ${id} (TLP:${this.spec.level}) as white`);
		const definition: StixObject =
			this.spec.form === "tlp2"
				? {
						type: "marking-definition",
						spec_version: "2.1",
						id,
						created: "2023-01-01T00:00:00.000Z",
						name,
						extensions: { [TLP2_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: "clear" } },
					}
				: {
						...TLP1_DEFINITIONS.white,
						id,
						name,
					};
		await attack(model.world, real, attacker, this.spec.via, [definition]);
		await real.check(model.world, model.canaries);
	}
	toString(): string {
		return `party ${this.spec.attacker} re-posts TLP:${this.spec.level}'s id in ${this.spec.form} form by ${this.spec.via}`;
	}
}

/** A partner publishes under the id the next honest indicator will have: the id is its own from then on. */
export class Squat implements Command {
	readonly spec: { attacker: number; marking: ModelObject["marking"]; via: Via };
	constructor(spec: Squat["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		return model.world.objects.length < 8;
	}
	async run(model: Model, real: Real): Promise<void> {
		const { world } = model;
		const attacker = partner(world, this.spec.attacker);
		const id = nextId(model, "indicator");
		if (attacker === undefined || world.objects.some((o) => o.id === id)) return;
		const object: ModelObject = { id, type: "indicator", poster: attacker, marking: this.spec.marking };
		await attack(model.world, real, attacker, this.spec.via, [stixOf(object)]);
		world.objects.push(object);
		await real.check(world, model.canaries);
	}
	toString(): string {
		return `party ${this.spec.attacker} squats the next indicator id (${this.spec.marking}) by ${this.spec.via}`;
	}
}

/** A partner wraps others' objects in its own report, however restrictive its marking: only its copy is bound. */
export class Wrap implements Command {
	readonly spec: { attacker: number; marking: ModelObject["marking"]; picks: number[]; via: Via };
	constructor(spec: Wrap["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		return model.world.objects.length < 8 && model.world.objects.some((o) => o.type !== "report");
	}
	async run(model: Model, real: Real): Promise<void> {
		const { world } = model;
		const attacker = partner(world, this.spec.attacker);
		if (attacker === undefined) return;
		const referable = world.objects.filter((o) => o.type !== "report");
		const refs = [...new Set(this.spec.picks.map((p) => referable[p % referable.length]?.id ?? ""))];
		const object: ModelObject = {
			id: nextId(model, "report"),
			type: "report",
			poster: attacker,
			marking: this.spec.marking,
			refs,
		};
		model.next++;
		await attack(model.world, real, attacker, this.spec.via, [stixOf(object)]);
		world.objects.push(object);
		await real.check(world, model.canaries);
	}
	toString(): string {
		return `party ${this.spec.attacker} wraps objects ${this.spec.picks} in a ${this.spec.marking} report by ${this.spec.via}`;
	}
}

/** A partner's user deletes another party's object through TAXII: refused, nothing changes. */
export class DeleteOthers implements Command {
	readonly spec: { attacker: number; pick: number };
	constructor(spec: DeleteOthers["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		return model.world.objects.length > 0;
	}
	async run(model: Model, real: Real): Promise<void> {
		const { world } = model;
		const object = world.objects[this.spec.pick % world.objects.length];
		const attacker = partner(world, this.spec.attacker);
		if (object === undefined || attacker === undefined || attacker === object.poster) return;
		const answer = await real.node.request(`/taxii2/api/collections/all/objects/${object.id}/`, attacker, {
			method: "DELETE",
		});
		assert.ok(answer.status < 500, `DELETE answered ${answer.status}`);
		const [kept] = await real.node.store.getVersions(object.id, ["last"]);
		assert.ok(kept !== undefined, `${attacker} deleted ${object.id} of ${object.poster}`);
		await real.check(world, model.canaries);
	}
	toString(): string {
		return `party ${this.spec.attacker} deletes object ${this.spec.pick}`;
	}
}

/** An honest indicator with fields under a granular marking: each field's value only for who may read that marking. */
export class AddMarkedFields implements Command {
	readonly spec: { poster: number; marking: ModelObject["marking"]; field: Tlp };
	constructor(spec: AddMarkedFields["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		return model.world.objects.length < 8;
	}
	async run(model: Model, real: Real): Promise<void> {
		const { world } = model;
		const parties = world.parties.filter((p) => p.inPolicy);
		const poster = parties[this.spec.poster % parties.length]?.id ?? "";
		const id = nextId(model, "indicator");
		if (world.objects.some((o) => o.id === id)) return;
		model.next++;
		const field = this.spec.field;
		// Read at check time: the object's marking and the policy may have changed since.
		const may = (now: ModelWorld, party: string): boolean => {
			const object = now.objects.find((o) => o.id === id);
			return (
				object !== undefined &&
				entitlement(now, party, PURPOSE).has(id) &&
				decidedFor(now, { ...object, marking: field }, party, PURPOSE)
			);
		};
		const what = (selector: string) => `${poster}'s ${id} ${selector} marked TLP:${field}`;
		const canaries: [string, string] = [
			plantCanary(model, what("external_references.[0].description"), may),
			plantCanary(model, what("kill_chain_phases.[1].phase_name"), may),
		];
		const object: ModelObject = {
			id,
			type: "indicator",
			poster,
			marking: this.spec.marking,
			fields: { marking: field, canaries },
		};
		await real.node.add(object);
		world.objects.push(object);
		await real.check(world, model.canaries);
	}
	toString(): string {
		return `party ${this.spec.poster} adds an indicator ${this.spec.marking} with fields marked ${this.spec.field}`;
	}
}

const via = fc.constantFrom(...VIAS);
const marking = fc.constantFrom(...MARKINGS);

export const forgeVersion = fc
	.record({
		attacker: fc.nat(5),
		pick: fc.nat(7),
		via,
		kind: fc.constantFrom("later", "revoke", "collide" as const),
		claim: fc.boolean(),
	})
	.map((spec) => new ForgeVersion(spec));
export const repostMarking = fc
	.record({
		attacker: fc.nat(5),
		level: fc.constantFrom(...TLPS),
		form: fc.constantFrom("tlp2", "tlp1" as const),
		via,
	})
	.map((spec) => new RepostMarking(spec));
export const squat = fc.record({ attacker: fc.nat(5), marking, via }).map((spec) => new Squat(spec));
export const wrap = fc
	.record({ attacker: fc.nat(5), marking, picks: fc.array(fc.nat(7), { minLength: 1, maxLength: 3 }), via })
	.map((spec) => new Wrap(spec));
export const deleteOthers = fc
	.record({ attacker: fc.nat(5), pick: fc.nat(7) })
	.map((spec) => new DeleteOthers(spec));
export const addMarkedFields = fc
	.record({ poster: fc.nat(5), marking, field: fc.constantFrom(...TLPS) })
	.map((spec) => new AddMarkedFields(spec));

/**
 * An honest party publishes an IP address (an observable, under its own marking and audience): its value and
 * its id — a UUIDv5 of the value, so the id leaked is the value leaked — only for who may receive it.
 */
export class AddObservable implements Command {
	readonly spec: { poster: number; marking: ModelObject["marking"]; audience: number; via: Via };
	constructor(spec: AddObservable["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		return model.observables.length < 3;
	}
	async run(model: Model, real: Real): Promise<void> {
		const { world } = model;
		const parties = world.parties.filter((p) => p.inPolicy);
		const poster = parties[this.spec.poster % parties.length]?.id ?? "";
		const value = `10.${Number.parseInt(model.tag.slice(-4), 16) % 256}.${model.observables.length}.${this.spec.poster + 7}`;
		const audience = audienceOf(this.spec.audience, this.spec.poster);
		const marking = this.spec.marking;
		const sco: StixObject = {
			type: "ipv4-addr",
			spec_version: "2.1",
			id: scoId({ type: "ipv4-addr", value }) ?? "",
			value,
			...(marking === "none" ? {} : { object_marking_refs: [markingId(marking)] }),
			...(audience === undefined ? {} : { x_entente_audience: audience }),
		};
		// The observable is judged like any object of its poster with its marking and audience.
		const standIn: ModelObject = {
			id: sco.id,
			type: "indicator",
			poster,
			marking,
			...(audience === undefined ? {} : { audience }),
		};
		// The poster knows what it posted (its status resource names it); anyone else as the model says.
		const may = (now: ModelWorld, party: string) =>
			party === poster || decidedFor(now, standIn, party, PURPOSE);
		for (const text of [sco.id, `"value":"${value}"`])
			model.canaries.push({ text, what: `${poster}'s ${marking} ${value}`, may });
		model.observables.push(sco.id);
		await attack(model.world, real, poster, this.spec.via, [sco]);
		await real.check(world, model.canaries);
	}
	toString(): string {
		return `party ${this.spec.poster} adds an IP address ${this.spec.marking} audience=${this.spec.audience} by ${this.spec.via}`;
	}
}

/**
 * A partner publishes its own network traffic (TLP:CLEAR) from an address it knows only by id to one of its own:
 * the reference must not carry the id to anyone who may not receive that address.
 */
export class ReferenceObservable implements Command {
	readonly spec: { attacker: number; pick: number; via: Via };
	constructor(spec: ReferenceObservable["spec"]) {
		this.spec = spec;
	}
	check(model: Readonly<Model>): boolean {
		return model.observables.length > 0;
	}
	async run(model: Model, real: Real): Promise<void> {
		const attacker = partner(model.world, this.spec.attacker);
		const target = model.observables[this.spec.pick % model.observables.length];
		if (attacker === undefined || target === undefined) return;
		const own: StixObject = {
			type: "ipv4-addr",
			spec_version: "2.1",
			id: scoId({ type: "ipv4-addr", value: "192.0.2.1" }) ?? "",
			value: "192.0.2.1",
			object_marking_refs: [markingId("clear")],
		};
		const base = { type: "network-traffic", src_ref: target, dst_ref: own.id, protocols: ["tcp"] };
		const traffic: StixObject = {
			...base,
			spec_version: "2.1",
			id: scoId(base) ?? "",
			object_marking_refs: [markingId("clear")],
		};
		await attack(model.world, real, attacker, this.spec.via, [own, traffic]);
		await real.check(model.world, model.canaries);
	}
	toString(): string {
		return `party ${this.spec.attacker} references IP address ${this.spec.pick} from its traffic by ${this.spec.via}`;
	}
}

function markingId(marking: Exclude<ModelObject["marking"], "none">): string {
	return marking === "unknown" ? UNKNOWN_MARKING : TLP2_DEFINITIONS[marking].id;
}

export const addObservable = fc
	.record({ poster: fc.nat(5), marking, audience: fc.constantFrom(0, 0, 1, 2), via })
	.map((spec) => new AddObservable(spec));
export const referenceObservable = fc
	.record({ attacker: fc.nat(5), pick: fc.nat(2), via })
	.map((spec) => new ReferenceObservable(spec));
