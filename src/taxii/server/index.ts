// Public face of the TAXII 2.1 server.

export type { RateLimitOptions } from "../../accounts/index.ts";
export { createTaxiiApp, DEFAULT_MAX_CONTENT_LENGTH, type TaxiiDependencies } from "./app.ts";
export type { AccessRule, CollectionDefinition, CollectionFilter } from "./collections.ts";
export { type CollectionContext, type CollectionInput, defineCollection } from "./define-collection.ts";
export { acceptsTaxii, isTaxiiContentType, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from "./media-types.ts";
export { MAX_MATCH_VALUES, MAX_PAGE_SIZE } from "./query-params.ts";
export { storeTaxiiRepository, type TaxiiRepository } from "./repository.ts";
export type { ApiRootOptions, TaxiiOptions } from "./services.ts";
export type { StatusDetail, StatusResource } from "./status-resource.ts";
