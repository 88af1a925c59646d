// `npm test` and `npm run test:quick`: the checks, then the suite's test files through node:test, with selection
// (`--grep`, `--file`, `--name`) and a ranking of the slowest files and tests. `npm test -- --help` lists options.
import { existsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { parseRunArgs, type RunArgs, USAGE } from "./runner/args.ts";
import { runChecks } from "./runner/checks.ts";
import { countedFailures, type Failure } from "./runner/failures.ts";
import { isSelective, planRun } from "./runner/select.ts";
import { FULL, QUICK, type Suite, startOrder, suiteFiles } from "./runner/suites.ts";
import { collectTimings, formatSlowest, slowest } from "./runner/timings.ts";
import { hideUnmatchedFiles } from "./runner/unmatched.ts";

const root = resolve(import.meta.dirname, "..");

/** Runs what the arguments ask for and returns the process's exit status. */
async function main(argv: readonly string[]): Promise<number> {
	const args = parseRunArgs(argv);
	if (args.help) {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	const suite = args.suite === "quick" ? QUICK : FULL;
	const selective = isSelective(args.selection);
	const isFile = (path: string): boolean =>
		existsSync(resolve(root, path)) && statSync(resolve(root, path)).isFile();
	const plan = planRun(suiteFiles(suite, root), args.selection, isFile);
	for (const line of plan.explanation) process.stderr.write(`test: ${line}\n`);
	if (wantsChecks(args, suite, selective)) {
		const failed = runChecks(root);
		if (failed !== undefined) {
			process.stderr.write(`test: npm run ${failed} failed; no test was run\n`);
			return 1;
		}
	}
	prepareEnvironment(suite);
	return runTests(startOrder(plan.files), plan.namePatterns, args, selective);
}

/** The full suite checks unless told not to; the quick suite and a selection check only when asked. */
function wantsChecks(args: RunArgs, suite: Suite, selective: boolean): boolean {
	if (args.checks !== "default") return args.checks;
	return suite.name === "full" && !selective;
}

/**
 * The suite's variables, and Node's compile cache for every process the tests start: most of a CLI start-up is
 * compiling our TypeScript, and the process-level suites start the CLI hundreds of times (docs/testing.md).
 */
function prepareEnvironment(suite: Suite): void {
	process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), "entente-node-compile-cache");
	for (const [name, value] of Object.entries(suite.envDefaults)) process.env[name] ??= value;
	for (const name of suite.envRemoved) delete process.env[name];
}

async function runTests(
	files: readonly string[],
	namePatterns: readonly RegExp[],
	args: RunArgs,
	selective: boolean,
): Promise<number> {
	const started = performance.now();
	process.stderr.write(`test: ${files.length} file(s), ${args.concurrency} at a time\n`);
	const stream = run({
		files: files.map((f) => resolve(root, f)),
		cwd: root,
		concurrency: args.concurrency,
		// With a name pattern, a file none of whose tests match still runs its top-level hooks, and node (24.21)
		// does not wait for `before` to end before running `after`: a `before` that starts a server then leaves
		// it running and the process never exits. Such a file's process is ended once its tests are done.
		...(namePatterns.length > 0 ? { testNamePatterns: namePatterns, forceExit: true } : {}),
	});
	const timings = collectTimings(stream, root);
	let success = false;
	stream.on("test:summary", (data) => {
		if (data.file === undefined) success = data.success;
	});
	const failures: Failure[] = [];
	stream.on("test:fail", (data) => {
		const { failureType } = data.details.error as { failureType?: string };
		failures.push({ name: data.name, file: data.file, failureType });
	});
	await new Promise<void>((done, fail) => {
		const shown = namePatterns.length > 0 ? stream.compose(hideUnmatchedFiles()) : stream;
		shown.compose(new spec()).on("end", done).on("error", fail).pipe(process.stdout, { end: false });
	});
	const n = args.slowest ?? (selective ? 0 : 20);
	if (n > 0) process.stdout.write(`\n${formatSlowest(slowest(timings, n))}\n`);
	if (args.timings !== undefined) writeFileSync(args.timings, `${JSON.stringify(timings, null, "\t")}\n`);
	const ran = timings.tests.length;
	process.stdout.write(`\ntest: ${ran} test(s) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
	if (ran === 0 && namePatterns.length > 0) {
		process.stderr.write(`test: no test's name matches ${namePatterns.join(", ")}\n`);
		return 1;
	}
	if (namePatterns.length === 0) return success ? 0 : 1;
	const ranIn = new Set(timings.tests.map((t) => t.file));
	const counted = countedFailures(failures, true, (file) => ranIn.has(relative(root, file)));
	const raced = failures.length - counted.length;
	if (raced > 0)
		process.stderr.write(
			`test: ${raced} file(s) without a matching test failed in a hook: not counted (D41)\n`,
		);
	return counted.length === 0 ? 0 : 1;
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`test: ${(error as Error).message}\n`);
	process.exitCode = 2;
}
