// The REST API's shapes as the UI reads them, from the one source: the zod schemas in src/api/shapes/ that the server
// validates with and writes GET /api/v1/openapi.json from. Types only (`export type`), so zod is not bundled; the
// closed lists the UI needs at run time come from vocabulary.ts, which has no zod.
export type * from "../../../src/api/shapes/index.ts";
export {
	AUDIT_ACTIONS,
	DEFAULT_PURPOSE,
	FEED_FORMATS,
	PURPOSES,
	QUARANTINE_ACTIONS,
	QUARANTINE_KINDS,
	QUARANTINE_STATES,
	ROLES,
	SECTORS,
	TLP_LEVELS,
	VERDICTS,
} from "../../../src/api/shapes/vocabulary.ts";
