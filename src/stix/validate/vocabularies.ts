// STIX 2.1 §10 open vocabularies (values SHOULD come from them: warnings) and closed enumerations (MUST).
import { oneOf, type PropSpec, vocab } from "./property-spec.ts";

const v = (name: string, values: string): PropSpec => vocab(name, values.split(" "));
const e = (name: string, values: string): PropSpec => oneOf(name, values.split(" "));

export const ATTACK_MOTIVATION = v(
	"attack-motivation-ov",
	"accidental coercion dominance ideology notoriety organizational-gain personal-gain personal-satisfaction revenge unpredictable",
);
export const ATTACK_RESOURCE_LEVEL = v(
	"attack-resource-level-ov",
	"individual club contest team organization government",
);
export const GROUPING_CONTEXT = v("grouping-context-ov", "suspicious-activity malware-analysis unspecified");
export const IDENTITY_CLASS = v("identity-class-ov", "individual group system organization class unknown");
export const IMPLEMENTATION_LANGUAGE = v(
	"implementation-language-ov",
	"applescript bash c c++ c# go java javascript lua objective-c perl php powershell python ruby scala swift typescript visual-basic x86-32 x86-64",
);
export const INDICATOR_TYPE = v(
	"indicator-type-ov",
	"anomalous-activity anonymization benign compromised malicious-activity attribution unknown",
);
export const INDUSTRY_SECTOR = v(
	"industry-sector-ov",
	"agriculture aerospace automotive chemical commercial communications construction defense education energy engineering entertainment financial-services government emergency-services government-local government-national government-public-services government-regional healthcare hospitality-leisure infrastructure dams nuclear water insurance manufacturing mining non-profit pharmaceuticals retail technology telecommunications transportation utilities",
);
export const INFRASTRUCTURE_TYPE = v(
	"infrastructure-type-ov",
	"amplification anonymization botnet command-and-control control-system exfiltration firewall hosting-malware hosting-target-lists phishing reconnaissance routers-switches staging workstation unknown",
);
export const MALWARE_RESULT = v("malware-result-ov", "malicious suspicious benign unknown");
export const MALWARE_CAPABILITIES = v(
	"malware-capabilities-ov",
	"accesses-remote-machines anti-debugging anti-disassembly anti-emulation anti-memory-forensics anti-sandbox anti-vm captures-input-peripherals captures-output-peripherals captures-system-state-data cleans-traces-of-infection commits-fraud communicates-with-c2 compromises-data-availability compromises-data-integrity compromises-system-availability controls-local-machine degrades-security-software degrades-system-updates determines-c2-server emails-spam escalates-privileges evades-av exfiltrates-data fingerprints-host hides-artifacts hides-executing-code infects-files infects-remote-machines installs-other-components persists-after-system-reboot prevents-artifact-access prevents-artifact-deletion probes-network-environment self-modifies steals-authentication-credentials violates-system-operational-integrity",
);
export const MALWARE_TYPE = v(
	"malware-type-ov",
	"adware backdoor bot bootkit ddos downloader dropper exploit-kit keylogger ransomware remote-access-trojan resource-exploitation rogue-security-software rootkit screen-capture spyware trojan unknown virus webshell wiper worm",
);
export const PATTERN_TYPE = v("pattern-type-ov", "stix pcre sigma snort suricata yara");
export const PROCESSOR_ARCHITECTURE = v(
	"processor-architecture-ov",
	"alpha arm ia-64 mips powerpc sparc x86 x86-64",
);
export const REGION = v(
	"region-ov",
	"africa eastern-africa middle-africa northern-africa southern-africa western-africa americas latin-america-caribbean south-america caribbean central-america northern-america asia central-asia eastern-asia southern-asia south-eastern-asia western-asia europe eastern-europe northern-europe southern-europe western-europe oceania antarctica australia-new-zealand melanesia micronesia polynesia",
);
export const REPORT_TYPE = v(
	"report-type-ov",
	"attack-pattern campaign identity indicator intrusion-set malware observed-data threat-actor threat-report tool vulnerability",
);
export const THREAT_ACTOR_TYPE = v(
	"threat-actor-type-ov",
	"activist competitor crime-syndicate criminal hacker insider-accidental insider-disgruntled nation-state sensationalist spy terrorist unknown",
);
export const THREAT_ACTOR_ROLE = v(
	"threat-actor-role-ov",
	"agent director independent infrastructure-architect infrastructure-operator malware-author sponsor",
);
export const THREAT_ACTOR_SOPHISTICATION = v(
	"threat-actor-sophistication-ov",
	"none minimal intermediate advanced expert innovator strategic",
);
export const TOOL_TYPE = v(
	"tool-type-ov",
	"denial-of-service exploitation information-gathering network-capture credential-exploitation remote-access vulnerability-scanning unknown",
);
export const ACCOUNT_TYPE = v(
	"account-type-ov",
	"facebook ldap nis openid radius skype tacacs twitter unix windows-local windows-domain",
);
export const PE_BINARY_TYPE = v("windows-pebinary-type-ov", "dll exe sys");

export const ENCRYPTION_ALGORITHM = e(
	"encryption-algorithm-enum",
	"AES-256-GCM ChaCha20-Poly1305 mime-type-indicated",
);
export const EXTENSION_TYPE = e(
	"extension-type-enum",
	"new-sdo new-sco new-sro property-extension toplevel-property-extension",
);
export const OPINION = e("opinion-enum", "strongly-disagree disagree neutral agree strongly-agree");
export const INTEGRITY_LEVEL = e("windows-integrity-level-enum", "low medium high system");
export const SERVICE_START_TYPE = e(
	"windows-service-start-type-enum",
	"SERVICE_AUTO_START SERVICE_BOOT_START SERVICE_DEMAND_START SERVICE_DISABLED SERVICE_SYSTEM_ALERT",
);
export const SERVICE_TYPE = e(
	"windows-service-type-enum",
	"SERVICE_KERNEL_DRIVER SERVICE_FILE_SYSTEM_DRIVER SERVICE_WIN32_OWN_PROCESS SERVICE_WIN32_SHARE_PROCESS",
);
export const SERVICE_STATUS = e(
	"windows-service-status-enum",
	"SERVICE_CONTINUE_PENDING SERVICE_PAUSE_PENDING SERVICE_PAUSED SERVICE_RUNNING SERVICE_START_PENDING SERVICE_STOP_PENDING SERVICE_STOPPED",
);
export const REGISTRY_DATATYPE = e(
	"windows-registry-datatype-enum",
	"REG_NONE REG_SZ REG_EXPAND_SZ REG_BINARY REG_DWORD REG_DWORD_BIG_ENDIAN REG_DWORD_LITTLE_ENDIAN REG_LINK REG_MULTI_SZ REG_RESOURCE_LIST REG_FULL_RESOURCE_DESCRIPTION REG_RESOURCE_REQUIREMENTS_LIST REG_QWORD REG_INVALID_TYPE",
);
export const SOCKET_ADDRESS_FAMILY = e(
	"network-socket-address-family-enum",
	"AF_UNSPEC AF_INET AF_IPX AF_APPLETALK AF_NETBIOS AF_INET6 AF_IRDA AF_BTH",
);
export const SOCKET_TYPE = e(
	"network-socket-type-enum",
	"SOCK_STREAM SOCK_DGRAM SOCK_RAW SOCK_RDM SOCK_SEQPACKET",
);
