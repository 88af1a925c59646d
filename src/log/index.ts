// Public face of log/.
export { createLogger, type Logger } from "./logger.ts";
