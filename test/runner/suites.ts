// The two suites `test/run.ts` knows: the full gate (`npm test`) and the inner loop (`npm run test:quick`).
import { globSync } from "node:fs";

/** Which test files a suite runs and the environment its tests see. */
export interface Suite {
	readonly name: "full" | "quick";
	/** Globs relative to the repository root. */
	readonly include: readonly string[];
	/** Paths left out although a glob names them. */
	readonly exclude: readonly string[];
	/** Set for the tests when the caller has not set them. */
	readonly envDefaults: Readonly<Record<string, string>>;
	/** Removed from the tests' environment, so that no test reaches what the suite leaves out. */
	readonly envRemoved: readonly string[];
}

/** Every test: the gate CI runs. */
export const FULL: Suite = {
	name: "full",
	include: ["src/**/*.test.ts", "test/**/*.test.ts"],
	exclude: [],
	envDefaults: {},
	envRemoved: [],
};

/**
 * The inner loop: the unit and contract tests under `src/`, the tests of the runner, of the rooms' checker and of
 * the architecture map, and the two model tests at small counts. The PostgreSQL store and the process-level suites of `test/` (real nodes, federation, the demo,
 * the browser) are left out, and the PostgreSQL URL is hidden so that no test of the loop waits on a server.
 */
export const QUICK: Suite = {
	name: "quick",
	include: [
		"src/**/*.test.ts",
		"test/runner/**/*.test.ts",
		"test/check-imports.test.ts",
		"test/architecture-map.test.ts",
		"test/policy-model.test.ts",
		"test/policy-model-more.test.ts",
		"test/policy-model-paths.test.ts",
		"test/hostile-model.test.ts",
	],
	exclude: ["src/store/postgres/postgres-store.test.ts"],
	envDefaults: { ENTENTE_MODEL_RUNS: "200", ENTENTE_HOSTILE_RUNS: "100" },
	envRemoved: ["ENTENTE_TEST_POSTGRES_URL", "ENTENTE_REQUIRE_POSTGRES", "ENTENTE_REQUIRE_BROWSER"],
};

/** The suite's test files, relative to `root`, sorted, each once. */
export function suiteFiles(suite: Suite, root: string): string[] {
	const excluded = new Set(suite.exclude);
	const files = new Set<string>();
	for (const pattern of suite.include) {
		for (const file of globSync(pattern, { cwd: root })) {
			if (!excluded.has(file)) files.add(file);
		}
	}
	return [...files].sort();
}

/**
 * The files that take longest, started first so that no long file begins when the others are done and leaves a
 * core idle at the end (the ranking in docs/testing.md; the model halves alone take minutes).
 */
export const LONGEST_FIRST: readonly string[] = [
	"test/policy-model.test.ts",
	"test/policy-model-more.test.ts",
	"test/hostile-model.test.ts",
	"test/policy-model-paths.test.ts",
	"test/crash.test.ts",
	"test/federation-outage.test.ts",
	"test/federation-kill.test.ts",
	"test/federation-set-checker.test.ts",
	"test/demo.test.ts",
	"test/federation.test.ts",
];

/** `files` in the order to start them: the longest known first, the rest as given. */
export function startOrder(files: readonly string[]): string[] {
	const chosen = new Set(files);
	const first = LONGEST_FIRST.filter((file) => chosen.has(file));
	const rest = files.filter((file) => !LONGEST_FIRST.includes(file));
	return [...first, ...rest];
}
