// One MISP event being filled: its attributes and objects by uuid (so a relationship or sighting finds where its
// source went), its galaxies, and the latest timestamp of anything in it.
import type { StixObject } from "../../stix/core.ts";
import { mergeGalaxy } from "./galaxies.ts";
import type { MispAttribute, MispEvent, MispGalaxy, MispObject } from "./misp-json.ts";
import { distributionOf } from "./tags.ts";

export class EventBuilder {
	readonly event: MispEvent;
	readonly attributes = new Map<string, MispAttribute>();
	readonly objects = new Map<string, MispObject>();
	/** Galaxy clusters by the SDO id they came from. */
	readonly clusters = new Set<string>();

	constructor(event: MispEvent) {
		this.event = event;
	}

	has(uuid: string): boolean {
		return this.attributes.has(uuid) || this.objects.has(uuid);
	}

	add(converted: { attribute: MispAttribute } | { object: MispObject }): void {
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

	/** The finished event, its distribution no wider than its TLP tag. */
	finish(): { Event: MispEvent } {
		this.event.distribution = distributionOf(this.event.Tag);
		return { Event: this.event };
	}
}
