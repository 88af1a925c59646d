// Public face of errors/: the one error vocabulary every layer shares.
export type { AppErrorOptions, ErrorCode, ErrorKind } from "./app-error.ts";
export { AppError, ERROR_CODES, isAppError } from "./app-error.ts";
