// The checks the full gate runs before any test, each through its npm script so that one definition serves both.
import { spawnSync } from "node:child_process";

/** The npm scripts run before the tests, in order; the first to fail stops the run. */
export const CHECKS = ["lint", "typecheck", "build:web"] as const;

/** Runs each check with its output shown; returns the first that failed, or `undefined`. */
export function runChecks(root: string): string | undefined {
	for (const check of CHECKS) {
		process.stderr.write(`test: npm run ${check}\n`);
		const result = spawnSync("npm", ["run", "--silent", check], { cwd: root, stdio: "inherit" });
		if (result.status !== 0) return check;
	}
	return undefined;
}
