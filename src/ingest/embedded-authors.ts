// The authors named inside an object: embedded objects (a STIX 2.0 observed-data's `objects`, a bundle
// or object carried in a property) speak for whoever their own created_by_ref names.

/**
 * Every `created_by_ref` string below the top level of `object`, with its JSONPath, at any depth.
 * Iterative, so a deep value cannot overflow the stack (parseJson bounded the depth already); only objects and
 * arrays are queued and only their paths are built, so a flat object costs one pass over its keys.
 * @example embeddedAuthors({ objects: { "0": { created_by_ref: "identity--x" } } })
 * // → [{ path: "$.objects.0.created_by_ref", author: "identity--x" }]
 */
export function embeddedAuthors(object: Record<string, unknown>): { path: string; author: string }[] {
	const found: { path: string; author: string }[] = [];
	const pending: [object, string][] = [];
	const queue = (value: unknown, path: string): void => {
		if (typeof value === "object" && value !== null) pending.push([value, path]);
	};
	for (const key of Object.keys(object)) queue(object[key], `$.${key}`);
	while (pending.length > 0) {
		const [value, path] = pending.pop() as [object, string];
		if (Array.isArray(value)) {
			for (let index = 0; index < value.length; index++) queue(value[index], `${path}[${index}]`);
			continue;
		}
		const record = value as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const item = record[key];
			if (key === "created_by_ref" && typeof item === "string")
				found.push({ path: `${path}.${key}`, author: item });
			else queue(item, `${path}.${key}`);
		}
	}
	return found;
}
