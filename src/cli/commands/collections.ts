// `entente collections list|add|remove`: the TAXII collections an operator defines over the node's store.
import type { Command } from "commander";
import { AppError } from "../../errors/index.ts";
import { openNode } from "../../main.ts";
import type { AccessRule, Organization } from "../../store/index.ts";
import { defineCollection, storeTaxiiRepository } from "../../taxii/index.ts";
import { printJson, printTable } from "../output.ts";
import { collect } from "./options.ts";

type Node = Awaited<ReturnType<typeof openNode>>;

/** Opens the node and its TAXII repository for one subcommand, closing them afterwards. */
async function withRepository<T>(
	data: string | undefined,
	work: (node: Node, repository: ReturnType<typeof storeTaxiiRepository>) => Promise<T>,
): Promise<T> {
	const node = await openNode({ ...(data === undefined ? {} : { dataDir: data }), logLevel: "warn" });
	try {
		const repository = storeTaxiiRepository(node.store, node.config.nodeName, () => Date.now() * 1000);
		return await work(node, repository);
	} finally {
		await node.close();
	}
}

export function registerCollections(program: Command): void {
	const command = program
		.command("collections")
		.description(
			"define the TAXII collections this node serves (views over its store, each with its own rights)",
		);
	listCommand(command);
	addCommand(command);
	removeCommand(command);
}

/** `list`: list the collections, in the order TAXII clients see them. */
function listCommand(group: Command): void {
	group
		.command("list")
		.description("list the collections, in the order TAXII clients see them")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the definitions as JSON")
		.action(async (options) => {
			await withRepository(options.data, async (node, repository) => {
				const collections = await repository.listCollections();
				if (options.json === true) return printJson(collections);
				const names = nameOf(await node.store.listOrganizations());
				printTable(
					["id", "alias", "title", "types", "sources", "read", "write"],
					collections.map((c) => [
						c.id,
						c.alias ?? "",
						c.title,
						c.filter.types?.join(",") ?? "all",
						c.filter.sourceOrganizations?.map(names).join(",") ?? "all",
						describeRule(c.read, names),
						describeRule(c.write, names),
					]),
				);
			});
		});
}

/** `add`: define a collection. */
function addCommand(group: Command): void {
	group
		.command("add")
		.description("define a collection")
		.requiredOption("--title <text>", "title shown to TAXII clients")
		.option("--id <uuid>", "collection id, a lowercase version 4 UUID (default: a new one)")
		.option("--alias <name>", "short name usable in URLs instead of the id")
		.option("--description <text>", "description shown to TAXII clients")
		.option(
			"--type <stix-type>",
			"only objects of this STIX type (repeatable; default: every type)",
			collect,
			[],
		)
		.option(
			"--source-org <identity-id>",
			"only objects contributed by this local organisation (repeatable; default: every one)",
			collect,
			[],
		)
		.option(
			"--read-org <identity-id|local>",
			"organisation that may read (repeatable; default: local = every local one)",
			collect,
			[],
		)
		.option(
			"--read-role <role>",
			"role that may read: admin, analyst, reader (repeatable; default: every role)",
			collect,
			[],
		)
		.option(
			"--write-org <identity-id|local>",
			"organisation that may write (repeatable; default: local)",
			collect,
			[],
		)
		.option(
			"--write-role <role>",
			"role that may write (repeatable; default: admin and analyst)",
			collect,
			[],
		)
		.option("--read-only", "nobody may add or delete objects through TAXII")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the new definition as JSON")
		.action(async (options) => {
			await withRepository(options.data, async (node, repository) => {
				const definition = defineCollection(
					{
						title: options.title,
						...(options.id === undefined ? {} : { id: options.id }),
						...(options.alias === undefined ? {} : { alias: options.alias }),
						...(options.description === undefined ? {} : { description: options.description }),
						types: options.type,
						sourceOrganizations: options.sourceOrg,
						readOrganizations: options.readOrg,
						readRoles: options.readRole,
						writeOrganizations: options.writeOrg,
						writeRoles: options.writeRole,
						readOnly: options.readOnly === true,
					},
					{
						organizationIds: (await node.store.listOrganizations()).map((o) => o.id),
						collections: await repository.listCollections(),
					},
				);
				await repository.putCollection(definition);
				if (options.json === true) return printJson(definition);
				process.stdout.write(
					`Added collection ${definition.id}${definition.alias === undefined ? "" : ` (alias ${definition.alias})`}: ${definition.title}\n`,
				);
			});
		});
}

/** `remove`: remove a collection (the objects it showed stay in the store). */
function removeCommand(group: Command): void {
	group
		.command("remove")
		.description("remove a collection (the objects it showed stay in the store)")
		.argument("<id-or-alias>", "the collection's id or alias")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the removed definition as JSON")
		.action(async (idOrAlias: string, options) => {
			await withRepository(options.data, async (_node, repository) => {
				const collections = await repository.listCollections();
				const found =
					collections.find((c) => c.id === idOrAlias) ?? collections.find((c) => c.alias === idOrAlias);
				if (found === undefined || !(await repository.removeCollection(found.id))) {
					throw new AppError(
						"E_COLLECTION_NOT_FOUND",
						`no collection ${JSON.stringify(idOrAlias)}; 'entente collections list' shows them`,
					);
				}
				if (options.json === true) return printJson({ removed: found });
				process.stdout.write(`Removed collection ${found.id} (${found.title})\n`);
			});
		});
}

function nameOf(organizations: readonly Organization[]): (id: string) => string {
	const names = new Map(organizations.map((o) => [o.id, o.name]));
	return (id) => names.get(id) ?? id;
}

/** `local`, `nobody` or organisation names, with roles when restricted: `local (admin, analyst)`. */
function describeRule(rule: AccessRule, name: (id: string) => string): string {
	if (rule.organizations !== "local" && rule.organizations.length === 0) return "nobody";
	const who = rule.organizations === "local" ? "local" : rule.organizations.map(name).join(", ");
	return rule.roles === undefined ? who : `${who} (${rule.roles.join(", ")})`;
}
