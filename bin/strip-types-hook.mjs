// Loaded with --import by bin/entente.mjs when this package lives under a node_modules folder (npm install -g,
// a dependency): Node strips TypeScript types itself everywhere else, but refuses to under node_modules, to keep
// packages from publishing TypeScript. This package is an application, not a library, so it strips its own.
import { readFileSync } from "node:fs";
import { registerHooks, stripTypeScriptTypes } from "node:module";
import { fileURLToPath } from "node:url";

const PACKAGE_ROOT = new URL("..", import.meta.url).href;

/** stripTypeScriptTypes warns once that it is experimental; the CLI's output is not the place to say so. */
function quietly(work) {
	const emitWarning = process.emitWarning;
	process.emitWarning = () => {};
	try {
		return work();
	} finally {
		process.emitWarning = emitWarning;
	}
}

quietly(() => stripTypeScriptTypes(""));

registerHooks({
	load(url, context, nextLoad) {
		if (
			!url.startsWith(PACKAGE_ROOT) ||
			!url.endsWith(".ts") ||
			url.includes("/node_modules/", PACKAGE_ROOT.length)
		) {
			return nextLoad(url, context);
		}
		const source = stripTypeScriptTypes(readFileSync(fileURLToPath(url), "utf8"));
		return { format: "module", source, shortCircuit: true };
	},
});
