// Tests only: a fresh PostgreSQL schema per store under test, dropped after, so tests share one database.
import { randomBytes } from "node:crypto";
import { escapeIdentifier, Pool } from "pg";

/** Hands out schema names and drops them; `end()` drops what is left and closes its connection. */
export interface TestSchemas {
	/** A new schema name (the store creates it on open); dropped by `drop` or `end`. */
	fresh(): string;
	/** `url` with `schema=name`, as an operator would write it. */
	urlOf(schema: string): string;
	drop(schema: string): Promise<void>;
	end(): Promise<void>;
}

/** Schemas in the database `url` names; every name starts with `entente_test_`. */
export function testSchemas(url: string): TestSchemas {
	const admin = new Pool({ connectionString: url, max: 2 });
	admin.on("error", () => {});
	const live = new Set<string>();
	const drop = async (schema: string): Promise<void> => {
		live.delete(schema);
		await admin.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`);
	};
	return {
		fresh() {
			const schema = `entente_test_${process.pid}_${randomBytes(5).toString("hex")}`;
			live.add(schema);
			return schema;
		},
		urlOf(schema) {
			const parsed = new URL(url);
			parsed.searchParams.set("schema", schema);
			return parsed.toString();
		},
		drop,
		async end() {
			for (const schema of [...live]) await drop(schema);
			await admin.end();
		},
	};
}
