// The sample set an empty node can load in one click (issue 16 item 7): examples/samples/sample-set.json, made the
// node's own at load time — authored by its organisation, under ids derived from that organisation's id.
import { readFile } from "node:fs/promises";
import { uuidV5 } from "../stix/ids/index.ts";

/** The author the file names; replaced by the loading organisation. */
export const SAMPLE_SET_AUTHOR = "identity--00000000-0000-4000-8000-00000000a0a0";

/** The file, shipped in the package (package.json `files` lists examples/). */
export const SAMPLE_SET_FILE = new URL("../../examples/samples/sample-set.json", import.meta.url);

/** Types whose ids are content-derived (STIX 2.1 §2.9): kept, so the same value is the same observable everywhere. */
const KEPT_ID_TYPES = new Set([
	"marking-definition",
	"domain-name",
	"ipv4-addr",
	"ipv6-addr",
	"url",
	"file",
	"email-addr",
]);

/**
 * The sample set's objects for `organizationId`: every `created_by_ref` names it, and each object of the file (but
 * observables and marking definitions) gets an id derived from the organisation's and the file's (UUIDv5), with every
 * reference rewritten. The same organisation gets the same objects each time (a second load is all duplicates);
 * two nodes loading it author distinct objects, so they never contend for an id when they federate.
 * @throws when the file is missing or not a bundle (a broken install).
 */
export async function sampleSetObjects(organizationId: string): Promise<Record<string, unknown>[]> {
	const bundle = JSON.parse(await readFile(SAMPLE_SET_FILE, "utf8")) as { objects?: unknown };
	if (!Array.isArray(bundle.objects)) throw new Error(`${SAMPLE_SET_FILE.pathname} is not a STIX bundle`);
	const namespace = organizationId.slice(organizationId.indexOf("--") + 2);
	const ids = new Map<string, string>([[SAMPLE_SET_AUTHOR, organizationId]]);
	for (const object of bundle.objects as { type: string; id: string }[])
		if (!KEPT_ID_TYPES.has(object.type))
			ids.set(object.id, `${object.type}--${uuidV5(namespace, object.id)}`);
	return (bundle.objects as Record<string, unknown>[]).map(
		(object) => renamed(object, ids) as Record<string, unknown>,
	);
}

/** `value` with every string that is a key of `ids` replaced by its value, deeply. */
function renamed(value: unknown, ids: ReadonlyMap<string, string>): unknown {
	if (typeof value === "string") return ids.get(value) ?? value;
	if (Array.isArray(value)) return value.map((item) => renamed(item, ids));
	if (value !== null && typeof value === "object")
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item, ids)]));
	return value;
}
