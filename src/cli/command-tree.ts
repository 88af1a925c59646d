// The program's commands as data: every command path with its subcommands and options, read from commander's
// own tree, so help and shell completion can never list a command the program does not have (D61).
import type { Command } from "commander";

/** One command of the program: where it sits, what it says it does, and what follows it on the command line. */
export interface CommandNode {
	/** Names from the program down, without the program's own: [] for `entente`, ["policy", "apply"]. */
	path: readonly string[];
	description: string;
	subcommands: readonly CommandNode[];
	options: readonly { flags: readonly string[]; description: string; takesValue: boolean }[];
}

/** The tree below `command` (the program itself when given the root), commander's implicit `help` left out. */
export function commandTree(command: Command, path: readonly string[] = []): CommandNode {
	return {
		path,
		description: command.description(),
		subcommands: command.commands
			.filter((sub) => sub.name() !== "help")
			.map((sub) => commandTree(sub, [...path, sub.name()])),
		options: [...command.options, command.createOption("-h, --help", "display help for command")].map(
			(option) => ({
				flags: [option.short, option.long].filter((flag): flag is string => flag !== undefined),
				description: option.description,
				takesValue: option.required || option.optional,
			}),
		),
	};
}

/** Every command of the tree, depth first, the root included. */
export function everyCommand(node: CommandNode): CommandNode[] {
	return [node, ...node.subcommands.flatMap(everyCommand)];
}

/** The root of the program `command` belongs to. */
export function rootOf(command: Command): Command {
	let root = command;
	while (root.parent !== null) root = root.parent;
	return root;
}

/**
 * The lines `entente --help` ends with: each command group with all its subcommands, so the one screen names
 * every command there is (a group's own help has their descriptions).
 */
export function everyCommandHelp(program: Command): string {
	const groups = everyCommand(commandTree(program)).filter(
		(node) => node.path.length > 0 && node.subcommands.length > 0,
	);
	const lines = groups.map(
		(group) => `  ${group.path.join(" ")} ${group.subcommands.map((sub) => sub.path.at(-1)).join("|")}`,
	);
	return `\nEvery command of a group (see 'entente GROUP --help'):\n${lines.join("\n")}\n`;
}
