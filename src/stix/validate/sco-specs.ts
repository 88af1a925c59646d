// Property specs of the 18 STIX Cyber-observable Objects (§6), one for each property stix/types lists.
import { SCO_PROPERTIES, type ScoCommonProperty, type ScoProperty, type ScoType } from "../types/index.ts";
import { OBSERVABLE_COMMON } from "./common-properties.ts";
import {
	binary,
	bool,
	dict,
	hashes,
	hex,
	int,
	list,
	type ObjectRule,
	type ObjectSpec,
	pattern,
	range,
	ref,
	refs,
	type ScoPropertySpecs,
	str,
	strings,
	timestamp,
	url,
} from "./property-spec.ts";
import { exclusive, requires, timeOrder } from "./rules.ts";
import { MIME_PART, REGISTRY_VALUE, USER_ACCOUNT, X509_CERTIFICATE } from "./sco-nested-specs.ts";
import * as V from "./vocabularies.ts";

/** The spec of SCO type `T`: a spec for each of its properties (exactly those stix/types lists), plus the common ones. */
function sco<T extends ScoType>(
	type: T,
	properties: ScoPropertySpecs<T>,
	required: readonly ScoProperty<T>[],
	rules: readonly ObjectRule[] = [],
	atLeastOne?: readonly (ScoProperty<T> | ScoCommonProperty)[],
): ScoSpec<T> {
	return {
		name: type,
		category: "sco",
		properties: { ...OBSERVABLE_COMMON, ...properties },
		required: ["type", "id", ...required],
		rules,
		...(atLeastOne === undefined ? {} : { atLeastOne }),
	};
}

