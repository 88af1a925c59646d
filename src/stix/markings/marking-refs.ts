// The marking-definition ids an object refers to.

/** Every marking-definition id an object refers to, at object level and in granular markings, as written. */
export function markingRefsOf(object: Readonly<Record<string, unknown>>): string[] {
	const refs: string[] = [];
	if (Array.isArray(object.object_marking_refs)) {
		for (const ref of object.object_marking_refs) if (typeof ref === "string") refs.push(ref);
	}
	const granular = object.granular_markings;
	if (Array.isArray(granular)) {
		for (const marking of granular) {
			const ref = (marking as { marking_ref?: unknown } | null)?.marking_ref;
			if (typeof ref === "string") refs.push(ref);
		}
	}
	return refs;
}
