// What a poster may learn from ingest results: nothing about objects it may not see, even that they exist.
import type { ObjectResult } from "./report.ts";

/**
 * The results as the poster may read them. A duplicate or conflicting post of an object the poster may not
 * see (`isHidden`) must not tell them it exists, so such a result reads as a plain `stored` (the version is
 * kept or quarantined as for anyone). TAXII Add Objects and REST publishing both answer through this.
 * @example await maskHidden(results, async (id) => !(await releasedToPoster(id)))
 */
export async function maskHidden(
	results: readonly ObjectResult[],
	isHidden: (id: string) => Promise<boolean>,
): Promise<ObjectResult[]> {
	const ids = new Set<string>();
	for (const result of results)
		if ((result.status === "duplicate" || result.status === "quarantined") && result.id !== undefined)
			ids.add(result.id);
	const hidden = new Set<string>();
	for (const id of ids) if (await isHidden(id)) hidden.add(id);
	return results.map((result) =>
		result.id !== undefined && hidden.has(result.id)
			? {
					index: result.index,
					id: result.id,
					...(result.version === undefined ? {} : { version: result.version }),
					status: "stored",
				}
			: result,
	);
}
