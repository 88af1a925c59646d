// MISP object templates → observables and pattern comparisons, after misp_objects_to_stix21.json. A template
// not here is kept whole as an x-misp-object (misp-stix does the same for templates it does not know).
import type { StixObject } from "../../stix/core.ts";
import { ipType, registryKey, sco } from "./attribute-types.ts";
import { HASH_NAMES } from "./hashes.ts";
import { quoted, segment } from "./pattern-text.ts";

/** One attribute of a MISP object, read. */
export interface ObjectAttribute {
	uuid: string;
	relation: string;
	type: string;
	value: string;
	toIds: boolean;
}

/** What a template made: observables, the comparisons of its to_ids attributes, and the window it was seen in. */
export interface TemplateResult {
	scos: StixObject[];
	comparisons: string[];
	firstSeen?: string;
	lastSeen?: string;
}

type Template = (uuid: string, attributes: readonly ObjectAttribute[]) => TemplateResult | undefined;

export function objectTemplate(name: string): Template | undefined {
	return TEMPLATES[name];
}

/** `x_misp_<relation>` for what a template keeps without a STIX property; repeated relations become a list. */
function keep(target: Record<string, unknown>, attribute: ObjectAttribute): string {
	const key = `x_misp_${attribute.relation.replace(/[^A-Za-z0-9]/g, "_").toLowerCase()}`;
	const held = target[key];
	if (held === undefined) target[key] = attribute.value;
	else target[key] = Array.isArray(held) ? [...held, attribute.value] : [held, attribute.value];
	return key;
}

function compare(result: TemplateResult, attribute: ObjectAttribute, comparison: string): void {
	if (attribute.toIds) result.comparisons.push(comparison);
}

function window(result: TemplateResult, attribute: ObjectAttribute): boolean {
	if (attribute.relation === "first-seen") result.firstSeen = attribute.value;
	else if (attribute.relation === "last-seen") result.lastSeen = attribute.value;
	else return false;
	return true;
}

const file: Template = (uuid, attributes) => {
	const properties: Record<string, unknown> = {};
	const hashes: Record<string, string> = {};
	const result: TemplateResult = { scos: [], comparisons: [] };
	for (const attribute of attributes) {
		const hash = HASH_NAMES[attribute.type];
		if (hash !== undefined && hashes[hash] === undefined) {
			hashes[hash] = attribute.value;
			compare(result, attribute, `file:hashes.${segment(hash)} = ${quoted(attribute.value)}`);
		} else if (attribute.relation === "filename" && properties.name === undefined) {
			properties.name = attribute.value;
			compare(result, attribute, `file:name = ${quoted(attribute.value)}`);
		} else if (
			attribute.relation === "size-in-bytes" &&
			/^\d+$/.test(attribute.value) &&
			properties.size === undefined
		) {
			properties.size = Number(attribute.value);
			compare(result, attribute, `file:size = '${attribute.value}'`);
		} else if (attribute.relation === "mimetype" && properties.mime_type === undefined) {
			properties.mime_type = attribute.value;
			compare(result, attribute, `file:mime_type = ${quoted(attribute.value)}`);
		} else if (!window(result, attribute)) {
			const key = keep(properties, attribute);
			compare(result, attribute, `file:${key} = ${quoted(attribute.value)}`);
		}
	}
	if (Object.keys(hashes).length > 0) properties.hashes = hashes;
	if (properties.hashes === undefined && properties.name === undefined) return undefined;
	result.scos.push(sco("file", uuid, properties));
	return result;
};

