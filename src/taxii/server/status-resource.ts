// The status resource (§4.3.1) of an Add Objects request, built from ingest's per-object results.
import type { ObjectResult } from "../../ingest/index.ts";
import type { StatusDetail, StatusResource } from "../../store/index.ts";

export type { StatusDetail, StatusRecord, StatusResource } from "../../store/index.ts";

/** Collects outcomes in input order while an envelope is processed. */
export class StatusBuilder {
	readonly #successes: StatusDetail[] = [];
	readonly #failures: StatusDetail[] = [];
	readonly #total: number;

	constructor(total: number) {
		this.#total = total;
	}

	succeed(detail: StatusDetail): void {
		this.#successes.push(detail);
	}

	fail(detail: StatusDetail): void {
		this.#failures.push(detail);
	}

	/** Records one ingest result; `identify` names objects ingest could not (e.g. a rejected object without an id). */
	addResult(result: ObjectResult, identify: (index: number) => { id: string; version: string }): void {
		const known = identify(result.index);
		const id = result.id ?? known.id;
		const version = result.version ?? known.version;
		switch (result.status) {
			case "stored":
				this.succeed(withMessage({ id, version }, result.flags?.length ? result.reason : undefined));
				break;
			case "duplicate":
				// §5.5: an exact duplicate of an object already present is not an error.
				this.succeed({ id, version, message: "already present" });
				break;
			case "quarantined":
				this.fail(withMessage({ id, version }, result.reason ?? "conflicts with the stored version"));
				break;
			case "rejected":
				this.fail(withMessage({ id, version }, rejectionMessage(result)));
				break;
		}
	}

	finish(id: string, requestTimestamp: string): StatusResource {
		const resource: StatusResource = {
			id,
			status: "complete",
			request_timestamp: requestTimestamp,
			total_count: this.#total,
			success_count: this.#successes.length,
			failure_count: this.#failures.length,
			pending_count: 0,
		};
		if (this.#successes.length > 0) resource.successes = this.#successes;
		if (this.#failures.length > 0) resource.failures = this.#failures;
		return resource;
	}
}

function withMessage(detail: StatusDetail, message: string | undefined): StatusDetail {
	return message === undefined ? detail : { ...detail, message };
}

function rejectionMessage(result: ObjectResult): string {
	const issues = (result.issues ?? []).slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`);
	const more = (result.issues?.length ?? 0) > 5 ? ` (and ${(result.issues?.length ?? 0) - 5} more)` : "";
	const parts = [result.reason, issues.length > 0 ? issues.join("; ") + more : undefined].filter(
		(part): part is string => part !== undefined && part !== "",
	);
	return parts.length > 0 ? `invalid: ${parts.join("; ")}` : "invalid STIX 2.1 object";
}
