// STIX Cyber-observable Objects (§6): the facts themselves, identified by deterministic ids.
import type { CyberObservableBase, Hashes, Identifier, Timestamp } from "./common.ts";
import type {
	ArchiveExtension,
	HttpRequestExtension,
	IcmpExtension,
	NtfsExtension,
	PdfExtension,
	RasterImageExtension,
	SocketExtension,
	TcpExtension,
	UnixAccountExtension,
	WindowsPeBinaryExtension,
	WindowsProcessExtension,
	WindowsRegistryValue,
	WindowsServiceExtension,
	X509V3Extensions,
} from "./sco-parts.ts";

export const ENCRYPTION_ALGORITHMS = ["AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated"] as const;

export interface Artifact extends CyberObservableBase {
	type: "artifact";
	mime_type?: string;
	payload_bin?: string;
	url?: string;
	hashes?: Hashes;
	encryption_algorithm?: (typeof ENCRYPTION_ALGORITHMS)[number];
	decryption_key?: string;
}

export interface AutonomousSystem extends CyberObservableBase {
	type: "autonomous-system";
	number: number;
	name?: string;
	rir?: string;
}

export interface Directory extends CyberObservableBase {
	type: "directory";
	path: string;
	path_enc?: string;
	ctime?: Timestamp;
	mtime?: Timestamp;
	atime?: Timestamp;
	contains_refs?: Identifier<"file" | "directory">[];
}

export interface DomainName extends CyberObservableBase {
	type: "domain-name";
	value: string;
	resolves_to_refs?: Identifier<"ipv4-addr" | "ipv6-addr" | "domain-name">[];
}

export interface EmailAddress extends CyberObservableBase {
	type: "email-addr";
	value: string;
	display_name?: string;
	belongs_to_ref?: Identifier<"user-account">;
}

export interface EmailMimePart {
	body?: string;
	body_raw_ref?: Identifier<"artifact" | "file">;
	content_type?: string;
	content_disposition?: string;
}

export interface EmailMessage extends CyberObservableBase {
	type: "email-message";
	is_multipart: boolean;
	date?: Timestamp;
	content_type?: string;
	from_ref?: Identifier<"email-addr">;
	sender_ref?: Identifier<"email-addr">;
	to_refs?: Identifier<"email-addr">[];
	cc_refs?: Identifier<"email-addr">[];
	bcc_refs?: Identifier<"email-addr">[];
	message_id?: string;
	subject?: string;
	received_lines?: string[];
	additional_header_fields?: Record<string, string | string[]>;
	body?: string;
	body_multipart?: EmailMimePart[];
	raw_email_ref?: Identifier<"artifact">;
}

export interface File extends CyberObservableBase {
	type: "file";
	extensions?: {
		"ntfs-ext"?: NtfsExtension;
		"raster-image-ext"?: RasterImageExtension;
		"pdf-ext"?: PdfExtension;
		"archive-ext"?: ArchiveExtension;
		"windows-pebinary-ext"?: WindowsPeBinaryExtension;
		[key: string]: object;
	};
	hashes?: Hashes;
	size?: number;
	name?: string;
	name_enc?: string;
	magic_number_hex?: string;
	mime_type?: string;
	ctime?: Timestamp;
	mtime?: Timestamp;
	atime?: Timestamp;
	parent_directory_ref?: Identifier<"directory">;
	contains_refs?: Identifier[];
	content_ref?: Identifier<"artifact">;
}

export interface Ipv4Address extends CyberObservableBase {
	type: "ipv4-addr";
	value: string;
	resolves_to_refs?: Identifier<"mac-addr">[];
	belongs_to_refs?: Identifier<"autonomous-system">[];
}

export interface Ipv6Address extends CyberObservableBase {
	type: "ipv6-addr";
	value: string;
	resolves_to_refs?: Identifier<"mac-addr">[];
	belongs_to_refs?: Identifier<"autonomous-system">[];
}

export interface MacAddress extends CyberObservableBase {
	type: "mac-addr";
	value: string;
}

