// The properties of every STIX 2.1 SCO (§6) and of its predefined extensions, by name: the one list.
// The validator's specs (stix/validate) are typed against it, and the pattern checker (stix/pattern) reads it.
import type { ScoType } from "./categories.ts";

/** Properties every SCO may carry (§3.2, cyber-observable-core). */
export const SCO_COMMON_PROPERTIES = [
	"type",
	"id",
	"spec_version",
	"object_marking_refs",
	"granular_markings",
	"defanged",
	"extensions",
] as const;

/** Type-specific properties of the 18 STIX 2.1 SCOs, as in §6 and the official JSON schemas. */
export const SCO_PROPERTIES = {
	artifact: ["mime_type", "payload_bin", "url", "hashes", "encryption_algorithm", "decryption_key"],
	"autonomous-system": ["number", "name", "rir"],
	directory: ["path", "path_enc", "ctime", "mtime", "atime", "contains_refs"],
	"domain-name": ["value", "resolves_to_refs"],
	"email-addr": ["value", "display_name", "belongs_to_ref"],
	"email-message": [
		"is_multipart",
		"date",
		"content_type",
		"from_ref",
		"sender_ref",
		"to_refs",
		"cc_refs",
		"bcc_refs",
		"message_id",
		"subject",
		"received_lines",
		"additional_header_fields",
		"body",
		"body_multipart",
		"raw_email_ref",
	],
	file: [
		"hashes",
		"size",
		"name",
		"name_enc",
		"magic_number_hex",
		"mime_type",
		"ctime",
		"mtime",
		"atime",
		"parent_directory_ref",
		"contains_refs",
		"content_ref",
	],
	"ipv4-addr": ["value", "resolves_to_refs", "belongs_to_refs"],
	"ipv6-addr": ["value", "resolves_to_refs", "belongs_to_refs"],
	"mac-addr": ["value"],
	mutex: ["name"],
	"network-traffic": [
		"start",
		"end",
		"is_active",
		"src_ref",
		"dst_ref",
		"src_port",
		"dst_port",
		"protocols",
		"src_byte_count",
		"dst_byte_count",
		"src_packets",
		"dst_packets",
		"ipfix",
		"src_payload_ref",
		"dst_payload_ref",
		"encapsulates_refs",
		"encapsulated_by_ref",
	],
	process: [
		"is_hidden",
		"pid",
		"created_time",
		"cwd",
		"command_line",
		"environment_variables",
		"opened_connection_refs",
		"creator_user_ref",
		"image_ref",
		"parent_ref",
		"child_refs",
	],
	software: ["name", "cpe", "swid", "languages", "vendor", "version"],
	url: ["value"],
	"user-account": [
		"user_id",
		"credential",
		"account_login",
		"account_type",
		"display_name",
		"is_service_account",
		"is_privileged",
		"can_escalate_privs",
		"is_disabled",
		"account_created",
		"account_expires",
		"credential_last_changed",
		"account_first_login",
		"account_last_login",
	],
	"windows-registry-key": ["key", "values", "modified_time", "creator_user_ref", "number_of_subkeys"],
	"x509-certificate": [
		"is_self_signed",
		"hashes",
		"version",
		"serial_number",
		"signature_algorithm",
		"issuer",
		"validity_not_before",
		"validity_not_after",
		"subject",
		"subject_public_key_algorithm",
		"subject_public_key_modulus",
		"subject_public_key_exponent",
		"x509_v3_extensions",
	],
} as const satisfies Readonly<Record<ScoType, readonly string[]>>;

/** Predefined extensions (§6) by SCO type, with the properties each defines. */
export const SCO_EXTENSIONS = {
	file: {
		"ntfs-ext": ["sid", "alternate_data_streams"],
		"raster-image-ext": ["image_height", "image_width", "bits_per_pixel", "exif_tags"],
		"pdf-ext": ["version", "is_optimized", "document_info_dict", "pdfid0", "pdfid1"],
		"archive-ext": ["contains_refs", "comment"],
		"windows-pebinary-ext": [
			"pe_type",
			"imphash",
			"machine_hex",
			"number_of_sections",
			"time_date_stamp",
			"pointer_to_symbol_table_hex",
			"number_of_symbols",
			"size_of_optional_header",
			"characteristics_hex",
			"file_header_hashes",
			"optional_header",
			"sections",
		],
	},
	"network-traffic": {
		"http-request-ext": [
			"request_method",
			"request_value",
			"request_version",
			"request_header",
			"message_body_length",
			"message_body_data_ref",
		],
		"icmp-ext": ["icmp_type_hex", "icmp_code_hex"],
		"socket-ext": [
			"address_family",
			"is_blocking",
			"is_listening",
			"options",
			"socket_type",
			"socket_descriptor",
			"socket_handle",
		],
		"tcp-ext": ["src_flags_hex", "dst_flags_hex"],
	},
	process: {
		"windows-process-ext": [
			"aslr_enabled",
			"dep_enabled",
			"priority",
			"owner_sid",
			"window_title",
			"startup_info",
			"integrity_level",
		],
		"windows-service-ext": [
			"service_name",
			"descriptions",
			"display_name",
			"group_name",
			"start_type",
			"service_dll_refs",
			"service_type",
			"service_status",
		],
	},
	"user-account": {
		"unix-account-ext": ["gid", "groups", "home_dir", "shell"],
	},
} as const satisfies Partial<Readonly<Record<ScoType, Readonly<Record<string, readonly string[]>>>>>;

/** A property every SCO may carry. */
export type ScoCommonProperty = (typeof SCO_COMMON_PROPERTIES)[number];
/** A property of SCO type `T` beyond the common ones. */
export type ScoProperty<T extends ScoType> = (typeof SCO_PROPERTIES)[T][number];
/** An SCO type that has predefined extensions. */
export type ScoExtensionOwner = keyof typeof SCO_EXTENSIONS;
/** A predefined extension of SCO type `T`. */
export type ScoExtensionName<T extends ScoExtensionOwner> = keyof (typeof SCO_EXTENSIONS)[T] & string;
/** A property of extension `E` of SCO type `T`. */
export type ScoExtensionProperty<
	T extends ScoExtensionOwner,
	E extends ScoExtensionName<T>,
> = (typeof SCO_EXTENSIONS)[T][E] extends readonly (infer P extends string)[] ? P : never;
