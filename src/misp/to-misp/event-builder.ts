// One MISP event being filled: its attributes and objects by uuid (so a relationship or sighting finds where its
// source went), its galaxies, and the latest timestamp of anything in it.
import type { StixObject } from "../../stix/core.ts";
import { mergeGalaxy } from "./galaxies.ts";
import type { ConversionNote, MispAttribute, MispEvent, MispGalaxy, MispObject } from "./misp-json.ts";
import { distributionOf } from "./tags.ts";

export class EventBuilder {
	readonly event: MispEvent;
	readonly attributes = new Map<string, MispAttribute>();
	readonly objects = new Map<string, MispObject>();
	/** Galaxy clusters by the SDO id they came from. */
	readonly clusters = new Set<string>();
	/** The STIX id each attribute or object came from, for the notes `finish` writes. */
	readonly sources = new Map<string, string>();

	constructor(event: MispEvent) {
		this.event = event;
	}

	has(uuid: string): boolean {
		return this.attributes.has(uuid) || this.objects.has(uuid);
	}

	add(converted: { attribute: MispAttribute } | { object: MispObject }, sourceId: string): void {
		this.sources.set("attribute" in converted ? converted.attribute.uuid : converted.object.uuid, sourceId);
		if ("attribute" in converted) {
			this.attributes.set(converted.attribute.uuid, converted.attribute);
			this.event.Attribute.push(converted.attribute);
			this.touch(converted.attribute.timestamp);
		} else {
			this.objects.set(converted.object.uuid, converted.object);
			this.event.Object.push(converted.object);
			this.touch(converted.object.timestamp);
		}
	}

	addGalaxy(sdo: StixObject, galaxy: MispGalaxy): void {
		this.clusters.add(sdo.id);
		mergeGalaxy(this.event.Galaxy, galaxy);
	}

	/** The event's timestamp is the latest of its contents', so a MISP pulling by timestamp sees every change. */
	touch(timestamp: string): void {
		if (Number(timestamp) > Number(this.event.timestamp)) this.event.timestamp = timestamp;
	}

	/**
	 * The finished event, its distribution no wider than its TLP tag. MISP marks every attribute without a TLP tag of
	 * its own with its event's TLP, or by the event's distribution when it has none (misp-stix and D53 read "your
	 * organisation only" back as TLP:AMBER+STRICT): each such attribute's source is noted, since a STIX report's
	 * markings do not pass to what it names.
	 */
	finish(notes: ConversionNote[]): { Event: MispEvent } {
		this.event.distribution = distributionOf(this.event.Tag);
		const eventTlp = this.event.Tag.find((tag) => tag.name.startsWith("tlp:"))?.name;
		const reason =
			eventTlp === undefined
				? "no TLP marking: MISP holds it under the event's distribution 'your organisation only', read back as TLP:AMBER+STRICT"
				: `no TLP marking of its own: MISP holds it under its event's ${eventTlp}`;
		for (const [uuid, sourceId] of this.sources) {
			const tags = this.attributes.get(uuid)?.Tag ?? this.objects.get(uuid)?.Attribute[0]?.Tag ?? [];
			if (!tags.some((tag) => tag.name.startsWith("tlp:")))
				notes.push({ path: `${sourceId}.object_marking_refs`, reason });
		}
		return { Event: this.event };
	}
}
