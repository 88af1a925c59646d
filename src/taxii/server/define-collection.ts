// Turns an operator's description of a collection into a CollectionDefinition, reporting every problem at once.
import { randomUUID } from "node:crypto";
import { AppError } from "../../errors/index.ts";
import type { AccessRule, CollectionDefinition, UserRole } from "../../store/index.ts";

/** What an operator says about a collection (the `entente collections add` options). */
export interface CollectionInput {
	/** A lowercase version 4 UUID (TAXII 2.1 §2); a new one when absent. */
	id?: string;
	/** A short name usable in URLs instead of the id (§5.2.1 alias). */
	alias?: string;
	title: string;
	description?: string;
	/** STIX types the collection holds; every type when absent or empty. */
	types?: readonly string[];
	/** Local organisations whose contributions the collection shows; every one when absent or empty. */
	sourceOrganizations?: readonly string[];
	/** Organisation ids that may read, or `local` for every local organisation (the default). */
	readOrganizations?: readonly string[];
	/** Roles that may read; every role when absent or empty. */
	readRoles?: readonly string[];
	/** Organisation ids that may write, or `local` (the default). */
	writeOrganizations?: readonly string[];
	/** Roles that may write; default admin and analyst. */
	writeRoles?: readonly string[];
	/** Nobody may write (POST or DELETE). */
	readOnly?: boolean;
}

/** What is already defined on the node, against which an input is checked. */
export interface CollectionContext {
	/** Ids of the organisations this node hosts. */
	organizationIds: readonly string[];
	/** Collections already defined (ids and aliases must not collide). */
	collections: readonly CollectionDefinition[];
}

const ROLES: readonly UserRole[] = ["admin", "analyst", "reader"];
// An alias must not look like any UUID, whatever its version: it would shadow or mimic an id.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// TAXII 2.1 §2 `identifier`: an RFC 4122 version 4 UUID (lowercase, as STIX writes them).
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;
const DEFAULT_WRITE_ROLES: readonly UserRole[] = ["admin", "analyst"];

interface Issue {
	path: string;
	message: string;
}

/**
 * Validates `input` against the node and builds the definition.
 * @throws AppError E_COLLECTION_INVALID with every issue in `details.issues`; E_COLLECTION_EXISTS when
 * the id or alias is taken.
 * @example defineCollection({ title: "Indicators", alias: "iocs", types: ["indicator"] }, context)
 */
export function defineCollection(input: CollectionInput, context: CollectionContext): CollectionDefinition {
	const issues: Issue[] = [];
	const title = input.title.trim();
	if (title === "" || title.length > 200)
		issues.push({ path: "title", message: "give a title of 1 to 200 characters" });
	const id = input.id ?? randomUUID();
	if (!UUID_V4.test(id)) {
		issues.push({
			path: "id",
			message:
				`${JSON.stringify(id)} is not a lowercase version 4 UUID, which TAXII 2.1 requires of a collection id (§2 ` +
				"identifier; clients such as taxii2-client check it): leave the id out and one is made, or use one from " +
				"`uuidgen -r | tr A-F a-f`",
		});
	}
	if (input.alias !== undefined && (!ALIAS.test(input.alias) || UUID.test(input.alias))) {
		issues.push({
			path: "alias",
			message: `${JSON.stringify(input.alias)} is not an alias: letters, digits, '.', '_', '~', '-', up to 100, and not a UUID`,
		});
	}
	for (const [index, type] of (input.types ?? []).entries()) {
		if (!STIX_TYPE.test(type))
			issues.push({ path: `types[${index}]`, message: `${JSON.stringify(type)} is not a STIX type name` });
	}
	for (const [index, organization] of (input.sourceOrganizations ?? []).entries()) {
		if (!context.organizationIds.includes(organization))
			issues.push({ path: `sourceOrganizations[${index}]`, message: unknownOrganization(organization) });
	}
	const read = accessRule("read", input.readOrganizations, input.readRoles, [], context, issues);
	const write: AccessRule =
		input.readOnly === true
			? { organizations: [] }
			: accessRule("write", input.writeOrganizations, input.writeRoles, DEFAULT_WRITE_ROLES, context, issues);
	if (
		input.readOnly === true &&
		((input.writeOrganizations ?? []).length > 0 || (input.writeRoles ?? []).length > 0)
	) {
		issues.push({ path: "write", message: "a read-only collection takes no write organisations or roles" });
	}
	if (issues.length > 0) {
		throw new AppError(
			"E_COLLECTION_INVALID",
			`the collection is not valid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`,
			{ details: { issues } },
		);
	}
	const taken = context.collections.find(
		(c) => c.id === id || (input.alias !== undefined && c.alias === input.alias),
	);
	if (taken !== undefined) {
		throw new AppError(
			"E_COLLECTION_EXISTS",
			taken.id === id
				? `a collection with id ${id} already exists; remove it first to redefine it`
				: `collection ${taken.id} already has the alias ${JSON.stringify(input.alias)}`,
		);
	}
	const description = input.description?.trim() ?? "";
	const filter: CollectionDefinition["filter"] = {};
	if (input.types !== undefined && input.types.length > 0) filter.types = [...new Set(input.types)];
	if (input.sourceOrganizations !== undefined && input.sourceOrganizations.length > 0)
		filter.sourceOrganizations = [...new Set(input.sourceOrganizations)];
	return {
		id,
		...(input.alias === undefined ? {} : { alias: input.alias }),
		title,
		...(description === "" ? {} : { description }),
		read,
		write,
		filter,
	};
}

function accessRule(
	path: "read" | "write",
	organizations: readonly string[] | undefined,
	roles: readonly string[] | undefined,
	defaultRoles: readonly UserRole[],
	context: CollectionContext,
	issues: Issue[],
): AccessRule {
	const given = organizations ?? [];
	const local = given.length === 0 || given.includes("local");
	if (local && given.length > 1)
		issues.push({
			path: `${path}.organizations`,
			message: "'local' already covers every local organisation",
		});
	given.forEach((organization, index) => {
		if (organization !== "local" && !context.organizationIds.includes(organization))
			issues.push({ path: `${path}.organizations[${index}]`, message: unknownOrganization(organization) });
	});
	const chosen: UserRole[] = [];
	(roles ?? []).forEach((role, index) => {
		if ((ROLES as readonly string[]).includes(role)) chosen.push(role as UserRole);
		else
			issues.push({
				path: `${path}.roles[${index}]`,
				message: `${JSON.stringify(role)} is not one of ${ROLES.join(", ")}`,
			});
	});
	const rule: AccessRule = { organizations: local ? "local" : [...new Set(given)] };
	const effective = chosen.length > 0 ? [...new Set(chosen)] : defaultRoles;
	if (effective.length > 0 && effective.length < ROLES.length) rule.roles = effective;
	return rule;
}

function unknownOrganization(id: string): string {
	return `${JSON.stringify(id)} is not an organisation of this node`;
}
