// The type a route's command returns for an answer of shape T: the domain hands over readonly arrays and records
// (policy/'s Decision, ingest's results), and the API only serialises them, so any deep-readonly form of T will do.

/**
 * `T` with every array, record and property readonly, deeply: a mutable value is one too, so a command may return
 * either. The route's answer schema stays the one truth; this only relaxes mutability.
 */
export type Presented<T> = T extends readonly (infer U)[]
	? readonly Presented<U>[]
	: T extends object
		? { readonly [K in keyof T]: Presented<T[K]> }
		: T;
