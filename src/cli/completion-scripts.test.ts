// `--help` and the completion scripts are read from commander's tree: every command the program has is named in
// the top help, and bash completes commands, subcommands and options at any depth (D61).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { commandTree, everyCommand } from "./command-tree.ts";
import { completionScript, SHELLS } from "./completion-scripts.ts";
import { buildProgram } from "./main.ts";

const tree = commandTree(buildProgram());

/** CI installs zsh and fish and sets this, so a missing shell fails there instead of skipping (.ci/run). */
const shellsRequired = process.env.ENTENTE_REQUIRE_SHELLS === "1";

/** True when `shell` runs here (bash always does; zsh and fish only where installed), or when CI requires it. */
function installed(shell: string): boolean {
	return shellsRequired || spawnSync(shell, ["-c", "exit 0"]).status === 0;
}

/** What bash's completion offers after `words` (the last one being the word completed). */
function bashCompletes(words: readonly string[]): string[] {
	const script = `${completionScript("bash", tree)}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _entente
printf '%s\\n' "\${COMPREPLY[@]}"`;
	const result = spawnSync("bash", ["-c", script], { encoding: "utf8" });
	assert.equal(result.status, 0, result.stderr);
	return result.stdout.split("\n").filter((line) => line !== "");
}

describe("help and completion from the command tree", () => {
	it("names every command and subcommand in `entente --help`", () => {
		let help = "";
		const program = buildProgram().configureOutput({ writeOut: (text) => (help += text) });
		program.outputHelp();
		for (const node of everyCommand(tree).filter((n) => n.path.length > 0)) {
			const [group, ...rest] = node.path;
			if (rest.length === 0) assert.match(help, new RegExp(`\\n  ${group}\\b`), group);
			else
				assert.match(
					help,
					new RegExp(`\\n  ${node.path.slice(0, -1).join(" ")} [^\\n]*\\b${rest.at(-1)}\\b`),
				);
		}
		assert.match(help, /\n {2}doctor\b/);
		assert.match(help, /\n {2}completion\b/);
	});

	it("completes commands, subcommands and options in bash, skipping options and their values", {
		skip: spawnSync("bash", ["--version"]).status !== 0,
	}, () => {
		assert.deepEqual(bashCompletes(["entente", "doc"]), ["doctor"]);
		assert.ok(bashCompletes(["entente", ""]).includes("peers"));
		assert.deepEqual(bashCompletes(["entente", "keys", ""]).sort(), ["rotate", "show"]);
		assert.deepEqual(bashCompletes(["entente", "--data", "d", "keys", "sh"]), ["show"]);
		assert.ok(bashCompletes(["entente", "doctor", "--"]).includes("--min-free-mb"));
	});

	it("completes in fish with descriptions (fish's own `complete -C`)", { skip: !installed("fish") }, () => {
		const script = completionScript("fish", tree);
		const asked = spawnSync("fish", ["-c", `${script}\ncomplete -C 'entente --data d keys '`], {
			encoding: "utf8",
		});
		assert.equal(asked.status, 0, asked.stderr);
		assert.deepEqual(
			asked.stdout
				.trim()
				.split("\n")
				.map((line) => line.split("\t")[0])
				.sort(),
			["rotate", "show"],
		);
	});

	it("writes a zsh script zsh parses, whose walk finds the command path", { skip: !installed("zsh") }, () => {
		const script = completionScript("zsh", tree);
		const walked = spawnSync(
			"zsh",
			["-c", `compdef(){}\n${script}\n_entente_subcommands "$(_entente_path --data d keys)"`],
			{
				encoding: "utf8",
			},
		);
		assert.equal(walked.status, 0, walked.stderr);
		assert.equal(walked.stdout.trim(), "show rotate");
	});

	it("writes a script for each shell that names every command path", () => {
		for (const shell of SHELLS) {
			const script = completionScript(shell, tree);
			for (const node of everyCommand(tree)) {
				const name = node.path.at(-1);
				if (name !== undefined) assert.ok(script.includes(name), `${shell}: ${node.path.join(" ")}`);
			}
		}
	});
});
