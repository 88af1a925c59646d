// What `entente doctor` reports per check: passed, a warning, failed or not run, and what to do about it.

/** `warn`: works, but worth fixing; `skip`: not run, because a check it needs failed or it does not apply. */
export type CheckStatus = "ok" | "warn" | "fail" | "skip";

export interface Check {
	/** What was checked, e.g. "node key", "peer berlin". */
	name: string;
	status: CheckStatus;
	/** What was found, in words. */
	detail: string;
	/** What to do, when the status is not ok. */
	fix?: string;
}

export function ok(name: string, detail: string): Check {
	return { name, status: "ok", detail };
}

export function warn(name: string, detail: string, fix: string): Check {
	return { name, status: "warn", detail, fix };
}

export function fail(name: string, detail: string, fix: string): Check {
	return { name, status: "fail", detail, fix };
}

export function skip(name: string, detail: string): Check {
	return { name, status: "skip", detail };
}