const IPV4 =
	/^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\/(3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}(%[^/]+)?(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/;
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
const MIME = /^(application|audio|font|image|message|model|multipart|text|video)\/[a-zA-Z0-9.+_-]+/;
const ENCODING = /^[a-zA-Z0-9/.+_:-]{2,250}$/;
const ABBREVIATED_HIVE = /^(HKLM|HKCC|HKCR|HKCU|HKU)(\\|$)/i;
const LANGUAGE =
	/^([a-z]{2}(-[A-Z]{2})?(-[a-z]{4})?(-[A-Z]{2}|[0-9]{3})?(-[a-z0-9]{5,8}|[0-9][a-z0-9]{3})*(-[a-z0-9]{1,8})*|[a-z]{3})$/;

const fileOrDirectory = refs("file", "directory");
const addressRef = ref("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name");

const emailMessageRules: ObjectRule = (object, walk) => {
	if (object.is_multipart === true && object.body !== undefined) {
		walk.error("conflict", "body must not be present when is_multipart is true (use body_multipart)", "body");
	}
	if (object.is_multipart === false && object.body_multipart !== undefined) {
		walk.error("conflict", "body_multipart must not be present when is_multipart is false", "body_multipart");
	}
};

/** An SCO type's spec, named by its type (so a spec filed under another type's key does not compile). */
type ScoSpec<T extends ScoType> = ObjectSpec & { readonly name: T };

export const SCO_SPECS: { readonly [T in ScoType]: ScoSpec<T> } = {
	artifact: sco(
		"artifact",
		{
			mime_type: pattern(MIME, "an IANA media type"),
			payload_bin: binary,
			url,
			hashes,
			encryption_algorithm: V.ENCRYPTION_ALGORITHM,
			decryption_key: str,
		},
		[],
		[
			exclusive("payload_bin", "url"),
			requires("url", "hashes"),
			requires("decryption_key", "encryption_algorithm"),
			(object, walk) => {
				if (object.payload_bin === undefined && object.url === undefined) {
					walk.error("required-one-of", "artifact requires payload_bin or url");
				}
			},
		],
	),
	"autonomous-system": sco("autonomous-system", { number: int, name: str, rir: str }, ["number"]),
	directory: sco(
		"directory",
		{
			path: str,
			path_enc: pattern(ENCODING, "a character set name"),
			ctime: timestamp,
			mtime: timestamp,
			atime: timestamp,
			contains_refs: fileOrDirectory,
		},
		["path"],
	),
	"domain-name": sco(
		"domain-name",
		{ value: str, resolves_to_refs: refs("ipv4-addr", "ipv6-addr", "domain-name") },
		["value"],
	),
	"email-addr": sco("email-addr", { value: str, display_name: str, belongs_to_ref: ref("user-account") }, [
		"value",
	]),
	"email-message": sco(
		"email-message",
		{
			is_multipart: bool,
			date: timestamp,
			content_type: str,
			from_ref: ref("email-addr"),
			sender_ref: ref("email-addr"),
			to_refs: refs("email-addr"),
			cc_refs: refs("email-addr"),
			bcc_refs: refs("email-addr"),
			message_id: str,
			subject: str,
			received_lines: strings,
			additional_header_fields: dict(),
			body: str,
			body_multipart: list(MIME_PART),
			raw_email_ref: ref("artifact"),
		},
		["is_multipart"],
		[emailMessageRules],
	),
	file: sco(
		"file",
		{
			hashes,
			size: range("integer", 0),
			name: str,
			name_enc: pattern(ENCODING, "a character set name"),
			magic_number_hex: hex,
			mime_type: str,
			ctime: timestamp,
			mtime: timestamp,
			atime: timestamp,
			parent_directory_ref: ref("directory"),
			contains_refs: { t: "list", of: { t: "ref" } },
			content_ref: ref("artifact"),
		},
		[],
		[],
		["hashes", "name"],
	),
	"ipv4-addr": sco(
		"ipv4-addr",
		{
			value: pattern(IPV4, "an IPv4 address or CIDR block"),
			resolves_to_refs: refs("mac-addr"),
			belongs_to_refs: refs("autonomous-system"),
		},
		["value"],
	),
	"ipv6-addr": sco(
		"ipv6-addr",
		{
			value: pattern(IPV6, "an IPv6 address or CIDR block"),
			resolves_to_refs: refs("mac-addr"),
			belongs_to_refs: refs("autonomous-system"),
		},
		["value"],
	),
	"mac-addr": sco("mac-addr", { value: pattern(MAC, "a lowercase, colon-separated MAC-48 address") }, [
		"value",
	]),
	mutex: sco("mutex", { name: str }, ["name"]),
	"network-traffic": sco(
		"network-traffic",
		{
			start: timestamp,
			end: timestamp,
			is_active: bool,
			src_ref: addressRef,
			dst_ref: addressRef,
			src_port: range("integer", 0, 65535),
			dst_port: range("integer", 0, 65535),
			protocols: strings,
			src_byte_count: range("integer", 0),
			dst_byte_count: range("integer", 0),
			src_packets: range("integer", 0),
			dst_packets: range("integer", 0),
			ipfix: dict(),
			src_payload_ref: ref("artifact"),
			dst_payload_ref: ref("artifact"),
			encapsulates_refs: refs("network-traffic"),
			encapsulated_by_ref: ref("network-traffic"),
		},
		["protocols"],
		[
			timeOrder("start", "end"),
			(object, walk) => {
				if (object.is_active === true && object.end !== undefined) {
					walk.error("conflict", "end must not be present when is_active is true", "end");
				}
			},
		],
		["src_ref", "dst_ref"],
	),
	process: sco(
		"process",
		{
			is_hidden: bool,
			pid: int,
			created_time: timestamp,
			cwd: str,
			command_line: str,
			environment_variables: dict(str),
			opened_connection_refs: refs("network-traffic"),
			creator_user_ref: ref("user-account"),
			image_ref: ref("file"),
			parent_ref: ref("process"),
			child_refs: refs("process"),
		},
		[],
		[],
		["extensions", ...SCO_PROPERTIES.process],
	),
	software: sco(
		"software",
		{
			name: str,
			cpe: str,
			swid: str,
			languages: list(pattern(LANGUAGE, "an ISO 639-2 language code")),
			vendor: str,
			version: str,
		},
		["name"],
	),
	url: sco("url", { value: url }, ["value"]),
	"user-account": sco(
		"user-account",
		USER_ACCOUNT,
		[],
		[],
		["extensions", ...SCO_PROPERTIES["user-account"]],
	),
	"windows-registry-key": sco(
		"windows-registry-key",
		{
			key: str,
			values: list(REGISTRY_VALUE),
			modified_time: timestamp,
			creator_user_ref: ref("user-account"),
			number_of_subkeys: range("integer", 0),
		},
		[],
		[
			(object, walk) => {
				if (typeof object.key === "string" && ABBREVIATED_HIVE.test(object.key)) {
					walk.error("format", "key must spell the hive out (HKEY_LOCAL_MACHINE, not HKLM)", "key");
				}
			},
		],
		SCO_PROPERTIES["windows-registry-key"],
	),
	"x509-certificate": sco("x509-certificate", X509_CERTIFICATE, [], [], SCO_PROPERTIES["x509-certificate"]),
};
