// `entente init`: creates a node's data directory, key, first organisation and admin token.
import type { Command } from "commander";
import { initNode } from "../../main.ts";
import { printJson } from "../output.ts";
import { collect, parsePort } from "./options.ts";

export function registerInit(program: Command): void {
	program
		.command("init")
		.description("create a node: data directory, config, Ed25519 key, first organisation and admin token")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--name <name>", "this node's name, shown to partners", "entente-node")
		.option("--org <name>", "name of the first organisation this node hosts", "Local Organisation")
		.option(
			"--org-id <identity-id>",
			"its STIX identity id, e.g. the one your sharing policy gives it (default: a new one)",
		)
		.option("--sector <sector>", "sector of that organisation (repeatable)", collect, [])
		.option(
			"--jurisdiction <code>",
			"jurisdiction of that organisation, e.g. GB, US, EU (repeatable)",
			collect,
			[],
		)
		.option("--port <n>", "port to serve on", parsePort)
		.option(
			"--store <url>",
			"a postgres:// URL to keep the store in PostgreSQL, shared by every process of this node " +
				"(saved as store.url; default: SQLite, entente.db in the data directory)",
		)
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			const result = await initNode({
				dataDir: options.data,
				nodeName: options.name,
				organization: {
					name: options.org,
					sectors: options.sector,
					jurisdictions: options.jurisdiction,
					...(options.orgId === undefined ? {} : { id: options.orgId }),
				},
				...(options.port === undefined ? {} : { port: options.port }),
				...(options.store === undefined ? {} : { store: options.store }),
			});
			if (options.json === true) {
				printJson(result);
				return;
			}
			process.stdout.write(
				[
					`Created a node in ${result.dataDir}`,
					`  URL:           ${result.url}`,
					`  organisation:  ${result.organizationId}`,
					`  fingerprint:   ${result.fingerprint}`,
					`  admin token:   ${result.adminToken}`,
					"Keep the admin token: it is shown only now. Start the node with 'entente serve'.",
					"",
				].join("\n"),
			);
		});
}
