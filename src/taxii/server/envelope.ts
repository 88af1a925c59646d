// The body of Add Objects (§5.5): a TAXII envelope (§3.7), never a STIX bundle.
import { AppError } from "../../errors/index.ts";
import { jsonLimits, parseJson } from "../../json/index.ts";

/**
 * The elements of an envelope's `objects` (possibly none). Syntax, depth and size rules are
 * parseJson's; a bundle or any other shape is refused as a whole so nothing of it is stored.
 * @throws AppError E_TAXII_NOT_ENVELOPE (422), or a E_JSON_* error for malformed JSON.
 */
export function parseEnvelope(body: Uint8Array): unknown[] {
	if (body.byteLength === 0) {
		throw new AppError(
			"E_TAXII_NOT_ENVELOPE",
			'the request body is empty; send a TAXII envelope {"objects": [...]}',
		);
	}
	const value = parseJson(body, jsonLimits({ maxBytes: Math.max(body.byteLength, 1) }));
	if (typeof value !== "object" || value === null || Array.isArray(value)) {
		throw new AppError(
			"E_TAXII_NOT_ENVELOPE",
			'the request body must be a TAXII envelope {"objects": [...]} (§3.7)',
		);
	}
	const envelope = value as Record<string, unknown>;
	if (envelope.type === "bundle") {
		throw new AppError(
			"E_TAXII_NOT_ENVELOPE",
			'this is a STIX bundle; TAXII 2.1 takes an envelope: send {"objects": [...]} without "type", "id" or "spec_version" (§5.5, §3.7)',
		);
	}
	if (envelope.type !== undefined || envelope.spec_version !== undefined) {
		throw new AppError(
			"E_TAXII_NOT_ENVELOPE",
			'a TAXII envelope has no "type" or "spec_version"; send {"objects": [...]} (§3.7)',
		);
	}
	const objects = envelope.objects;
	if (objects === undefined) return [];
	if (!Array.isArray(objects)) {
		throw new AppError(
			"E_TAXII_NOT_ENVELOPE",
			'the envelope\'s "objects" must be a list of STIX objects (§3.7)',
		);
	}
	return objects;
}
