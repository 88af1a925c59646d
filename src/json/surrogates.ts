// Lone UTF-16 surrogates: valid JSON (`"\ud800"`), invalid Unicode; refused so no partner receives broken text.

/**
 * The JSONPath of the first string (value or key) holding a lone surrogate, or undefined. Raw UTF-8
 * cannot encode a surrogate (the fatal decoder refuses it), so only a `\uD…` escape can produce one:
 * callers walk only values whose byte scan saw such an escape (`ValueScanner.surrogateEscape`).
 * Iterative, so deep values cannot overflow the stack.
 */
export function findLoneSurrogate(root: unknown): string | undefined {
	const pending: [unknown, string][] = [[root, "$"]];
	while (pending.length > 0) {
		const [value, path] = pending.pop() as [unknown, string];
		if (typeof value === "string") {
			if (!value.isWellFormed()) return path;
		} else if (Array.isArray(value)) {
			value.forEach((item, index) => {
				pending.push([item, `${path}[${index}]`]);
			});
		} else if (typeof value === "object" && value !== null) {
			for (const [key, item] of Object.entries(value)) {
				const child = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
					? `${path}.${key}`
					: `${path}[${JSON.stringify(key)}]`;
				if (!key.isWellFormed()) return child;
				pending.push([item, child]);
			}
		}
	}
	return undefined;
}
