// Reads `test/run.ts`'s command line (what `npm test -- …` and `npm run test:quick -- …` pass on).
import type { Selection } from "./select.ts";

/** What one run of the runner is asked to do. */
export interface RunArgs {
	readonly suite: "full" | "quick";
	readonly selection: Selection;
	/** Lint, typecheck and the web build before the tests: on for a whole suite, off for a selection. */
	readonly checks: boolean | "default";
	/** How many of the slowest files and tests to list at the end; `undefined`: the runner's default. */
	readonly slowest: number | undefined;
	/** Where to write every file's and test's duration as JSON. */
	readonly timings: string | undefined;
	/** Test files run at once. */
	readonly concurrency: number;
	readonly help: boolean;
}

export const USAGE = `usage: npm test [-- OPTIONS] [PATH…]        lint, typecheck, web build, every test
       npm run test:quick [-- OPTIONS] [PATH…]  unit and contract tests, no checks (the inner loop)

  --grep PAT       the files whose path matches PAT run whole; when no path matches, the tests whose
                   name matches PAT run, in every file of the suite (PAT: a case-insensitive regex)
  --file PAT       only the files whose path matches PAT; a positional PATH is a --file
  --name PAT       only the tests whose name matches PAT (node --test-name-pattern), in the chosen files
  --checks         run lint, typecheck and the web build even with a selection
  --no-checks      skip them even for the whole suite
  --slowest N      list the N slowest files and tests at the end (default 20 for a whole suite, else 0)
  --timings FILE   write every file's and test's duration to FILE as JSON
  --concurrency N  test files run at once (default 2)
  --quick          the quick suite (what npm run test:quick passes)

Every option but --quick, --checks and --no-checks may repeat or take the form --opt=VALUE.`;

const VALUED = new Set(["--grep", "--file", "--name", "--slowest", "--timings", "--concurrency"]);

/** Parses the arguments; throws with the usage's hint on anything it does not know. */
export function parseRunArgs(argv: readonly string[]): RunArgs {
	const files: string[] = [];
	const names: string[] = [];
	const greps: string[] = [];
	let suite: RunArgs["suite"] = "full";
	let checks: RunArgs["checks"] = "default";
	let slowest: number | undefined;
	let timings: string | undefined;
	let concurrency = 2;
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		const [flag, inline] = splitFlag(arg);
		let value = inline;
		if (VALUED.has(flag) && value === undefined) {
			value = argv[++i];
			if (value === undefined) throw new Error(`${flag} needs a value (npm test -- --help)`);
		}
		switch (flag) {
			case "--grep":
				greps.push(value as string);
				break;
			case "--file":
				files.push(value as string);
				break;
			case "--name":
				names.push(value as string);
				break;
			case "--slowest":
				slowest = count(flag, value as string);
				break;
			case "--timings":
				timings = value;
				break;
			case "--concurrency":
				concurrency = Math.max(1, count(flag, value as string));
				break;
			case "--quick":
				suite = "quick";
				break;
			case "--checks":
				checks = true;
				break;
			case "--no-checks":
				checks = false;
				break;
			case "--help":
			case "-h":
				help = true;
				break;
			default:
				if (arg.startsWith("-")) throw new Error(`unknown option ${arg} (npm test -- --help)`);
				files.push(arg);
		}
	}
	return { suite, selection: { files, names, greps }, checks, slowest, timings, concurrency, help };
}

function splitFlag(arg: string): [string, string | undefined] {
	const eq = arg.indexOf("=");
	return arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function count(flag: string, value: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} takes a whole number, not "${value}"`);
	return n;
}
