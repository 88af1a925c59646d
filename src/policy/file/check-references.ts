// Checks that every short key, code and id a policy file uses names something the file defines, once.
import { isUuidV4 } from "../../stix/ids/index.ts";
import type { ErrorSink, PathSegment } from "./locator.ts";
import type { PolicyEntries } from "./read-entries.ts";

const IDENTITY_PREFIX = "identity--";

/** Reports unknown references, repeated entries in lists, malformed and duplicate ids. */
export function checkReferences(entries: PolicyEntries, sink: ErrorSink): void {
	checkParties(entries, sink);
	checkJurisdictions(entries, sink);
	for (const [key, agreement] of entries.agreements) {
		checkList(
			sink,
			["agreements", key, "parties"],
			agreement.parties ?? [],
			entries.keys.parties,
			"party",
			"parties",
		);
		checkList(
			sink,
			["agreements", key, "communities"],
			agreement.communities ?? [],
			entries.keys.communities,
			"community",
			"communities",
		);
	}
	for (const [key, community] of entries.communities) {
		checkList(
			sink,
			["communities", key, "members"],
			community.members ?? [],
			entries.keys.parties,
			"party",
			"parties",
		);
		if (community.host !== undefined && !entries.keys.parties.has(community.host)) {
			sink.at(["communities", key, "host"], unknown("party", community.host, entries.keys.parties));
		}
		for (const [group, subgroup] of community.groups) {
			checkList(
				sink,
				["communities", key, "subgroups", group, "members"],
				subgroup.members ?? [],
				entries.keys.parties,
				"party",
				"parties",
			);
		}
	}
}

/** Every jurisdiction code a party or route may name: the defined ones and their members. */
export function knownJurisdictions(entries: PolicyEntries): Set<string> {
	const known = new Set(entries.keys.jurisdictions);
	for (const jurisdiction of entries.jurisdictions.values())
		for (const member of jurisdiction.members ?? []) known.add(member);
	return known;
}

function checkParties(entries: PolicyEntries, sink: ErrorSink): void {
	const byId = new Map<string, string>();
	const jurisdictions = knownJurisdictions(entries);
	for (const [key, party] of entries.parties) {
		const path = ["parties", key];
		if (party.id === undefined) {
			// Missing or not a string: reported by the shape check.
		} else if (!party.id.startsWith(IDENTITY_PREFIX) || !isUuidV4(party.id.slice(IDENTITY_PREFIX.length))) {
			sink.at(
				[...path, "id"],
				`"${party.id}" is not a STIX identity id: expected identity--<UUIDv4>, lower-case`,
			);
		} else if (party.id !== party.id.toLowerCase()) {
			sink.at([...path, "id"], `"${party.id}" must be lower-case`);
		} else {
			const other = byId.get(party.id);
			if (other !== undefined)
				sink.at([...path, "id"], `identity id ${party.id} is already used by party "${other}"`);
			else byId.set(party.id, key);
		}
		checkList(
			sink,
			[...path, "jurisdictions"],
			party.jurisdictions ?? [],
			jurisdictions,
			"jurisdiction",
			"jurisdictions",
		);
		checkList(sink, [...path, "clients"], party.clients ?? [], entries.keys.parties, "party", "parties");
	}
}

function checkJurisdictions(entries: PolicyEntries, sink: ErrorSink): void {
	const known = knownJurisdictions(entries);
	const basisOwner = new Map<string, string>();
	for (const [code, jurisdiction] of entries.jurisdictions) {
		const path = ["jurisdictions", code];
		(jurisdiction.members ?? []).forEach((member, index) => {
			if (member === code) sink.at([...path, "members", index], `${code} cannot be a member of itself`);
		});
		checkList(
			sink,
			[...path, "members"],
			jurisdiction.members ?? [],
			undefined,
			"jurisdiction",
			"jurisdictions",
		);
		for (const basis of jurisdiction.bases.keys()) {
			const owner = basisOwner.get(basis);
			// Legal basis ids are policy-wide: a route or a decision names one without its jurisdiction.
			if (owner !== undefined)
				sink.atKey([...path, "legalBases", basis], `legal basis "${basis}" is already defined by ${owner}`);
			else basisOwner.set(basis, code);
		}
		(jurisdiction.transferRoutes ?? []).forEach((route, index) => {
			const routePath = [...path, "transferRoutes", index];
			if (route.to === code)
				sink.at([...routePath, "to"], `a transfer route from ${code} cannot lead to ${code} itself`);
			else if (!known.has(route.to)) sink.at([...routePath, "to"], unknown("jurisdiction", route.to, known));
			if (!jurisdiction.bases.has(route.basis)) {
				const bases = [...jurisdiction.bases.keys()];
				sink.at(
					[...routePath, "basis"],
					`unknown legal basis "${route.basis}"; a route rests on a basis of ${code}` +
						(bases.length === 0 ? `, and ${code} defines none under legalBases` : `: ${bases.join(", ")}`),
				);
			}
		});
	}
}

/** Reports names not in `known` (when given) and names listed twice. */
function checkList(
	sink: ErrorSink,
	path: readonly PathSegment[],
	names: readonly string[],
	known: ReadonlySet<string> | undefined,
	what: string,
	plural: string,
): void {
	const seen = new Set<string>();
	names.forEach((name, index) => {
		if (seen.has(name)) sink.at([...path, index], `${what} "${name}" is listed twice`);
		else if (known !== undefined && !known.has(name))
			sink.at([...path, index], unknown(what, name, known, plural));
		seen.add(name);
	});
}

function unknown(what: string, name: string, known: ReadonlySet<string>, plural = `${what}s`): string {
	const list = [...known].sort();
	return list.length === 0
		? `unknown ${what} "${name}": the file defines no ${plural}`
		: `unknown ${what} "${name}"; known ${plural}: ${list.join(", ")}`;
}
