// Refuses a policy that says two things at once or grants more than an agreement allows, saying why.
import { TLP_LEVELS, type TlpLevel } from "../model.ts";
import { type ErrorSink, formatPath } from "./locator.ts";
import type { PolicyEntries } from "./read-entries.ts";
import type { AgreementEntry } from "./schema.ts";

type AgreementRead = Partial<AgreementEntry>;

export interface GrantCheckOptions {
	/** This node's name; when given, the file's `node` must be it. */
	nodeName?: string | undefined;
}

/** Reports contradictions between parties, agreements, communities and transfer routes. */
export function checkGrants(entries: PolicyEntries, sink: ErrorSink, options: GrantCheckOptions): void {
	checkNodes(entries, sink, options);
	checkAgreementShapes(entries, sink);
	checkCeilings(entries, sink);
	checkTreatmentsAgainstRoutes(entries, sink);
}

function checkNodes(entries: PolicyEntries, sink: ErrorSink, options: GrantCheckOptions): void {
	const here = entries.node;
	if (here !== undefined && options.nodeName !== undefined && here !== options.nodeName) {
		sink.at(["node"], `this policy is written for node "${here}", but this node is "${options.nodeName}"`);
	}
	for (const [key, party] of entries.parties) {
		const path = ["parties", key];
		if (party.local && here !== undefined && party.node !== undefined && party.node !== here) {
			sink.at(
				[...path, "node"],
				`party "${key}" is local, so this node ("${here}") hosts it, not "${party.node}"`,
			);
		}
		if (party.local === false && party.node === undefined) {
			sink.atKey(
				path,
				`missing required key "node": a partner's party names the node that hosts it (or set local: true)`,
			);
		}
		if (party.local === false && party.node !== undefined && party.node === here) {
			sink.at(
				[...path, "node"],
				`party "${key}" is hosted on this node ("${here}") but not marked local: true`,
			);
		}
		(party.clients ?? []).forEach((client, index) => {
			if (client === key) sink.at([...path, "clients", index], `party "${key}" cannot be a client of itself`);
		});
	}
}

function checkAgreementShapes(entries: PolicyEntries, sink: ErrorSink): void {
	for (const [key, agreement] of entries.agreements) {
		const path = ["agreements", key];
		if (agreement.kind === "bilateral") {
			if (agreement.parties !== undefined && agreement.parties.length !== 2) {
				sink.at(
					[...path, "parties"],
					`a bilateral agreement binds exactly 2 parties; "${key}" lists ${agreement.parties.length}`,
				);
			}
			if (agreement.communities !== undefined && agreement.communities.length > 0) {
				sink.at(
					[...path, "communities"],
					"a bilateral agreement binds two parties, not communities; make it multilateral",
				);
			}
		} else if (partiesOf(entries, agreement).size < 2) {
			sink.atKey(
				path,
				`multilateral agreement "${key}" binds fewer than 2 parties through its parties and communities`,
			);
		}
	}
	for (const [key, community] of entries.communities) {
		const members = new Set(community.members ?? []);
		for (const [group, subgroup] of community.groups) {
			(subgroup.members ?? []).forEach((member, index) => {
				if (entries.keys.parties.has(member) && !members.has(member)) {
					sink.at(
						["communities", key, "subgroups", group, "members", index],
						`"${member}" is not a member of community "${key}", so it cannot be in its subgroup "${group}"`,
					);
				}
			});
		}
	}
}

/** Neither a subgroup nor a party may be set to receive more than the agreements covering it allow. */
function checkCeilings(entries: PolicyEntries, sink: ErrorSink): void {
	// An agreement with a malformed ceiling or membership (reported already) leaves nothing to compare with.
	const judgeable = [...entries.agreements.values()].every(
		(agreement) =>
			agreement.tlpCeiling !== undefined &&
			agreement.parties !== undefined &&
			agreement.communities !== undefined,
	);
	if (!judgeable) return;
	for (const [key, community] of entries.communities) {
		const covering = [...entries.agreements].filter(
			([, agreement]) => agreement.communities?.includes(key) === true,
		);
		for (const [group, subgroup] of community.groups) {
			if (subgroup.tlpCeiling === undefined) continue;
			const reason = exceeds(subgroup.tlpCeiling, covering, `community "${key}"`);
			if (reason !== undefined) {
				sink.at(["communities", key, "subgroups", group, "tlpCeiling"], `subgroup "${group}" ${reason}`);
			}
		}
	}
	for (const [key, party] of entries.parties) {
		if (party.tlpCeiling === undefined) continue;
		const covering = [...entries.agreements].filter(([, agreement]) =>
			partiesOf(entries, agreement).has(key),
		);
		const reason = exceeds(party.tlpCeiling, covering, `party "${key}"`);
		if (reason !== undefined) sink.at(["parties", key, "tlpCeiling"], `party "${key}" ${reason}`);
	}
}

