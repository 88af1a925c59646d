// The shapes stay the one truth: those that present a domain type name exactly its fields with the same types (checked
// by tsc, which `npm test` runs), and the web UI takes them without bundling zod.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import type { ObjectResult } from "../../ingest/index.ts";
import type {
	AppliedTreatment,
	Decision,
	PartyPreview,
	PolicyFileError,
	PolicySummary,
	TraceStep,
} from "../../policy/index.ts";
import type { ErrorBody } from "../../server/index.ts";
import type { StixObject, ValidationIssue } from "../../stix/core.ts";
import type * as shapes from "./index.ts";

/** Property names, without index signatures (a STIX object's `[property: string]: unknown`). */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: true };
/** `T` compared as JSON: deeply readonly, an absent optional property the same as one that is undefined. */
type AsJson<T> = T extends readonly (infer U)[]
	? readonly AsJson<U>[]
	: T extends object
		? { readonly [K in keyof T]: AsJson<Exclude<T[K], undefined>> }
		: T;
/** `true` when the shape presents the domain type exactly: the same property names, each type assignable both ways. */
type Mirrors<Domain, Shape> = [
	Exclude<KnownKeys<Domain>, KnownKeys<Shape>> | Exclude<KnownKeys<Shape>, KnownKeys<Domain>>,
] extends [never]
	? [AsJson<Domain>] extends [AsJson<Shape>]
		? [AsJson<Shape>] extends [AsJson<Domain>]
			? true
			: { shapeWiderThan: Domain }
		: { domainWiderThan: Shape }
	: {
			notInShape: Exclude<KnownKeys<Domain>, KnownKeys<Shape>>;
			notInDomain: Exclude<KnownKeys<Shape>, KnownKeys<Domain>>;
		};

// A pair that drifts apart fails `tsc --noEmit -p .`, naming the fields: a domain field the API would send unnamed in
// the OpenAPI document, or a shape field the server never sends.
export type DomainMirrors = [
	Mirrors<StixObject, shapes.StixObject>,
	Mirrors<ValidationIssue, shapes.StixIssue>,
	Mirrors<Decision, shapes.Decision>,
	Mirrors<AppliedTreatment, shapes.Treatment>,
	Mirrors<TraceStep, shapes.TraceStep>,
	Mirrors<PartyPreview, shapes.PartyPreview>,
	Mirrors<PolicySummary, shapes.PolicySummary>,
	Mirrors<PolicyFileError, shapes.PolicyFileError>,
	Mirrors<ObjectResult, shapes.PublishedObject>,
	Mirrors<ErrorBody, shapes.ErrorBody>,
];
const mirrored: DomainMirrors = [true, true, true, true, true, true, true, true, true, true];

const ROOT = resolve(import.meta.dirname, "..", "..", "..");
const WEB = join(ROOT, "web", "src");
const VOCABULARY = join(import.meta.dirname, "vocabulary.ts");

function sourcesBelow(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
		.map((entry) => join(entry.parentPath, entry.name));
}

/** The module specifiers a file imports or re-exports at run time (`import type`/`export type` are erased). */
function valueImports(file: string): string[] {
	const text = readFileSync(file, "utf8");
	return [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+"([^"]+)"/gms)].map(
		(m) => m[1] ?? "",
	);
}

/** Every file `entry` reaches through run-time imports, and the packages among them. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
	const files = new Set<string>();
	const packages = new Set<string>();
	const visit = (file: string): void => {
		if (files.has(file)) return;
		files.add(file);
		for (const specifier of valueImports(file)) {
			if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
			else packages.add(specifier);
		}
	};
	visit(entry);
	return { files, packages };
}

describe("the shapes as the web UI takes them", () => {
	it("names every field of the domain types the API presents (tsc checks DomainMirrors)", () => {
		assert.equal(mirrored.length, 10);
	});

	it("reaches api/shapes/ at run time only through vocabulary.ts, which imports no package (no zod)", () => {
		const shapesFolder = import.meta.dirname;
		const runtime = sourcesBelow(WEB).flatMap((file) =>
			[...reach(file).files].filter((reached) => reached.startsWith(shapesFolder)),
		);
		assert.ok(
			runtime.every((file) => file === VOCABULARY),
			`web/ imports a schema at run time, which bundles zod; use \`import type\`: ${[...new Set(runtime)]
				.map((file) => relative(ROOT, file))
				.join(", ")}`,
		);
		assert.deepEqual([...reach(VOCABULARY).packages], []);
	});

	it("finds the web's imports of the shapes (the check above is not vacuous)", () => {
		const types = readFileSync(join(WEB, "api", "types.ts"), "utf8");
		assert.match(types, /^export type \* from "[./]+src\/api\/shapes\/index\.ts";$/m);
		assert.ok(
			reach(join(WEB, "session.ts")).files.has(VOCABULARY),
			"session.ts takes PURPOSES from vocabulary.ts",
		);
	});
});
