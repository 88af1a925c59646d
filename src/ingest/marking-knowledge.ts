// Which marking definitions this node understands: the pinned catalogue plus definitions it has stored.
import type { StixObject } from "../stix/core.ts";
import { classifyMarkingDefinition, isKnownMarkingRef } from "../stix/markings/index.ts";
import type { Store } from "../store/index.ts";

const NONE: readonly string[] = Object.freeze([]);

/**
 * The set the policy engine will trust. A marking is understood when it is in the catalogue
 * (TLP 1.0/2.0, PAP, IEP) or is a stored marking definition whose kind we know (e.g. a statement).
 * A definition that imitates TLP under a wrong id is never understood.
 */
export class MarkingKnowledge {
	readonly #understood = new Set<string>();

	/** Loads the marking definitions already in the store. */
	static async load(store: Store): Promise<MarkingKnowledge> {
		const knowledge = new MarkingKnowledge();
		let after: string | undefined;
		for (;;) {
			const page = await store.query({
				types: ["marking-definition"],
				versions: ["all"],
				limit: 1000,
				...(after === undefined ? {} : { after }),
			});
			for (const item of page.items) knowledge.learn(item.object);
			if (!page.more || page.next === undefined) return knowledge;
			after = page.next;
		}
	}

	/** Records a marking definition that passed validation, if its kind is understood; true when that is news. */
	learn(object: StixObject): boolean {
		if (object.type !== "marking-definition" || this.#understood.has(object.id)) return false;
		if (classifyMarkingDefinition(object) === undefined) return false;
		this.#understood.add(object.id);
		return true;
	}

	understands(ref: string): boolean {
		return isKnownMarkingRef(ref) || this.#understood.has(ref);
	}

	/** The refs among these that the node does not understand (a shared empty list when none). */
	unknownAmong(refs: readonly string[]): readonly string[] {
		// Almost every object's refs are all understood: answer that without a new array.
		let known = 0;
		while (known < refs.length && this.understands(refs[known] as string)) known++;
		return known === refs.length ? NONE : refs.filter((ref) => !this.understands(ref));
	}
}
