// New releases as they leave the node (D59): the one place the stream and the release webhooks ask the egress gate.
// A version is released to the reader at send time: a copy hidden since it was committed is simply not sent.
import type { StixObject } from "../../stix/core.ts";
import type { StoredVersion } from "../../store/index.ts";
import type { ApiGate, ApiViewer } from "../gate.ts";
import { type ReleaseFilter, wantsCopy, wantsVersion } from "./release-filter.ts";

/** A version the reader receives, with its commit-log position, and the copy released to it. */
export interface ReleasedNews {
	position: string;
	copy: StixObject;
}

/**
 * The copies of `versions` released to `viewer` now that match `filter`, in commit order.
 * @example await releasedNews(gate, viewerOf(user, "network-defence"), { types: ["indicator"] }, page.versions)
 */
export async function releasedNews(
	gate: ApiGate,
	viewer: ApiViewer,
	filter: ReleaseFilter,
	versions: readonly StoredVersion[],
): Promise<ReleasedNews[]> {
	const wanted = versions.filter((version) => wantsVersion(filter, version));
	if (wanted.length === 0) return [];
	const copies = await gate.releasePage(viewer, wanted);
	return wanted.flatMap((version, i) => {
		const copy = copies[i];
		return copy !== undefined && wantsCopy(filter, copy) ? [{ position: version.dateAdded, copy }] : [];
	});
}
