// The node's structured logger (pino); built once by the composition root and passed down.
import { type Logger, pino } from "pino";

export type { Logger };

/** A JSON logger on stderr, so stdout stays free for command output that scripts parse. */
export function createLogger(level: string, name = "entente"): Logger {
	return pino({ name, level }, pino.destination(2));
}
