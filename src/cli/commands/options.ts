// Option parsers shared by the commands; each names the fix when a value is wrong.
import { InvalidArgumentError } from "commander";

export function collect(value: string, previous: string[]): string[] {
	return [...previous, value];
}

export function parsePort(value: string): number {
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new InvalidArgumentError("a port is a whole number from 0 to 65535 (0 picks a free one)");
	}
	return port;
}

export function parsePositive(value: string): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number <= 0)
		throw new InvalidArgumentError("expected a whole number above 0");
	return number;
}
