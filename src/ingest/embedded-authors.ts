// The authors named inside an object: embedded objects (a STIX 2.0 observed-data's `objects`, a bundle
// or object carried in a property) speak for whoever their own created_by_ref names.

/**
 * Every `created_by_ref` string below the top level of `object`, with its JSONPath, at any depth.
 * Iterative, so a deep value cannot overflow the stack (parseJson bounded the depth already).
 * @example embeddedAuthors({ objects: { "0": { created_by_ref: "identity--x" } } })
 * // → [{ path: "$.objects.0.created_by_ref", author: "identity--x" }]
 */
export function embeddedAuthors(object: Record<string, unknown>): { path: string; author: string }[] {
	const found: { path: string; author: string }[] = [];
	const pending: [unknown, string][] = Object.entries(object).map(([key, value]) => [value, `$.${key}`]);
	while (pending.length > 0) {
		const [value, path] = pending.pop() as [unknown, string];
		if (Array.isArray(value)) {
			value.forEach((item, index) => {
				pending.push([item, `${path}[${index}]`]);
			});
		} else if (typeof value === "object" && value !== null) {
			for (const [key, item] of Object.entries(value)) {
				if (key === "created_by_ref" && typeof item === "string")
					found.push({ path: `${path}.${key}`, author: item });
				else pending.push([item, `${path}.${key}`]);
			}
		}
	}
	return found;
}
