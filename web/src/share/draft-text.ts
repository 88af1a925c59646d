// The JSON an analyst pastes or loads: a STIX bundle, `{ "objects": [...] }`, a list of objects or one object.

export type DraftText = { ok: true; objects: unknown[] } | { ok: false; message: string };

/**
 * The objects `text` holds, in the order written, or why it holds none. The node validates each object;
 * this only finds the list.
 * @example parseDraft('{"type":"bundle","id":"bundle--…","objects":[…]}')
 */
export function parseDraft(text: string): DraftText {
	if (text.trim() === "")
		return { ok: false, message: "Paste a STIX bundle or object, pick a file, or build an indicator first." };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return {
			ok: false,
			message: `The JSON does not parse: ${(error as Error).message}. Fix it and preview again.`,
		};
	}
	if (Array.isArray(value)) return { ok: true, objects: value };
	if (typeof value === "object" && value !== null) {
		const record = value as Record<string, unknown>;
		if (Array.isArray(record.objects)) return { ok: true, objects: record.objects };
		if (typeof record.type === "string" && record.type !== "bundle") return { ok: true, objects: [value] };
	}
	return {
		ok: false,
		message:
			'Expected a STIX bundle ({"type": "bundle", "objects": [...]}), a list of objects, or one object.',
	};
}

/** The text of a bundle holding `objects`, as the editor shows it. */
export function bundleText(objects: readonly unknown[], id: string): string {
	return JSON.stringify({ type: "bundle", id: `bundle--${id}`, objects }, null, 2);
}
