// Predefined SCO extensions (§6.x.2): which type may carry which `*-ext`, and what each contains; one spec
// for each extension and property stix/types lists (SCO_EXTENSIONS), and for no other.
import {
	SCO_EXTENSIONS,
	type ScoExtensionName,
	type ScoExtensionOwner,
	type ScoExtensionProperty,
} from "../types/index.ts";
import {
	bool,
	dict,
	hashes,
	hex,
	int,
	list,
	type NestedSpec,
	nested,
	type PropSpec,
	range,
	ref,
	refs,
	str,
	strings,
} from "./property-spec.ts";
import * as V from "./vocabularies.ts";

const PE_SECTION = nested({
	name: "windows-pe-section",
	properties: { name: str, size: range("integer", 0), entropy: { t: "number" }, hashes },
	required: ["name"],
});

/** The spec of extension `E` of `T`: named by it, a spec for each of its properties and no other. */
type ExtensionSpec<T extends ScoExtensionOwner, E extends ScoExtensionName<T>> = Pick<NestedSpec, "rules"> & {
	readonly name: E;
	readonly properties: { readonly [P in ScoExtensionProperty<T, E>]: PropSpec };
	readonly required?: readonly ScoExtensionProperty<T, E>[];
	readonly atLeastOne?: readonly ScoExtensionProperty<T, E>[];
};

type ExtensionSpecs = {
	readonly [T in ScoExtensionOwner]: { readonly [E in ScoExtensionName<T>]: ExtensionSpec<T, E> };
};

/** Extension name → spec, per SCO type. */
export const PREDEFINED_EXTENSIONS: Readonly<Record<string, Readonly<Record<string, NestedSpec>>>> = {
	file: {
		"ntfs-ext": {
			name: "ntfs-ext",
			properties: {
				sid: str,
				alternate_data_streams: list(
					nested({
						name: "alternate-data-stream",
						properties: { name: str, hashes, size: range("integer", 0) },
						required: ["name"],
					}),
				),
			},
			atLeastOne: SCO_EXTENSIONS.file["ntfs-ext"],
		},
		"raster-image-ext": {
			name: "raster-image-ext",
			properties: { image_height: int, image_width: int, bits_per_pixel: int, exif_tags: dict() },
			atLeastOne: SCO_EXTENSIONS.file["raster-image-ext"],
		},
		"pdf-ext": {
			name: "pdf-ext",
			properties: {
				version: str,
				is_optimized: bool,
				document_info_dict: dict(str),
				pdfid0: str,
				pdfid1: str,
			},
			atLeastOne: SCO_EXTENSIONS.file["pdf-ext"],
		},
		"archive-ext": {
			name: "archive-ext",
			properties: { contains_refs: refs("file", "directory"), comment: str },
			required: ["contains_refs"],
		},
		"windows-pebinary-ext": {
			name: "windows-pebinary-ext",
			properties: {
				pe_type: V.PE_BINARY_TYPE,
				imphash: str,
				machine_hex: hex,
				number_of_sections: range("integer", 0),
				time_date_stamp: { t: "timestamp", seconds: true },
				pointer_to_symbol_table_hex: hex,
				number_of_symbols: range("integer", 0),
				size_of_optional_header: range("integer", 0),
				characteristics_hex: hex,
				file_header_hashes: hashes,
				optional_header: dict(),
				sections: list(PE_SECTION),
			},
			required: ["pe_type"],
		},
	},
	"network-traffic": {
		"http-request-ext": {
			name: "http-request-ext",
			properties: {
				request_method: str,
				request_value: str,
				request_version: str,
				request_header: { t: "dict", values: strings },
				message_body_length: range("integer", 0),
				message_body_data_ref: ref("artifact"),
			},
			required: ["request_method", "request_value"],
		},
		"icmp-ext": {
			name: "icmp-ext",
			properties: { icmp_type_hex: hex, icmp_code_hex: hex },
			required: ["icmp_type_hex", "icmp_code_hex"],
		},
		"socket-ext": {
			name: "socket-ext",
			properties: {
				address_family: V.SOCKET_ADDRESS_FAMILY,
				is_blocking: bool,
				is_listening: bool,
				options: dict(int),
				socket_type: V.SOCKET_TYPE,
				socket_descriptor: range("integer", 0),
				socket_handle: int,
			},
			required: ["address_family"],
		},
		"tcp-ext": {
			name: "tcp-ext",
			properties: { src_flags_hex: hex, dst_flags_hex: hex },
			atLeastOne: SCO_EXTENSIONS["network-traffic"]["tcp-ext"],
		},
	},
	process: {
		"windows-process-ext": {
			name: "windows-process-ext",
			properties: {
				aslr_enabled: bool,
				dep_enabled: bool,
				priority: str,
				owner_sid: str,
				window_title: str,
				startup_info: dict(),
				integrity_level: V.INTEGRITY_LEVEL,
			},
			atLeastOne: SCO_EXTENSIONS.process["windows-process-ext"],
		},
		"windows-service-ext": {
			name: "windows-service-ext",
			properties: {
				service_name: str,
				descriptions: strings,
				display_name: str,
				group_name: str,
				start_type: V.SERVICE_START_TYPE,
				service_dll_refs: refs("file"),
				service_type: V.SERVICE_TYPE,
				service_status: V.SERVICE_STATUS,
			},
			atLeastOne: SCO_EXTENSIONS.process["windows-service-ext"],
		},
	},
	"user-account": {
		"unix-account-ext": {
			name: "unix-account-ext",
			properties: { gid: int, groups: strings, home_dir: str, shell: str },
			atLeastOne: SCO_EXTENSIONS["user-account"]["unix-account-ext"],
		},
	},
} satisfies ExtensionSpecs;
