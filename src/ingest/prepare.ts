// One object's way in: upgrade STIX 2.0, validate, and note what the policy engine must know.

import { AppError } from "../errors/index.ts";
import { type StixObject, type ValidationIssue, versionOf } from "../stix/core.ts";
import { checkPinnedDefinition, markingRefsOf } from "../stix/markings/index.ts";
import { isStix20, upgradeObject } from "../stix/upgrade/index.ts";
import { validateObject } from "../stix/validate/index.ts";

export type Prepared =
	| {
			ok: true;
			object: StixObject;
			version: string;
			/** Issues of severity "warning": reported, object accepted. */
			warnings: ValidationIssue[];
			changes: readonly string[];
			/** SCOs minted while upgrading a STIX 2.0 observed-data; each still needs preparing. */
			related: readonly StixObject[];
			/** Marking refs this object carries (object-level and granular), for the marking check. */
			markingRefs: string[];
	  }
	| { ok: false; issues: ValidationIssue[]; reason?: string; id?: string; type?: string };

const NONE: readonly never[] = Object.freeze([]);

export interface PrepareContext {
	/** The input declared itself STIX 2.0. */
	stix20: boolean;
}

/** Turns one parsed JSON value into a valid STIX 2.1 object, or says every reason it is not one. */
export function prepareObject(raw: unknown, context: PrepareContext): Prepared {
	if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
		return {
			ok: false,
			issues: [
				{ path: "$", code: "type", message: "a STIX object must be a JSON object", severity: "error" },
			],
		};
	}
	let object = raw as StixObject;
	let changes: readonly string[] = NONE;
	let related: readonly StixObject[] = NONE;
	if (context.stix20 || isStix20(object)) {
		try {
			({ object, changes, related } = upgradeObject(object));
		} catch (error) {
			const reason = error instanceof AppError ? error.message : String(error);
			return { ok: false, issues: [], reason: `STIX 2.0 upgrade failed: ${reason}`, ...identify(object) };
		}
	}
	const issues = validateObject(object);
	let errors = 0;
	for (const issue of issues) if (issue.severity === "error") errors++;
	if (errors > 0) {
		return { ok: false, issues: issues.filter((issue) => issue.severity === "error"), ...identify(object) };
	}
	if (object.type === "marking-definition") {
		const pinned = checkPinnedDefinition(object);
		if (pinned?.ok === false) {
			return {
				ok: false,
				issues: [{ path: "$.id", code: "pinned-marking", message: pinned.reason, severity: "error" }],
				...identify(object),
			};
		}
	}
	return {
		ok: true,
		object,
		version: versionOf(object),
		warnings: issues,
		changes,
		related,
		markingRefs: markingRefsOf(object),
	};
}

/**
 * An object this node built itself (IngestItem `built`): prepared without validation, which costs more than the
 * rest of its way in (a feed's indicator pattern is parsed again). A marking definition or a STIX 2.0 object is
 * never taken on trust: it goes through prepareObject.
 */
export function prepareBuilt(object: StixObject): Prepared {
	if (object.type === "marking-definition" || isStix20(object))
		return prepareObject(object, { stix20: false });
	return {
		ok: true,
		object,
		version: versionOf(object),
		warnings: [],
		changes: NONE,
		related: NONE,
		markingRefs: markingRefsOf(object),
	};
}

function identify(object: StixObject): { id?: string; type?: string } {
	const found: { id?: string; type?: string } = {};
	if (typeof object.id === "string") found.id = object.id;
	if (typeof object.type === "string") found.type = object.type;
	return found;
}

export { markingRefsOf };
