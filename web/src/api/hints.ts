// Turns an ApiError into words for the analyst: what happened, and the fix (a command or a step), never a bare status.
import { ApiError } from "./client.ts";

export interface ErrorExplanation {
	title: string;
	/** The API's own description, when it says more than the title. */
	detail?: string;
	/** What to do about it. */
	fix: string;
}

/** What the analyst should read for `error` (an ApiError, or anything thrown while rendering a screen). */
export function explainError(error: unknown): ErrorExplanation {
	if (!(error instanceof ApiError)) {
		return {
			title: "Something went wrong in the web UI",
			detail: error instanceof Error ? error.message : String(error),
			fix: "Reload the page. If it happens again, report it with the steps that led here.",
		};
	}
	const detail = error.message === "" ? {} : { detail: `${error.message} [${error.code}]` };
	switch (error.code) {
		case "E_UI_NETWORK":
			return {
				title: "The node cannot be reached",
				...detail,
				fix: "Check that the node is running (`npm start`) and that this page was opened from its address.",
			};
		case "E_API_UNAUTHENTICATED":
			return {
				title: "The node did not accept this token",
				...detail,
				fix:
					"Sign in with the admin token the node printed when it first started, or a token made with " +
					"`entente users add --party PARTY_ID --name NAME --role analyst`. Tokens start with `ent_`.",
			};
		case "E_API_DENIED": {
			const required =
				typeof error.details.required_role === "string" ? error.details.required_role : "a higher";
			return {
				title: `Your role may not do this (it needs ${required})`,
				...detail,
				fix: `Ask the node's admin for a token with the ${required} role (\`entente users add … --role ${required}\`).`,
			};
		}
		case "E_API_OBJECT_NOT_FOUND":
			return {
				title: "No such object, or the policy does not release it to your organisation",
				...detail,
				fix: "Check the id, or try another purpose: what your organisation may see depends on why it asks.",
			};
		case "E_POLICY_NOT_FOUND":
			return {
				title: "No sharing policy has been applied on this node",
				...detail,
				fix: "Apply one with `entente policy apply FILE --data DIR` (e.g. examples/policy/reference-scenario.yaml).",
			};
		case "E_API_PARAMETER":
		case "E_API_CURSOR_INVALID":
			return {
				title: "The node refused the request's parameters",
				...detail,
				fix:
					error.code === "E_API_CURSOR_INVALID"
						? "The node restarted since this list was loaded: search again."
						: "Change the search and try again.",
			};
		case "E_SIGHTING_INVALID":
			return {
				title: "The node refused the sighting",
				...detail,
				fix: "Correct what the message names (the count, or the times seen) and record it again.",
			};
		case "E_POLICY_INVALID":
			return {
				title: "The node refused the policy file",
				...detail,
				fix: "Fix the errors the editor marks (each at its line and column), then try again.",
			};
		case "E_POLICY_EDIT_INVALID":
			return {
				title: "The node could not make this change",
				...detail,
				fix: "Correct what the message names (a key already used, a party or agreement that does not exist) and submit the form again.",
			};
		case "E_POLICY_IMPACT_RUNNING":
			return {
				title: "Another impact preview of yours is still running",
				...detail,
				fix: "Wait for it to finish (it ends within seconds), then preview again.",
			};
		case "E_API_BODY_TOO_LARGE":
			return {
				title: "Too much for one request",
				...detail,
				fix: "Split the bundle (at most 500 objects and 1 MiB at a time), or import large feeds with `entente import FILE`.",
			};
		case "E_API_MEDIA_TYPE":
			return {
				title: "The node did not accept the request's format",
				...detail,
				fix: "Reload the page: this web UI may be older than the node.",
			};
		default:
			return {
				title: `The node answered ${error.status === 0 ? "nothing" : error.status}`,
				...detail,
				fix:
					error.status >= 500
						? "The node failed; its log (standard error of `entente serve`) says why."
						: "Try again; if it persists, the node's log says why.",
			};
	}
}
