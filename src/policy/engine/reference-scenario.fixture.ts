// The reference scenario of issue #4 as a Policy seen from the UK NCA's node, for tests, docs and benchmarks.
import type { StixObject } from "../../stix/core.ts";
import { HANDLING_IDS, PAP_IDS, TLP1_DEFINITIONS, TLP2_DEFINITIONS } from "../../stix/markings/index.ts";
import type { Agreement, DecisionSubject, Jurisdiction, Party, Policy } from "../model.ts";

/** Party ids (STIX identity ids). NCA is the only local party: the node is the NCA's. */
export const IDS = {
	nca: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000001",
	fbi: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000002",
	ec3: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000003",
	nlPolice: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000004",
	bka: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000005",
	coPolice: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000006",
	bank: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000007",
	uniCert: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000008",
	atPolice: "identity--0a5e0c2d-6b1e-4c1a-8f3e-000000000009",
	caPolice: "identity--0a5e0c2d-6b1e-4c1a-8f3e-00000000000a",
	frPolice: "identity--0a5e0c2d-6b1e-4c1a-8f3e-00000000000b",
	itPolice: "identity--0a5e0c2d-6b1e-4c1a-8f3e-00000000000c",
	esPolice: "identity--0a5e0c2d-6b1e-4c1a-8f3e-00000000000d",
	auPolice: "identity--0a5e0c2d-6b1e-4c1a-8f3e-00000000000e",
	/** A partner the NCA has suspended. */
	suspended: "identity--0a5e0c2d-6b1e-4c1a-8f3e-00000000000f",
} as const;

/** A fixed instant at which every agreement and legal basis below is in force. */
export const SCENARIO_NOW = new Date("2025-06-01T00:00:00Z");

function party(
	id: string,
	name: string,
	sector: Party["sector"],
	jurisdictions: readonly string[],
	extra: Partial<Party> = {},
): Party {
	return {
		id,
		name,
		sector,
		jurisdictions,
		node: `node-${name.toLowerCase().replace(/[^a-z]+/g, "-")}`,
		local: false,
		trustTier: 1,
		clients: [],
		status: "active",
		understands: ["tlp1", "tlp2"],
		...extra,
	};
}

export const PARTIES: readonly Party[] = [
	party(IDS.nca, "UK NCA", "law-enforcement", ["GB"], {
		local: true,
		node: "entente-nca",
		clients: [IDS.bank],
	}),
	party(IDS.fbi, "US FBI", "law-enforcement", ["US"]),
	party(IDS.ec3, "Europol EC3", "international-body", ["EU"]),
	party(IDS.nlPolice, "Dutch police high-tech crime unit", "law-enforcement", ["NL"]),
	party(IDS.bka, "German BKA", "law-enforcement", ["DE"]),
	party(IDS.coPolice, "Colombian police", "law-enforcement", ["CO"], { understands: ["tlp1"] }),
	party(IDS.bank, "UK Bank", "private", ["GB"], { trustTier: 2 }),
	party(IDS.uniCert, "German university CERT", "academia", ["DE"], { trustTier: 3, tlpCeiling: "green" }),
	party(IDS.atPolice, "Austrian Bundeskriminalamt", "law-enforcement", ["AT"]),
	party(IDS.caPolice, "RCMP", "law-enforcement", ["CA"]),
	party(IDS.frPolice, "French OFAC", "law-enforcement", ["FR"]),
	party(IDS.itPolice, "Italian Polizia Postale", "law-enforcement", ["IT"]),
	party(IDS.esPolice, "Spanish Guardia Civil", "law-enforcement", ["ES"]),
	party(IDS.auPolice, "Australian Federal Police", "law-enforcement", ["AU"]),
	party(IDS.suspended, "Suspended partner", "private", ["GB"], { status: "suspended" }),
];

const victim = (objectType: string, treatment: "pseudonymise" | "drop" | "generalise") => ({
	objectType,
	role: "victim",
	treatment,
});

/**
 * Jurisdictions. Legal-basis windows are illustrative: the point is that they have windows.
 * EU: GDPR and the police directive — victim IPs and e-mail addresses are pseudonymised when leaving
 * for a country without a route (GB by adequacy; US by the Umbrella Agreement, crime purposes only; none to CO).
 * US: CISA 2015 §104(d)(2) — personal data not directly related to the threat is removed before sharing.
 */
export const JURISDICTIONS: readonly Jurisdiction[] = [
	{
		code: "EU",
		name: "European Union",
		members: ["NL", "DE", "AT", "FR", "IT", "ES"],
		personalData: [
			victim("ipv4-addr", "pseudonymise"),
			victim("ipv6-addr", "pseudonymise"),
			victim("email-addr", "pseudonymise"),
		],
		transferRoutes: [
			{ to: "GB", basis: "eu-uk-adequacy" },
			{ to: "US", basis: "eu-us-umbrella", purposes: ["crime-prevention", "criminal-investigation"] },
		],
		legalBases: [
			{
				id: "eu-uk-adequacy",
				name: "EU adequacy decisions for the UK (GDPR, LED)",
				validity: { from: "2021-06-28T00:00:00Z", until: "2031-12-27T00:00:00Z" },
			},
			{ id: "eu-us-umbrella", name: "EU–US Umbrella Agreement", validity: { from: "2017-02-01T00:00:00Z" } },
		],
	},
	{
		code: "GB",
		name: "United Kingdom",
		members: [],
		personalData: [victim("ipv4-addr", "pseudonymise"), victim("email-addr", "pseudonymise")],
		transferRoutes: [
			{ to: "EU", basis: "uk-eea-adequacy" },
			{ to: "US", basis: "uk-us-data-bridge" },
		],
		legalBases: [
			{
				id: "uk-eea-adequacy",
				name: "UK adequacy regulations (EEA)",
				validity: { from: "2021-01-01T00:00:00Z" },
			},
			{ id: "uk-us-data-bridge", name: "UK–US data bridge", validity: { from: "2023-10-12T00:00:00Z" } },
		],
	},
	{
		code: "US",
		name: "United States",
		members: [],
		personalData: [victim("identity", "drop"), victim("email-addr", "drop"), victim("user-account", "drop")],
		transferRoutes: [],
		legalBases: [
			{
				id: "cisa-2015",
				name: "Cybersecurity Information Sharing Act 2015",
				validity: { from: "2015-12-18T00:00:00Z", until: "2025-10-01T00:00:00Z" },
			},
		],
	},
	{
		code: "CO",
		name: "Colombia",
		members: [],
		personalData: [victim("ipv4-addr", "pseudonymise")],
		transferRoutes: [],
		legalBases: [],
	},
];