/** Why `ceiling` grants more than the widest of `covering` agreements, or undefined when it does not. */
function exceeds(
	ceiling: TlpLevel,
	covering: readonly [string, AgreementRead][],
	subject: string,
): string | undefined {
	const rank = (level: TlpLevel): number => TLP_LEVELS.indexOf(level);
	const widest = covering.reduce<TlpLevel>(
		(most, [, agreement]) =>
			agreement.tlpCeiling !== undefined && rank(agreement.tlpCeiling) > rank(most)
				? agreement.tlpCeiling
				: most,
		"clear",
	);
	if (rank(ceiling) <= rank(widest)) return undefined;
	const label = `TLP:${ceiling.toUpperCase()}`;
	if (covering.length === 0) {
		return `would receive up to ${label}, but no agreement covers ${subject}, so nothing above TLP:CLEAR may reach it`;
	}
	const names = covering.map(([name]) => name).join(", ");
	return `would receive up to ${label}, but the agreements covering ${subject} (${names}) allow at most TLP:${widest.toUpperCase()}; lower tlpCeiling to ${widest} or below`;
}

/**
 * An agreement that requires personal data to be treated, and a transfer route that lets the same
 * data go as it is between two of its parties for one of its purposes, say opposite things about one flow.
 */
function checkTreatmentsAgainstRoutes(entries: PolicyEntries, sink: ErrorSink): void {
	for (const [key, agreement] of entries.agreements) {
		const purposes = agreement.purposes;
		if (agreement.treatments === undefined || agreement.treatments.length === 0 || purposes === undefined)
			continue;
		const parties = [...partiesOf(entries, agreement)];
		const reported = new Set<string>();
		for (const from of parties) {
			for (const to of parties) {
				if (from === to) continue;
				const source = scopesOf(entries, from);
				const target = scopesOf(entries, to);
				for (const code of source) {
					(entries.jurisdictions.get(code)?.transferRoutes ?? []).forEach((route, index) => {
						const routeId = `${code}:${index}`;
						if (reported.has(routeId) || !target.has(route.to) || source.has(route.to)) return;
						const shared = purposes.filter((purpose) => route.purposes?.includes(purpose) ?? true);
						if (shared.length === 0) return;
						reported.add(routeId);
						sink.atKey(
							["agreements", key, "treatments"],
							`agreement "${key}" requires ${describeTreatments(agreement)} between its parties, but the transfer route ` +
								`${code} → ${route.to} (${formatPath(["jurisdictions", code, "transferRoutes", index])}, basis ${route.basis}) ` +
								`lets personal data go as it is from "${from}" to "${to}" for ${shared.join(", ")}; ` +
								"narrow the route's purposes or drop the treatment",
						);
					});
				}
			}
		}
	}
}

function describeTreatments(agreement: AgreementRead): string {
	return (agreement.treatments ?? [])
		.map((rule) => `${rule.treatment} ${rule.objectType}${rule.role === undefined ? "" : ` (${rule.role})`}`)
		.join(", ");
}

/** Party keys an agreement binds: those it names and the members of the communities it names. */
export function partiesOf(entries: PolicyEntries, agreement: AgreementRead): Set<string> {
	const parties = new Set(agreement.parties ?? []);
	for (const community of agreement.communities ?? []) {
		for (const member of entries.communities.get(community)?.members ?? []) parties.add(member);
	}
	return parties;
}

/** A party's jurisdictions and the blocs that list one of them as a member. */
function scopesOf(entries: PolicyEntries, partyKey: string): Set<string> {
	const scopes = new Set(entries.parties.get(partyKey)?.jurisdictions ?? []);
	for (const [code, jurisdiction] of entries.jurisdictions) {
		if ((jurisdiction.members ?? []).some((member) => scopes.has(member))) scopes.add(code);
	}
	return scopes;
}
