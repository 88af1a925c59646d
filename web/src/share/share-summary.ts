// What publishing a previewed draft would send, per party: the sentence the confirmation asks about.
import type { DraftPreview } from "../api/types.ts";

export interface PartyShare {
	partyId: string;
	name: string;
	local: boolean;
	/** New objects this party would receive (as written or changed). */
	objects: number;
	/** Of those, how many as a changed copy. */
	changed: number;
}

export interface ShareSummary {
	/** Objects publishing would store (not duplicates, not conflicts). */
	newObjects: number;
	receiving: PartyShare[];
	/** Parties that would receive none of the new objects. */
	nothing: PartyShare[];
}

/** Per party, what the preview's new objects would send it, in the policy's order. */
export function summarise(preview: DraftPreview): ShareSummary {
	const fresh = preview.objects.filter((object) => object.outcome === "new");
	const byParty = new Map<string, PartyShare>();
	for (const object of fresh)
		for (const party of object.parties) {
			const share = byParty.get(party.partyId) ?? {
				partyId: party.partyId,
				name: party.name,
				local: party.local,
				objects: 0,
				changed: 0,
			};
			const copy = object.copies[party.partyId];
			if (copy !== undefined && copy.outcome !== "withheld") share.objects++;
			if (copy?.outcome === "changed") share.changed++;
			byParty.set(party.partyId, share);
		}
	const shares = [...byParty.values()];
	return {
		newObjects: fresh.length,
		receiving: shares.filter((share) => share.objects > 0),
		nothing: shares.filter((share) => share.objects === 0),
	};
}

/** "3 of 8 parties will receive …" */
export function headline(summary: ShareSummary): string {
	const total = summary.receiving.length + summary.nothing.length;
	if (summary.newObjects === 0)
		return "Nothing new would be stored: every object is already here or in conflict.";
	if (total === 0) return "No sharing policy is applied: nothing will leave this node.";
	return `${summary.receiving.length} of ${total} parties will receive ${summary.newObjects === 1 ? "this object" : `some of these ${summary.newObjects} objects`}.`;
}
