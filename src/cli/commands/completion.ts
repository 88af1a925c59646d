// `entente completion bash|zsh|fish`: prints a shell completion script generated from the program itself.
import { Argument, type Command } from "commander";
import { commandTree, rootOf } from "../command-tree.ts";
import { completionScript, SHELLS, type Shell } from "../completion-scripts.ts";

export function registerCompletion(program: Command): void {
	program
		.command("completion")
		.description("print a shell completion script (commands, subcommands, options) for bash, zsh or fish")
		.addArgument(new Argument("<shell>", "the shell to complete in").choices(SHELLS))
		.addHelpText(
			"after",
			"\nExamples:\n  source <(entente completion bash)\n  source <(entente completion zsh)\n" +
				"  entente completion fish > ~/.config/fish/completions/entente.fish\n",
		)
		.action((shell: Shell, _options: unknown, command: Command) => {
			process.stdout.write(completionScript(shell, commandTree(rootOf(command))));
		});
}
