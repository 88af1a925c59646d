// Public face of api/: the REST API for the web UI and scripts (mounted by server/ at /api/v1).
export { API_BASE, type ApiDependencies, type ApiEnv, apiRoutes, createApiApp } from "./app.ts";
export type { ApiGate, ApiViewer } from "./gate.ts";
export {
	alertPayloads,
	alertRelease,
	releasedAlerts,
	watchPurposeOf,
	watchViewer,
} from "./released-alerts.ts";
export { ACTIONS, type Action, allow } from "./roles.ts";
export type { IntelServices, WebhookSettings } from "./services.ts";
export type { RequestRate } from "./shapes/index.ts";
export { ReleaseFeed, type ReleaseFeedOptions } from "./stream/release-feed.ts";
export { releasePayloads } from "./stream/release-payloads.ts";
export { DEFAULT_STREAM_SETTINGS, type StreamSettings } from "./stream/stream-route.ts";
