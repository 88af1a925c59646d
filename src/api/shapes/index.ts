// Public face of api/shapes/: the REST API's shapes, one zod schema each, and the types inferred from them. The
// routes validate and type their inputs and answers with these, openapi.ts writes the document from them, and the
// web UI imports the types (`import type`, so zod stays out of its bundle) and vocabulary.ts's constants.
export * from "./account.ts";
export * from "./audit.ts";
export * from "./dashboard.ts";
export * from "./errors.ts";
export * from "./export.ts";
export * from "./feeds.ts";
export * from "./import.ts";
export * from "./misp.ts";
export * from "./objects.ts";
export * from "./patterns.ts";
export * from "./policy.ts";
export * from "./policy-edit.ts";
export * from "./policy-impact.ts";
export * from "./presented.ts";
export * from "./quarantine.ts";
export * from "./requests.ts";
export * from "./routes.ts";
export * from "./search.ts";
export * from "./share.ts";
export * from "./sightings.ts";
export * from "./stream.ts";
export * from "./users.ts";
export * from "./vocabulary.ts";
export * from "./warninglists.ts";
export * from "./watch.ts";
