// Public face of taxii/: the TAXII 2.1 server (server/) and client (client/, its own public face).

export { createMispFeedApp, MISP_FEED_BASE, type MispFeedDependencies } from "./misp-feed/app.ts";
export {
	type ApiRootOptions,
	type CollectionContext,
	type CollectionDefinition,
	type CollectionInput,
	createTaxiiApp,
	DEFAULT_MAX_CONTENT_LENGTH,
	defineCollection,
	storeTaxiiRepository,
	type TaxiiDependencies,
	type TaxiiOptions,
	type TaxiiRepository,
} from "./server/index.ts";
