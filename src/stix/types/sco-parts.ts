// Predefined SCO extensions and nested types (§6.x.2 extensions, §6.x.3 types).
import type { Hashes, Identifier, Timestamp } from "./common.ts";

export interface NtfsAlternateDataStream {
	name: string;
	hashes?: Hashes;
	size?: number;
}

export interface NtfsExtension {
	sid?: string;
	alternate_data_streams?: NtfsAlternateDataStream[];
}

export interface RasterImageExtension {
	image_height?: number;
	image_width?: number;
	bits_per_pixel?: number;
	exif_tags?: Record<string, string | number>;
}

export interface PdfExtension {
	version?: string;
	is_optimized?: boolean;
	document_info_dict?: Record<string, string>;
	pdfid0?: string;
	pdfid1?: string;
}

export interface ArchiveExtension {
	contains_refs: Identifier<"file" | "directory">[];
	comment?: string;
}

export interface WindowsPeSection {
	name: string;
	size?: number;
	entropy?: number;
	hashes?: Hashes;
}

export interface WindowsPeBinaryExtension {
	pe_type: string;
	imphash?: string;
	machine_hex?: string;
	number_of_sections?: number;
	time_date_stamp?: Timestamp;
	pointer_to_symbol_table_hex?: string;
	number_of_symbols?: number;
	size_of_optional_header?: number;
	characteristics_hex?: string;
	file_header_hashes?: Hashes;
	optional_header?: Record<string, string | number | Hashes>;
	sections?: WindowsPeSection[];
}

export interface HttpRequestExtension {
	request_method: string;
	request_value: string;
	request_version?: string;
	request_header?: Record<string, string[]>;
	message_body_length?: number;
	message_body_data_ref?: Identifier<"artifact">;
}

export interface IcmpExtension {
	icmp_type_hex: string;
	icmp_code_hex: string;
}

export const SOCKET_ADDRESS_FAMILIES = [
	"AF_UNSPEC",
	"AF_INET",
	"AF_IPX",
	"AF_APPLETALK",
	"AF_NETBIOS",
	"AF_INET6",
	"AF_IRDA",
	"AF_BTH",
] as const;
export const SOCKET_TYPES = ["SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET"] as const;

export interface SocketExtension {
	address_family: (typeof SOCKET_ADDRESS_FAMILIES)[number];
	is_blocking?: boolean;
	is_listening?: boolean;
	options?: Record<string, number>;
	socket_type?: (typeof SOCKET_TYPES)[number];
	socket_descriptor?: number;
	socket_handle?: number;
}

export interface TcpExtension {
	src_flags_hex?: string;
	dst_flags_hex?: string;
}

export const INTEGRITY_LEVELS = ["low", "medium", "high", "system"] as const;

export interface WindowsProcessExtension {
	aslr_enabled?: boolean;
	dep_enabled?: boolean;
	priority?: string;
	owner_sid?: string;
	window_title?: string;
	startup_info?: Record<string, string | number>;
	integrity_level?: (typeof INTEGRITY_LEVELS)[number];
}

export const SERVICE_START_TYPES = [
	"SERVICE_AUTO_START",
	"SERVICE_BOOT_START",
	"SERVICE_DEMAND_START",
	"SERVICE_DISABLED",
	"SERVICE_SYSTEM_ALERT",
] as const;
export const SERVICE_TYPES = [
	"SERVICE_KERNEL_DRIVER",
	"SERVICE_FILE_SYSTEM_DRIVER",
	"SERVICE_WIN32_OWN_PROCESS",
	"SERVICE_WIN32_SHARE_PROCESS",
] as const;
export const SERVICE_STATUSES = [
	"SERVICE_CONTINUE_PENDING",
	"SERVICE_PAUSE_PENDING",
	"SERVICE_PAUSED",
	"SERVICE_RUNNING",
	"SERVICE_START_PENDING",
	"SERVICE_STOP_PENDING",
	"SERVICE_STOPPED",
] as const;

export interface WindowsServiceExtension {
	service_name?: string;
	descriptions?: string[];
	display_name?: string;
	group_name?: string;
	start_type?: (typeof SERVICE_START_TYPES)[number];
	service_dll_refs?: Identifier<"file">[];
	service_type?: (typeof SERVICE_TYPES)[number];
	service_status?: (typeof SERVICE_STATUSES)[number];
}

export interface UnixAccountExtension {
	gid?: number;
	groups?: string[];
	home_dir?: string;
	shell?: string;
}

export const REGISTRY_DATA_TYPES = [
	"REG_NONE",
	"REG_SZ",
	"REG_EXPAND_SZ",
	"REG_BINARY",
	"REG_DWORD",
	"REG_DWORD_BIG_ENDIAN",
	"REG_DWORD_LITTLE_ENDIAN",
	"REG_LINK",
	"REG_MULTI_SZ",
	"REG_RESOURCE_LIST",
	"REG_FULL_RESOURCE_DESCRIPTION",
	"REG_RESOURCE_REQUIREMENTS_LIST",
	"REG_QWORD",
	"REG_INVALID_TYPE",
] as const;

export interface WindowsRegistryValue {
	name?: string;
	data?: string;
	data_type?: (typeof REGISTRY_DATA_TYPES)[number];
}

export interface X509V3Extensions {
	basic_constraints?: string;
	name_constraints?: string;
	policy_constraints?: string;
	key_usage?: string;
	extended_key_usage?: string;
	subject_key_identifier?: string;
	authority_key_identifier?: string;
	subject_alternative_name?: string;
	issuer_alternative_name?: string;
	subject_directory_attributes?: string;
	crl_distribution_points?: string;
	inhibit_any_policy?: string;
	private_key_usage_period_not_before?: Timestamp;
	private_key_usage_period_not_after?: Timestamp;
	certificate_policies?: string;
	policy_mappings?: string;
}
