// The TAXII 2.1 resources and the methods each defines (the endpoint tables of §4 and §5): what OPTIONS and a 405
// answer in `Allow`, and which slash-less paths are redirected to their resource.
import { AppError } from "../../errors/index.ts";

/** One path segment: an API root, a collection id or alias, an object id, a status id. */
const SEGMENT = "[^/]+";

const RESOURCES: readonly { pattern: RegExp; methods: readonly string[] }[] = [
	["/taxii2/", ["GET"]], // §4.1 discovery
	["/taxii2/*/", ["GET"]], // §4.2 API root
	["/taxii2/*/status/*/", ["GET"]], // §4.3
	["/taxii2/*/collections/", ["GET"]], // §5.1
	["/taxii2/*/collections/*/", ["GET"]], // §5.2
	["/taxii2/*/collections/*/manifest/", ["GET"]], // §5.3
	["/taxii2/*/collections/*/objects/", ["GET", "POST"]], // §5.4, §5.5
	["/taxii2/*/collections/*/objects/*/", ["GET", "DELETE"]], // §5.6, §5.7
	["/taxii2/*/collections/*/objects/*/versions/", ["GET"]], // §5.8
].map(([path, methods]) => ({
	pattern: new RegExp(`^${String(path).replaceAll("*", SEGMENT)}$`),
	methods: methods as readonly string[],
}));

/**
 * The methods the TAXII resource at `path` answers, as `Allow` lists them (RFC 9110 §10.2.1): its own, HEAD
 * wherever GET is (Hono answers HEAD with GET's headers), and OPTIONS; undefined when `path` is no TAXII resource.
 * Decided by the path's shape alone, so the answer says nothing about whether a collection or object exists.
 * @example allowedMethods("/taxii2/api/collections/c/objects/") // ["GET", "HEAD", "POST", "OPTIONS"]
 */
export function allowedMethods(path: string): string[] | undefined {
	const resource = RESOURCES.find(({ pattern }) => pattern.test(path));
	if (resource === undefined) return undefined;
	return resource.methods
		.flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method]))
		.concat("OPTIONS");
}

/**
 * Where a TAXII path written without its trailing slash lives (§3.1: every TAXII URL ends in `/`), with the
 * query kept; undefined when the path already ends in `/` or adding one names no TAXII resource. Clients such as
 * medallion's tests and taxii2-client's status polling write `…/versions` and `…/status/{id}`.
 */
export function slashedLocation(path: string, search: string): string | undefined {
	if (path.endsWith("/") || allowedMethods(`${path}/`) === undefined) return undefined;
	return `${path}/${search}`;
}

/** The 405 of a method the resource does not define (RFC 9110 §15.5.6); server/ adds `Allow` from the details. */
export function methodNotAllowed(method: string, allow: readonly string[]): AppError {
	return new AppError(
		"E_TAXII_METHOD_NOT_ALLOWED",
		`this TAXII resource does not answer ${method}; it answers ${allow.join(", ")}`,
		{ details: { allow: [...allow] } },
	);
}