const domainIp: Template = (uuid, attributes) => {
	const properties: Record<string, unknown> = {};
	const addresses: StixObject[] = [];
	const result: TemplateResult = { scos: [], comparisons: [] };
	const resolves: string[] = [];
	for (const attribute of attributes) {
		if (attribute.relation === "domain" && properties.value === undefined) {
			properties.value = attribute.value;
			compare(result, attribute, `domain-name:value = ${quoted(attribute.value)}`);
		} else if (attribute.relation === "ip" || attribute.type === "ip-dst" || attribute.type === "ip-src") {
			addresses.push(sco(ipType(attribute.value), attribute.uuid, { value: attribute.value }));
			if (attribute.toIds)
				resolves.push(`domain-name:resolves_to_refs[*].value = ${quoted(attribute.value)}`);
		} else if (!window(result, attribute)) {
			const key = keep(properties, attribute);
			compare(result, attribute, `domain-name:${key} = ${quoted(attribute.value)}`);
		}
	}
	if (properties.value === undefined) return undefined;
	if (addresses.length > 0) properties.resolves_to_refs = addresses.map((address) => address.id);
	result.scos.push(sco("domain-name", uuid, properties), ...addresses);
	result.comparisons.push(...resolves);
	return result;
};

const ipPort: Template = (uuid, attributes) => {
	const properties: Record<string, unknown> = {};
	const addresses: StixObject[] = [];
	const result: TemplateResult = { scos: [], comparisons: [] };
	for (const attribute of attributes) {
		const side = attribute.relation === "src-ip" || attribute.type === "ip-src" ? "src" : "dst";
		if (
			(attribute.relation === "ip" || attribute.relation.endsWith("-ip")) &&
			properties[`${side}_ref`] === undefined
		) {
			const address = sco(ipType(attribute.value), attribute.uuid, { value: attribute.value });
			addresses.push(address);
			properties[`${side}_ref`] = address.id;
			compare(result, attribute, `network-traffic:${side}_ref.value = ${quoted(attribute.value)}`);
		} else if (
			(attribute.relation === "dst-port" || attribute.relation === "src-port") &&
			/^\d{1,5}$/.test(attribute.value) &&
			Number(attribute.value) < 65536
		) {
			const key = attribute.relation === "dst-port" ? "dst_port" : "src_port";
			properties[key] = Number(attribute.value);
			compare(result, attribute, `network-traffic:${key} = '${attribute.value}'`);
		} else if (!window(result, attribute)) {
			const key = keep(properties, attribute);
			compare(result, attribute, `network-traffic:${key} = ${quoted(attribute.value)}`);
		}
	}
	if (properties.src_ref === undefined && properties.dst_ref === undefined) return undefined;
	properties.protocols = ["tcp"];
	result.scos.push(sco("network-traffic", uuid, properties), ...addresses);
	return result;
};

const url: Template = (uuid, attributes) => {
	const properties: Record<string, unknown> = {};
	const result: TemplateResult = { scos: [], comparisons: [] };
	for (const attribute of attributes) {
		if (attribute.relation === "url" && properties.value === undefined) {
			properties.value = attribute.value;
			compare(result, attribute, `url:value = ${quoted(attribute.value)}`);
		} else if (!window(result, attribute)) {
			const key = keep(properties, attribute);
			compare(result, attribute, `url:${key} = ${quoted(attribute.value)}`);
		}
	}
	if (properties.value === undefined) return undefined;
	result.scos.push(sco("url", uuid, properties));
	return result;
};

const registry: Template = (uuid, attributes) => {
	const properties: Record<string, unknown> = {};
	const result: TemplateResult = { scos: [], comparisons: [] };
	for (const attribute of attributes) {
		if (attribute.relation === "key" && properties.key === undefined) {
			properties.key = registryKey(attribute.value);
			compare(result, attribute, `windows-registry-key:key = ${quoted(properties.key as string)}`);
		} else if (!window(result, attribute)) {
			const key = keep(properties, attribute);
			compare(result, attribute, `windows-registry-key:${key} = ${quoted(attribute.value)}`);
		}
	}
	if (properties.key === undefined) return undefined;
	result.scos.push(sco("windows-registry-key", uuid, properties));
	return result;
};

const ADDRESS_FIELDS: Readonly<Record<string, { property: string; list: boolean }>> = {
	from: { property: "from_ref", list: false },
	to: { property: "to_refs", list: true },
	cc: { property: "cc_refs", list: true },
	bcc: { property: "bcc_refs", list: true },
};