function agreement(id: string, name: string, extra: Partial<Agreement>): Agreement {
	return {
		id,
		name,
		kind: "bilateral",
		parties: [],
		communities: [],
		purposes: ["network-defence", "crime-prevention", "criminal-investigation"],
		tlpCeiling: "amber",
		papCeiling: "clear",
		handlingCodes: false,
		onwardSharing: false,
		evidenceUse: false,
		validity: { from: "2020-01-01T00:00:00Z" },
		treatments: [],
		...extra,
	};
}

export const AGREEMENTS: readonly Agreement[] = [
	agreement("us-uk-jcc", "US–UK joint cyber cell", {
		parties: [IDS.nca, IDS.fbi],
		papCeiling: "green",
		validity: { from: "2022-01-01T00:00:00Z", until: "2027-01-01T00:00:00Z" },
	}),
	agreement("j-cat", "J-CAT", {
		kind: "multilateral",
		communities: ["j-cat"],
		purposes: ["crime-prevention", "criminal-investigation"],
		papCeiling: "amber",
		handlingCodes: true,
		validity: { from: "2014-09-01T00:00:00Z" },
	}),
	agreement("uk-police-bank", "UK police – bank", {
		parties: [IDS.nca, IDS.bank],
		purposes: ["network-defence", "crime-prevention"],
		papCeiling: "green",
		treatments: [victim("ipv4-addr", "pseudonymise"), victim("email-addr", "pseudonymise")],
	}),
	agreement("academia", "NCA – academic CERTs", {
		parties: [IDS.nca, IDS.uniCert],
		purposes: ["network-defence", "research"],
		tlpCeiling: "green",
	}),
	agreement("nca-suspended", "NCA – suspended partner", { parties: [IDS.nca, IDS.suspended] }),
];

export const REFERENCE_POLICY: Policy = {
	version: 1,
	parties: PARTIES,
	jurisdictions: JURISDICTIONS,
	agreements: AGREEMENTS,
	communities: [
		{
			id: "j-cat",
			name: "J-CAT",
			host: IDS.ec3,
			members: [
				IDS.ec3,
				IDS.nca,
				IDS.fbi,
				IDS.nlPolice,
				IDS.bka,
				IDS.atPolice,
				IDS.caPolice,
				IDS.frPolice,
				IDS.itPolice,
				IDS.esPolice,
				IDS.auPolice,
				IDS.coPolice,
			],
			subgroups: [
				{ id: "j-cat/ransomware", name: "ransomware", members: [IDS.nca, IDS.fbi, IDS.nlPolice] },
				{
					id: "j-cat/outreach",
					name: "outreach",
					members: [IDS.nca, IDS.ec3, IDS.coPolice],
					tlpCeiling: "green",
				},
			],
		},
		{ id: "cisp", name: "UK CiSP", members: [IDS.nca, IDS.bank], subgroups: [] },
	],
};

/** Marking ids used by the scenario's objects. */
export const MARKS = {
	clear: TLP2_DEFINITIONS.clear.id,
	green: TLP2_DEFINITIONS.green.id,
	amber: TLP2_DEFINITIONS.amber.id,
	amberStrict: TLP2_DEFINITIONS["amber+strict"].id,
	red: TLP2_DEFINITIONS.red.id,
	tlp1Amber: TLP1_DEFINITIONS.amber.id,
	tlp1Red: TLP1_DEFINITIONS.red.id,
	papGreen: PAP_IDS.green,
	papAmber: PAP_IDS.amber,
	papRed: PAP_IDS.red,
	h0: HANDLING_IDS.h0,
	h1: HANDLING_IDS.h1,
	h2: HANDLING_IDS.h2,
	h3: HANDLING_IDS.h3,
} as const;

/** An indicator with the given markings and any extra properties. */
export function indicator(markings: readonly string[], extra: Record<string, unknown> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
		created: "2025-05-01T00:00:00.000Z",
		modified: "2025-05-01T00:00:00.000Z",
		pattern: "[ipv4-addr:value = '198.51.100.7']",
		pattern_type: "stix",
		valid_from: "2025-05-01T00:00:00Z",
		object_marking_refs: [...markings],
		...extra,
	};
}

/** A victim's IPv4 address (role from `x_entente_role`). */
export function victimIp(markings: readonly string[]): StixObject {
	return {
		type: "ipv4-addr",
		spec_version: "2.1",
		id: "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
		value: "203.0.113.9",
		object_marking_refs: [...markings],
		x_entente_role: "victim",
	};
}

/** What decide() is asked about: `object` from `originator`, no flags, optional inherited markings. */
export function subjectOf(
	object: StixObject,
	originator: string,
	inheritedMarkings: readonly string[] = [],
): DecisionSubject {
	return { object, originator, flags: [], inheritedMarkings };
}