export interface Mutex extends CyberObservableBase {
	type: "mutex";
	name: string;
}

export interface NetworkTraffic extends CyberObservableBase {
	type: "network-traffic";
	extensions?: {
		"http-request-ext"?: HttpRequestExtension;
		"icmp-ext"?: IcmpExtension;
		"socket-ext"?: SocketExtension;
		"tcp-ext"?: TcpExtension;
		[key: string]: object;
	};
	start?: Timestamp;
	end?: Timestamp;
	is_active?: boolean;
	src_ref?: Identifier<"ipv4-addr" | "ipv6-addr" | "mac-addr" | "domain-name">;
	dst_ref?: Identifier<"ipv4-addr" | "ipv6-addr" | "mac-addr" | "domain-name">;
	src_port?: number;
	dst_port?: number;
	protocols: string[];
	src_byte_count?: number;
	dst_byte_count?: number;
	src_packets?: number;
	dst_packets?: number;
	ipfix?: Record<string, string | number>;
	src_payload_ref?: Identifier<"artifact">;
	dst_payload_ref?: Identifier<"artifact">;
	encapsulates_refs?: Identifier<"network-traffic">[];
	encapsulated_by_ref?: Identifier<"network-traffic">;
}

export interface Process extends CyberObservableBase {
	type: "process";
	extensions?: {
		"windows-process-ext"?: WindowsProcessExtension;
		"windows-service-ext"?: WindowsServiceExtension;
		[key: string]: object;
	};
	is_hidden?: boolean;
	pid?: number;
	created_time?: Timestamp;
	cwd?: string;
	command_line?: string;
	environment_variables?: Record<string, string>;
	opened_connection_refs?: Identifier<"network-traffic">[];
	creator_user_ref?: Identifier<"user-account">;
	image_ref?: Identifier<"file">;
	parent_ref?: Identifier<"process">;
	child_refs?: Identifier<"process">[];
}

export interface Software extends CyberObservableBase {
	type: "software";
	name: string;
	cpe?: string;
	swid?: string;
	languages?: string[];
	vendor?: string;
	version?: string;
}

export interface Url extends CyberObservableBase {
	type: "url";
	value: string;
}

export interface UserAccount extends CyberObservableBase {
	type: "user-account";
	extensions?: { "unix-account-ext"?: UnixAccountExtension; [key: string]: object };
	user_id?: string;
	credential?: string;
	account_login?: string;
	account_type?: string;
	display_name?: string;
	is_service_account?: boolean;
	is_privileged?: boolean;
	can_escalate_privs?: boolean;
	is_disabled?: boolean;
	account_created?: Timestamp;
	account_expires?: Timestamp;
	credential_last_changed?: Timestamp;
	account_first_login?: Timestamp;
	account_last_login?: Timestamp;
}

export interface WindowsRegistryKey extends CyberObservableBase {
	type: "windows-registry-key";
	key?: string;
	values?: WindowsRegistryValue[];
	modified_time?: Timestamp;
	creator_user_ref?: Identifier<"user-account">;
	number_of_subkeys?: number;
}

export interface X509Certificate extends CyberObservableBase {
	type: "x509-certificate";
	is_self_signed?: boolean;
	hashes?: Hashes;
	version?: string;
	serial_number?: string;
	signature_algorithm?: string;
	issuer?: string;
	validity_not_before?: Timestamp;
	validity_not_after?: Timestamp;
	subject?: string;
	subject_public_key_algorithm?: string;
	subject_public_key_modulus?: string;
	subject_public_key_exponent?: number;
	x509_v3_extensions?: X509V3Extensions;
}

/** Any of the 18 SCO types STIX 2.1 defines. */
export type CyberObservable =
	| Artifact
	| AutonomousSystem
	| Directory
	| DomainName
	| EmailAddress
	| EmailMessage
	| File
	| Ipv4Address
	| Ipv6Address
	| MacAddress
	| Mutex
	| NetworkTraffic
	| Process
	| Software
	| Url
	| UserAccount
	| WindowsRegistryKey
	| X509Certificate;
