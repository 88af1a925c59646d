// The intelligence the demo's parties publish: small, realistic STIX 2.1 with every marking the policy
// acts on. Documentation addresses only (RFC 5737 IPv4, RFC 3849 IPv6) and reserved domains (RFC 2606).
// TLP 2.0, PAP and handling-code definitions are pinned at every Entente node, so objects name them by id.

import { scoId } from "../stix/ids/index.ts";
import { HANDLING_IDS, PAP_IDS, TLP2_DEFINITIONS } from "../stix/markings/index.ts";

type Stix = Record<string, unknown>;

const TLP = {
	clear: TLP2_DEFINITIONS.clear.id,
	green: TLP2_DEFINITIONS.green.id,
	amber: TLP2_DEFINITIONS.amber.id,
	amberStrict: TLP2_DEFINITIONS["amber+strict"].id,
	red: TLP2_DEFINITIONS.red.id,
} as const;

const T = "2025-05-12T09:30:00.000Z";

/** An indicator by `author`, for a pattern, with markings (TLP first, then PAP or a handling code). */
function indicator(
	uuid: string,
	author: string,
	fields: { name: string; description: string; pattern: string; types: string[]; markings: string[] },
): Stix {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${uuid}`,
		created_by_ref: author,
		created: T,
		modified: T,
		name: fields.name,
		description: fields.description,
		indicator_types: fields.types,
		pattern: fields.pattern,
		pattern_type: "stix",
		valid_from: "2025-05-12T00:00:00Z",
		object_marking_refs: fields.markings,
	};
}

/** An observable with its deterministic id (STIX §2.9); `role: victim` marks personal data for the policy. */
function observable(type: string, value: string, markings: string[], role?: "victim"): Stix {
	const object: Stix = {
		type,
		spec_version: "2.1",
		id: scoId({ type, value }),
		value,
		object_marking_refs: markings,
	};
	if (role !== undefined) object.x_entente_role = role;
	return object;
}

function report(
	uuid: string,
	author: string,
	name: string,
	description: string,
	refs: Stix[],
	markings: string[],
): Stix {
	return {
		type: "report",
		spec_version: "2.1",
		id: `report--${uuid}`,
		created_by_ref: author,
		created: T,
		modified: T,
		name,
		description,
		report_types: ["threat-actor", "indicator"],
		published: T,
		object_refs: refs.map((o) => o.id),
		object_marking_refs: markings,
	};
}

/** UK NCA: an operation against a loader botnet — every TLP level, PAP, H2, a victim IP, a report. */
function ukNca(nca: string): Stix[] {
	const loader: Stix = {
		type: "malware",
		spec_version: "2.1",
		id: "malware--f737347e-cc7f-42f8-ad2b-9a7686b882bf",
		created_by_ref: nca,
		created: T,
		modified: T,
		name: "QakBot",
		description: "Banking trojan turned loader; delivers ransomware for affiliates.",
		malware_types: ["trojan", "downloader"],
		is_family: true,
		object_marking_refs: [TLP.green],
	};
	const phishing = indicator("517a53e2-bd35-4981-aeab-981daa63ea7b", nca, {
		name: "Phishing domain impersonating a parcel service",
		description: "Lure domain in SMS phishing against UK consumers.",
		pattern: "[domain-name:value = 'parcel-redelivery.example.com']",
		types: ["malicious-activity"],
		markings: [TLP.clear, PAP_IDS.clear],
	});
	const c2Green = indicator("07de4dc7-c17c-4436-93d2-298d34942dc7", nca, {
		name: "QakBot C2 server",
		description: "Tier-1 C2 observed by the NCCU; safe to block.",
		pattern: "[ipv4-addr:value = '198.51.100.23']",
		types: ["malicious-activity"],
		markings: [TLP.green, PAP_IDS.green],
	});
	const indicates: Stix = {
		type: "relationship",
		spec_version: "2.1",
		id: "relationship--bb1246ad-8ff5-4468-b58d-fe9f0081ce35",
		created_by_ref: nca,
		created: T,
		modified: T,
		relationship_type: "indicates",
		source_ref: c2Green.id,
		target_ref: loader.id,
		object_marking_refs: [TLP.green],
	};
	const c2Amber = indicator("83cab8fe-5d13-4083-b990-71e1b5891661", nca, {
		name: "Cobalt Strike team server used after QakBot infections",
		description: "Active investigation: monitor, do not block (PAP:AMBER).",
		pattern: "[ipv4-addr:value = '203.0.113.77']",
		types: ["malicious-activity", "attribution"],
		markings: [TLP.amber, PAP_IDS.amber],
	});
	const victim = observable("ipv4-addr", "192.0.2.45", [TLP.amber], "victim");
	const strictA = indicator("1290faa2-5f14-4e38-b134-cc30cfa755fa", nca, {
		name: "Spear-phishing sender domain (targeted campaign)",
		description: "Seen against one UK government department only.",
		pattern: "[email-addr:value = 'hr-payroll@staff-portal.example.net']",
		types: ["malicious-activity"],
		markings: [TLP.amberStrict, PAP_IDS.red],
	});
	const strictB = indicator("c33d4b05-10b2-4d4a-8c68-4a737002074c", nca, {
		name: "Staging server of the targeted campaign",
		description: "Hosting provider cooperating with the NCA; do not contact.",
		pattern: "[ipv4-addr:value = '198.51.100.87']",
		types: ["malicious-activity"],
		markings: [TLP.amberStrict, PAP_IDS.red],
	});
	const red = indicator("e8480338-e5d8-42e4-8388-d8ff74ed4b1c", nca, {
		name: "Infrastructure under covert observation",
		description: "Operation-restricted. Not for dissemination.",
		pattern: "[ipv6-addr:value = '2001:db8:7a3::51']",
		types: ["attribution"],
		markings: [TLP.red, PAP_IDS.red],
	});
	const h2 = indicator("4c392f1a-1a29-4de8-868f-54287212a12b", nca, {
		name: "Ransomware affiliate payment portal",
		description:
			"Shared with law enforcement under H2: no onward dissemination without the NCA's permission.",
		pattern: "[domain-name:value = 'pay-decryptor.example.org']",
		types: ["malicious-activity"],
		markings: [TLP.green, HANDLING_IDS.h2],
	});
	const summary = report(
		"2d198b78-7b95-49d7-8f83-0f5edb1fd2bc",
		nca,
		"Operation EXAMPLE: QakBot infrastructure, week 19",
		"The loader, its follow-on tooling and one confirmed UK victim; the targeted-campaign indicator is AMBER+STRICT.",
		[loader, c2Amber, victim, strictA],
		[TLP.amber],
	);
	return [loader, phishing, c2Green, indicates, c2Amber, victim, strictA, strictB, red, h2, summary];
}

/** US FBI: a ransomware C2 on IPv6 and a US victim's mailbox (CISA 2015: personal data removed on the way out). */
function usFbi(fbi: string): Stix[] {
	const c2 = indicator("172f5991-496c-462a-b3ba-48baaafe6915", fbi, {
		name: "Ransomware C2 (IPv6)",
		description: "Joint cyber cell lead; share with partners, monitor only.",
		pattern: "[ipv6-addr:value = '2001:db8:4f2a::17']",
		types: ["malicious-activity"],
		markings: [TLP.amber, PAP_IDS.amber],
	});
	const victim = observable("email-addr", "cfo@victim-corp.example.com", [TLP.amber], "victim");
	const phishing = indicator("088b3635-278f-487d-bd05-e36f1c18bcdd", fbi, {
		name: "Business e-mail compromise lure domain",
		description: "Invoice-fraud domain registered last week.",
		pattern: "[domain-name:value = 'invoice-portal.example.net']",
		types: ["malicious-activity"],
		markings: [TLP.green, PAP_IDS.green],
	});
	return [c2, victim, phishing];
}

/** Europol EC3: a J-CAT bulletin (report) with two indicators for the taskforce. */
function europol(ec3: string): Stix[] {
	const a = indicator("2711b1c8-fb5c-494d-92dd-682384420d7c", ec3, {
		name: "Bulletproof hosting range used by several affiliates",
		description: "Coordinated by J-CAT; takedown planned.",
		pattern: "[ipv4-addr:value = '203.0.113.128/25']",
		types: ["malicious-activity"],
		markings: [TLP.green, PAP_IDS.amber],
	});
	const b = indicator("22a147ca-8662-4e8d-87da-19778f02f859", ec3, {
		name: "Crypter-as-a-service panel",
		description: "Panel of a crypter sold to several ransomware crews.",
		pattern: "[domain-name:value = 'crypt-panel.example']",
		types: ["malicious-activity"],
		markings: [TLP.green],
	});
	const bulletin = report(
		"184911b0-ed3c-460b-9868-41e8c4dea97f",
		ec3,
		"J-CAT bulletin 2025/19",
		"Infrastructure shared by ransomware affiliates.",
		[a, b],
		[TLP.green],
	);
	return [a, b, bulletin];
}

/** Dutch police: an EU victim IP (no transfer route to Colombia: it leaves pseudonymised) and a C2. */
function nlPolice(nl: string): Stix[] {
	const victim = observable("ipv4-addr", "192.0.2.101", [TLP.amber], "victim");
	const c2 = indicator("0fe5ba39-238a-4aed-b48c-6cdda1e82b52", nl, {
		name: "C2 of a Dutch-hosted infostealer",
		description: "Seized server; mirror still active.",
		pattern: "[ipv4-addr:value = '198.51.100.200']",
		types: ["malicious-activity"],
		markings: [TLP.amber, PAP_IDS.green],
	});
	return [victim, c2];
}

/** German BKA: a CLEAR phishing domain, a GREEN C2 (reaches the university), an AMBER one (does not). */
function deBka(bka: string): Stix[] {
	return [
		indicator("eb4174cd-1fc8-4c83-97d6-58bf6c06fc21", bka, {
			name: "Phishing domain impersonating a German bank",
			description: "Public warning issued.",
			pattern: "[domain-name:value = 'sparkasse-verify.example']",
			types: ["malicious-activity"],
			markings: [TLP.clear],
		}),
		indicator("4bc2d70f-95b6-44da-80e4-e7b3987f1dea", bka, {
			name: "Scanning host targeting university VPN gateways",
			description: "Brute-forces SSL VPN logins.",
			pattern: "[ipv4-addr:value = '203.0.113.9']",
			types: ["anomalous-activity"],
			markings: [TLP.green],
		}),
		indicator("3e10e7bd-26d9-4eb5-9096-c420777326dd", bka, {
			name: "Exfiltration server of a ransomware crew",
			description: "Under investigation by the BKA.",
			pattern: "[ipv4-addr:value = '198.51.100.140']",
			types: ["malicious-activity"],
			markings: [TLP.amber],
		}),
	];
}

/** Colombian police: a GREEN indicator for J-CAT. */
function coPolice(co: string): Stix[] {
	return [
		indicator("44955665-b7de-4393-8a6d-bd5c37cb5b7b", co, {
			name: "Banking-trojan C2 targeting Latin American banks",
			description: "Reported by the Centro Cibernético Policial.",
			pattern: "[domain-name:value = 'banca-segura.example']",
			types: ["malicious-activity"],
			markings: [TLP.green],
		}),
	];
}

/** The bank: an AMBER phishing kit against its customers (only the NCA peers with it). */
function ukBank(bank: string): Stix[] {
	return [
		indicator("660f3e6b-002b-4e74-9d21-d0cd7918a212", bank, {
			name: "Phishing kit harvesting our customers' credentials",
			description: "Found by the bank's fraud team.",
			pattern: "[url:value = 'https://secure-login.example.com/online-banking/']",
			types: ["malicious-activity"],
			markings: [TLP.amber, PAP_IDS.green],
		}),
	];
}

/** The university CERT: a CLEAR scanner seen on its network. */
function uniCert(uni: string): Stix[] {
	return [
		indicator("1378a47b-74c2-44cb-b250-750142e113b4", uni, {
			name: "SSH brute-force source",
			description: "Seen against the campus network for a week.",
			pattern: "[ipv4-addr:value = '198.51.100.150']",
			types: ["anomalous-activity"],
			markings: [TLP.clear],
		}),
	];
}

const BY_PARTY_KEY: Readonly<Record<string, (author: string) => Stix[]>> = {
	"uk-nca": ukNca,
	"us-fbi": usFbi,
	"europol-ec3": europol,
	"nl-police": nlPolice,
	"de-bka": deBka,
	"co-police": coPolice,
	"uk-bank": ukBank,
	"de-uni-cert": uniCert,
};

/**
 * What the party with this short key (in the reference scenario) publishes, authored by `author` (its
 * identity id); [] for a party the demo has no intelligence for.
 */
export function sampleIntel(partyKey: string, author: string): Stix[] {
	return BY_PARTY_KEY[partyKey]?.(author) ?? [];
}
