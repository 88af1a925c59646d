// Names for identity ids (created_by_ref and parties): your own organisation, then the identity object if the
// gate releases it to you, then names the previews told us; else the id is shown. One cache per session.

export type NameLookup = (id: string) => Promise<string | undefined>;

export interface NameCache {
	/** The name for `id`, fetched at most once per session. */
	nameOf: (id: string) => Promise<string | undefined>;
	/** A name learnt elsewhere (a preview lists every party with its name). */
	remember: (id: string, name: string) => void;
}

/** A cache over `lookup` (typically GET /objects/{id}). */
export function createNameCache(lookup: NameLookup): NameCache {
	const names = new Map<string, Promise<string | undefined>>();
	return {
		nameOf(id) {
			let name = names.get(id);
			if (name === undefined) {
				name = lookup(id).catch(() => undefined);
				names.set(id, name);
			}
			return name;
		},
		remember(id, name) {
			names.set(id, Promise.resolve(name));
		},
	};
}
