// Shared by the commands that show the node as a party sees it: resolve the party and the purpose, read through the gate.
import { InvalidArgumentError } from "commander";
import { AppError } from "../../errors/index.ts";
import type { OpenNode } from "../../main.ts";
import { DEFAULT_PURPOSE, PURPOSES, type Purpose, type Viewer } from "../../policy/index.ts";

export function parsePurpose(value: string): Purpose {
	const purpose = PURPOSES.find((p) => p === value.trim().toLowerCase());
	if (purpose === undefined) throw new InvalidArgumentError(`a purpose is one of ${PURPOSES.join(", ")}`);
	return purpose;
}

/**
 * The party id `text` names: a party of the latest policy by identity id or by name (case-insensitive),
 * or an organisation of this node by id or name.
 * @throws AppError E_PARTY_UNKNOWN naming where to look.
 */
export async function resolveParty(node: OpenNode, text: string): Promise<{ id: string; name: string }> {
	const wanted = text.trim().toLowerCase();
	const policy = (await node.store.getPolicy())?.policy;
	for (const party of policy?.parties ?? [])
		if (party.id === text || party.name.toLowerCase() === wanted) return { id: party.id, name: party.name };
	for (const organization of await node.store.listOrganizations())
		if (organization.id === text || organization.name.toLowerCase() === wanted)
			return { id: organization.id, name: organization.name };
	throw new AppError(
		"E_PARTY_UNKNOWN",
		`no party or organisation is named "${text}"; see 'entente policy show' and 'entente users list'`,
	);
}

/** The viewer the CLI acts as: the party, a user name recording that the operator asked, the purpose. */
export function cliViewer(partyId: string, purpose: Purpose | undefined): Viewer {
	return { partyId, userId: "cli", purpose: purpose ?? DEFAULT_PURPOSE };
}

/** The stored latest version of an object, or E_INPUT_NOT_FOUND (the operator sees everything: no 404 masking here). */
export async function latestVersionOf(node: OpenNode, id: string) {
	const [version] = await node.store.getVersions(id, ["last"]);
	if (version === undefined) throw new AppError("E_INPUT_NOT_FOUND", `this node holds no object ${id}`);
	return version;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** What `--version` accepts: a STIX timestamp, an object version's `modified`. */
export function parseVersionTimestamp(value: string): string {
	const text = value.trim();
	if (!TIMESTAMP.test(text) || Number.isNaN(Date.parse(text)))
		throw new InvalidArgumentError("a version is a STIX timestamp such as 2026-01-31T12:00:00.000Z");
	return text;
}

/**
 * The stored version of an object modified at `version`, or its latest when `version` is absent;
 * E_INPUT_NOT_FOUND otherwise (the operator sees everything: no 404 masking here).
 */
export async function versionOf(node: OpenNode, id: string, version: string | undefined) {
	if (version === undefined) return latestVersionOf(node, id);
	const [found] = await node.store.getVersions(id, [{ modified: version }]);
	if (found === undefined)
		throw new AppError("E_INPUT_NOT_FOUND", `this node holds no version ${version} of ${id}`);
	return found;
}
