// Nested types of SCOs (§6): MIME parts, registry values, and the long property lists of two SCOs.
import {
	bool,
	hashes,
	int,
	nested,
	type PropSpec,
	ref,
	type ScoPropertySpecs,
	str,
	timestamp,
} from "./property-spec.ts";
import * as V from "./vocabularies.ts";

export const MIME_PART = nested({
	name: "mime-part",
	properties: {
		body: str,
		body_raw_ref: ref("artifact", "file"),
		content_type: str,
		content_disposition: str,
	},
	atLeastOne: ["body", "body_raw_ref"],
	rules: [
		(object, walk) => {
			if (object.body !== undefined && object.body_raw_ref !== undefined) {
				walk.error("exclusive", "a MIME part has exactly one of body or body_raw_ref");
			}
		},
	],
});

export const REGISTRY_VALUE = nested({
	name: "windows-registry-value",
	properties: { name: str, data: str, data_type: V.REGISTRY_DATATYPE },
	atLeastOne: ["name", "data", "data_type"],
});

/** user-account's properties. */
export const USER_ACCOUNT: ScoPropertySpecs<"user-account"> = {
	user_id: str,
	credential: str,
	account_login: str,
	account_type: V.ACCOUNT_TYPE,
	display_name: str,
	is_service_account: bool,
	is_privileged: bool,
	can_escalate_privs: bool,
	is_disabled: bool,
	account_created: timestamp,
	account_expires: timestamp,
	credential_last_changed: timestamp,
	account_first_login: timestamp,
	account_last_login: timestamp,
};

/** The x509 v3 extensions (§6.17.2): string properties, and the private key's usage period. */
const X509_V3: Readonly<Record<string, PropSpec>> = {
	...Object.fromEntries(
		[
			"basic_constraints",
			"name_constraints",
			"policy_constraints",
			"key_usage",
			"extended_key_usage",
			"subject_key_identifier",
			"authority_key_identifier",
			"subject_alternative_name",
			"issuer_alternative_name",
			"subject_directory_attributes",
			"crl_distribution_points",
			"inhibit_any_policy",
			"certificate_policies",
			"policy_mappings",
		].map((name) => [name, str]),
	),
	private_key_usage_period_not_before: timestamp,
	private_key_usage_period_not_after: timestamp,
};

/** x509-certificate's properties. */
export const X509_CERTIFICATE: ScoPropertySpecs<"x509-certificate"> = {
	is_self_signed: bool,
	hashes,
	version: str,
	serial_number: str,
	signature_algorithm: str,
	issuer: str,
	validity_not_before: timestamp,
	validity_not_after: timestamp,
	subject: str,
	subject_public_key_algorithm: str,
	subject_public_key_modulus: str,
	subject_public_key_exponent: int,
	x509_v3_extensions: nested({
		name: "x509-v3-extensions",
		properties: X509_V3,
		atLeastOne: Object.keys(X509_V3),
	}),
};
