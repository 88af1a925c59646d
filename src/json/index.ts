// Public face of json/: untrusted JSON in one piece or as a stream, with limits checked before any walk.
export type {
	BundleForm,
	BundleHeader,
	BundleItem,
	BundleRead,
	BundleReadOptions,
	JsonObject,
} from "./bundle-reader.ts";
export { readBundle, readBundleObjects } from "./bundle-reader.ts";
export type { JsonLimits } from "./limits.ts";
export { DEFAULT_LIMITS, jsonLimits } from "./limits.ts";
export type { JsonOrigin } from "./parse-json.ts";
export { parseJson } from "./parse-json.ts";
export { decodeUtf8Text } from "./utf8-text.ts";
