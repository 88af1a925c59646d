// Tests defineCollection: defaults, access rules, and every problem reported at once.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineCollection } from "./define-collection.ts";

const ORG_A = "identity--0a0a0a0a-0000-4000-8000-000000000001";
const ORG_B = "identity--0b0b0b0b-0000-4000-8000-000000000002";
const context = { organizationIds: [ORG_A, ORG_B], collections: [] };

describe("defineCollection", () => {
	it("defaults to every type and source, read by every local role, written by admins and analysts", () => {
		const definition = defineCollection(
			{ title: " Everything ", id: "11111111-1111-4111-8111-111111111111" },
			context,
		);
		assert.deepEqual(definition, {
			id: "11111111-1111-4111-8111-111111111111",
			title: "Everything",
			read: { organizations: "local" },
			write: { organizations: "local", roles: ["admin", "analyst"] },
			filter: {},
		});
		assert.match(defineCollection({ title: "x" }, context).id, /^[0-9a-f-]{36}$/);
	});

	it("narrows by type and source, and grants per organisation and role", () => {
		const definition = defineCollection(
			{
				title: "Indicators of A",
				alias: "a-iocs",
				description: "shared with B's readers",
				types: ["indicator", "indicator"],
				sourceOrganizations: [ORG_A],
				readOrganizations: [ORG_A, ORG_B],
				readRoles: ["reader"],
				writeOrganizations: [ORG_A],
				writeRoles: ["admin", "analyst", "reader"],
			},
			context,
		);
		assert.equal(definition.alias, "a-iocs");
		assert.deepEqual(definition.filter, { types: ["indicator"], sourceOrganizations: [ORG_A] });
		assert.deepEqual(definition.read, { organizations: [ORG_A, ORG_B], roles: ["reader"] });
		assert.deepEqual(definition.write, { organizations: [ORG_A] }, "every role is no restriction");
		assert.deepEqual(defineCollection({ title: "ro", readOnly: true }, context).write, { organizations: [] });
	});

	it("reports every problem with its path in one E_COLLECTION_INVALID", () => {
		assert.throws(
			() =>
				defineCollection(
					{
						title: "",
						id: "not-a-uuid",
						alias: "11111111-1111-4111-8111-111111111111",
						types: ["Indicator"],
						sourceOrganizations: ["identity--unknown"],
						readRoles: ["root"],
						writeOrganizations: ["local", ORG_A],
						readOnly: true,
					},
					context,
				),
			(error: unknown) => {
				const e = error as { code?: string; details?: { issues?: { path: string }[] } };
				assert.equal(e.code, "E_COLLECTION_INVALID");
				assert.deepEqual(
					e.details?.issues?.map((issue) => issue.path),
					["title", "id", "alias", "types[0]", "sourceOrganizations[0]", "read.roles[0]", "write"],
				);
				return true;
			},
		);
	});

	it("refuses a collection id that is a UUID of another version, naming the fix (TAXII 2.1 §2)", () => {
		for (const id of ["11111111-1111-1111-8111-111111111111", "6BA7B810-9DAD-41D1-80B4-00C04FD430C8"]) {
			assert.throws(
				() => defineCollection({ title: "t", id }, context),
				(error: unknown) => {
					const message = String((error as Error).message);
					assert.match(message, /id: .* is not a lowercase version 4 UUID/);
					assert.match(message, /leave the id out/);
					return true;
				},
			);
		}
	});

	it("refuses an id or alias another collection has", () => {
		const existing = defineCollection({ title: "one", alias: "one" }, context);
		const taken = { ...context, collections: [existing] };
		assert.throws(() => defineCollection({ title: "two", alias: "one" }, taken), {
			code: "E_COLLECTION_EXISTS",
		});
		assert.throws(() => defineCollection({ title: "two", id: existing.id }, taken), {
			code: "E_COLLECTION_EXISTS",
		});
	});
});
