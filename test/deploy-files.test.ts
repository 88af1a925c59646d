// The Dockerfile and compose.yaml, checked without a Docker engine (none runs on the machines that test this; D69):
// what they copy exists, the node runs without privileges and is health-checked, and every ENTENTE_* variable
// they set is one the configuration reads.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { ententeOk } from "./support/cli.ts";

const ROOT = resolve(import.meta.dirname, "..");
const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
const instructions = dockerfile
	.replace(/\\\n/g, " ")
	.split("\n")
	.map((line) => line.trim())
	.filter((line) => line !== "" && !line.startsWith("#"));
const runtime = instructions.slice(instructions.findLastIndex((line) => line.startsWith("FROM ")));
/** The ENTENTE_* variables src/config reads. */
const readVariables = new Set(
	readFileSync(join(ROOT, "src/config/load.ts"), "utf8").match(/ENTENTE_[A-Z_]+/g),
);

describe("Dockerfile", () => {
	it("copies only what the repository holds and the build stage makes", () => {
		for (const line of instructions.filter((l) => l.startsWith("COPY ") && !l.includes("--from="))) {
			const sources = line.split(/\s+/).slice(1, -1);
			for (const source of sources)
				assert.ok(existsSync(join(ROOT, source)), `${line}: ${source} is missing`);
		}
		assert.ok(runtime.some((line) => line === "COPY --from=build /app/web/dist ./web/dist"));
		assert.ok(
			runtime.some((line) => /^RUN npm ci --omit=dev/.test(line)),
			"the runtime has production dependencies only",
		);
	});

	it("runs as a user without privileges, with data in a volume and a health check on /health", () => {
		const user = runtime.find((line) => line.startsWith("USER "));
		assert.ok(user !== undefined && !/^USER (root|0)\b/.test(user), "a USER other than root");
		assert.ok(runtime.indexOf(user) < runtime.findIndex((line) => line.startsWith("CMD ")));
		assert.ok(runtime.some((line) => line.startsWith("VOLUME ") && line.includes("/var/lib/entente")));
		assert.match(runtime.find((line) => line.startsWith("HEALTHCHECK ")) ?? "", /\/health/);
	});

	it("starts a command the CLI has, and sets only variables the configuration reads", async () => {
		const cmd = JSON.parse(runtime.find((line) => line.startsWith("CMD "))?.slice(4) ?? "[]") as string[];
		assert.deepEqual(cmd.slice(0, 3), ["node", "bin/entente.mjs", "serve"]);
		assert.ok(existsSync(join(ROOT, cmd[1] ?? "")));
		const help = await ententeOk(["serve", "--help"]);
		for (const flag of cmd.slice(3)) assert.ok(help.includes(flag), `serve has ${flag}`);
		for (const name of dockerfile.match(/ENTENTE_[A-Z_]+/g) ?? []) assert.ok(readVariables.has(name), name);
	});

	it("is not sent what the image installs or never needs", () => {
		const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
		for (const entry of ["node_modules", "test", "**/*.test.ts", ".git"])
			assert.ok(ignored.includes(entry), entry);
	});
});

describe("compose.yaml", () => {
	const compose = parse(readFileSync(join(ROOT, "compose.yaml"), "utf8")) as {
		services: Record<
			string,
			{
				environment?: Record<string, string>;
				depends_on?: Record<string, { condition: string }>;
				healthcheck?: unknown;
				volumes?: string[];
			}
		>;
		volumes: Record<string, unknown>;
	};

	it("starts the node once PostgreSQL is healthy, both on named volumes", () => {
		const { node, db } = compose.services;
		assert.ok(node !== undefined && db !== undefined);
		assert.equal(node.depends_on?.db?.condition, "service_healthy");
		assert.ok(db.healthcheck !== undefined);
		for (const service of [node, db]) {
			for (const volume of service.volumes ?? [])
				assert.ok((volume.split(":")[0] ?? "") in compose.volumes, `${volume} is a named volume`);
		}
	});

	it("sets only variables the configuration reads, and the store on the database", () => {
		const environment = compose.services.node?.environment ?? {};
		for (const name of Object.keys(environment)) assert.ok(readVariables.has(name), name);
		assert.match(
			environment.ENTENTE_STORE_URL ?? "",
			/^postgres:\/\/entente:\$\{ENTENTE_DB_PASSWORD\}@db:5432\/entente\?schema=/,
		);
	});
});
