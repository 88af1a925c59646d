// Public face of server/.
export { type AppDependencies, createApp } from "./app.ts";
export { type ErrorBody, errorResponse, statusOf } from "./errors.ts";
export { type ListeningServer, type ListenOptions, listen } from "./listen.ts";
export { HttpMetrics } from "./metrics.ts";
export { hasWebUiBuild } from "./web-ui.ts";