const HEADER_FIELDS: Readonly<Record<string, string>> = { "reply-to": "Reply-To", "x-mailer": "X-Mailer" };
const MESSAGE_FIELDS: Readonly<Record<string, string>> = {
	subject: "subject",
	"message-id": "message_id",
	"email-body": "body",
};

/** The email template: addresses (each with the display name given after it), headers, attachments as files. */
const email: Template = (uuid, attributes) => {
	const properties: Record<string, unknown> = {};
	const result: TemplateResult = { scos: [], comparisons: [] };
	const addresses = new Map<string, StixObject[]>();
	const names = new Map<string, string[]>();
	const headers: Record<string, string> = {};
	const parts: Record<string, string>[] = [];
	for (const attribute of attributes) {
		const field = ADDRESS_FIELDS[attribute.relation];
		const named = attribute.relation.endsWith("-display-name") ? attribute.relation.slice(0, -13) : undefined;
		if (field !== undefined) {
			const address = sco("email-addr", attribute.uuid, { value: attribute.value });
			addresses.set(attribute.relation, [...(addresses.get(attribute.relation) ?? []), address]);
			const path = field.list ? `${field.property}[*].value` : `${field.property}.value`;
			compare(result, attribute, `email-message:${path} = ${quoted(attribute.value)}`);
		} else if (named !== undefined && ADDRESS_FIELDS[named] !== undefined) {
			names.set(named, [...(names.get(named) ?? []), attribute.value]);
		} else if (HEADER_FIELDS[attribute.relation] !== undefined) {
			const header = HEADER_FIELDS[attribute.relation] as string;
			headers[header] = attribute.value;
			compare(
				result,
				attribute,
				`email-message:additional_header_fields.${segment(header)} = ${quoted(attribute.value)}`,
			);
		} else if (
			MESSAGE_FIELDS[attribute.relation] !== undefined &&
			properties[MESSAGE_FIELDS[attribute.relation] as string] === undefined
		) {
			const property = MESSAGE_FIELDS[attribute.relation] as string;
			properties[property] = attribute.value;
			compare(result, attribute, `email-message:${property} = ${quoted(attribute.value)}`);
		} else if (attribute.relation === "attachment") {
			const attached = sco("file", attribute.uuid, { name: attribute.value });
			result.scos.push(attached);
			parts.push({
				body_raw_ref: attached.id,
				content_disposition: `attachment; filename='${attribute.value}'`,
			});
			compare(
				result,
				attribute,
				`email-message:body_multipart[*].body_raw_ref.name = ${quoted(attribute.value)}`,
			);
		} else if (!window(result, attribute)) {
			const key = keep(properties, attribute);
			compare(result, attribute, `email-message:${key} = ${quoted(attribute.value)}`);
		}
	}
	for (const [relation, list] of addresses) {
		const field = ADDRESS_FIELDS[relation] as { property: string; list: boolean };
		list.forEach((address, index) => {
			const name = names.get(relation)?.[index];
			if (name !== undefined) address.display_name = name;
		});
		properties[field.property] = field.list ? list.map((address) => address.id) : list[0]?.id;
		result.scos.unshift(...(field.list ? list : list.slice(0, 1)));
	}
	if (Object.keys(headers).length > 0) properties.additional_header_fields = headers;
	properties.is_multipart = parts.length > 0;
	if (parts.length > 0) properties.body_multipart = parts;
	if (parts.length > 0 && properties.body !== undefined) {
		// STIX: a multipart message has no body; the text becomes its first part.
		parts.unshift({ body: properties.body as string, content_type: "text/plain" });
		delete properties.body;
	}
	result.scos.unshift(sco("email-message", uuid, properties));
	return result;
};

const TEMPLATES: Readonly<Record<string, Template>> = {
	email,
	file,
	"domain-ip": domainIp,
	"ip-port": ipPort,
	url,
	"registry-key": registry,
};
