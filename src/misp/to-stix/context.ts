// One event's conversion in progress: what it produced, what it had to leave out, and what names what.
import type { StixObject } from "../../stix/core.ts";
import { TLP2_DEFINITIONS } from "../../stix/markings/index.ts";
import type { ConversionNote } from "../types.ts";
import { GalaxyRelations } from "./galaxy-relations.ts";
import { type Handling, markingRefs, strictest, tlpLevel } from "./markings.ts";
import { Stamps } from "./time.ts";

/** A MISP ObjectReference waiting for every attribute and object to have its STIX id. */
export interface PendingReference {
	sourceId: string;
	relationshipType: string;
	targetUuid: string;
	path: string;
	markingRefs: readonly string[];
	ms: number;
}

export class EventContext {
	readonly objects: StixObject[] = [];
	readonly notes: ConversionNote[] = [];
	/** What the event's report or grouping names, in order. */
	readonly containerRefs: string[] = [];
	/** MISP uuid (attribute or object) → the STIX id a reference to it names. */
	readonly mainIdOf = new Map<string, string>();
	/** MISP uuid → every STIX id made from it (event reports name them all). */
	readonly idsOf = new Map<string, string[]>();
	readonly pending: PendingReference[] = [];
	/** GalaxyClusterRelations, resolved once every cluster of the event is read. */
	readonly galaxyRelations = new GalaxyRelations();
	readonly stamps = new Stamps();
	readonly createdByRef: string | undefined;
	readonly eventMs: number;
	readonly eventHandling: Handling;
	/** MispToStixOptions.indicatorsOnly. */
	readonly indicatorsOnly: boolean;
	readonly #fallback: readonly string[];
	readonly #ids = new Set<string>();
	readonly #markingsByKey = new Map<string, readonly string[]>();

	constructor(
		createdByRef: string | undefined,
		eventMs: number,
		eventHandling: Handling,
		fallback: readonly string[],
		indicatorsOnly = false,
	) {
		this.createdByRef = createdByRef;
		this.eventMs = eventMs;
		this.eventHandling = eventHandling;
		this.#fallback = fallback;
		this.indicatorsOnly = indicatorsOnly;
	}

	/** Adds `object` once (a second object under one id is dropped), named by the container unless `contained` is false. */
	add(object: StixObject, contained = true): void {
		if (this.#ids.has(object.id)) return;
		this.#ids.add(object.id);
		this.objects.push(object);
		if (contained) this.containerRefs.push(object.id);
	}

	has(id: string): boolean {
		return this.#ids.has(id);
	}

	note(path: string, reason: string): void {
		this.notes.push({ path, reason });
	}

	/** Records that `uuid` became `ids`, the first of them the one references name. */
	madeFrom(uuid: string, mainId: string, ids: readonly string[]): void {
		if (!this.mainIdOf.has(uuid)) this.mainIdOf.set(uuid, mainId);
		const known = this.idsOf.get(uuid);
		if (known === undefined) this.idsOf.set(uuid, [...ids]);
		else known.push(...ids);
	}

	/** The marking refs of an object whose own tags and distribution ask for `own`, with the event's. */
	markingRefsFor(own: Handling): readonly string[] {
		const handling = strictest(this.eventHandling, own);
		const key = `${handling.tlp}/${handling.pap}`;
		let refs = this.#markingsByKey.get(key);
		if (refs === undefined) {
			refs = markingRefs(handling, this.#fallback);
			this.#markingsByKey.set(key, refs);
			const level = tlpLevel(handling.tlp);
			// TLP 2.0 is not built into STIX: the definition travels with what uses it.
			if (level !== undefined)
				this.add(structuredClone(TLP2_DEFINITIONS[level]) as unknown as StixObject, false);
		}
		return refs;
	}
}
