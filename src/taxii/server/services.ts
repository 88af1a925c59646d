// What every TAXII route shares: the store, the repository, the resolved options, and lookups that 404 alike.
import { randomBytes } from "node:crypto";
import type { RateLimitOptions } from "../../accounts/index.ts";
import type { BodyBudget } from "../../body/index.ts";
import { AppError } from "../../errors/index.ts";
import { DEFAULT_PURPOSE, type EgressGate, PURPOSES, type Purpose, type Viewer } from "../../policy/index.ts";
import type { Store, User } from "../../store/index.ts";
import { accessOf, type CollectionAccess, type CollectionDefinition } from "./collections.ts";
import type { NextTokens } from "./next-tokens.ts";
import type { TaxiiRepository } from "./repository.ts";
import { notFound } from "./respond.ts";

/** The one API root this server hosts (§4.2), at `/taxii2/{name}/`. */
export interface ApiRootOptions {
	name: string;
	title: string;
	description?: string;
}

export interface TaxiiOptions {
	/** Discovery title (§4.1.1); defaults to the node name. */
	title: string;
	description?: string;
	contact?: string;
	apiRoot: ApiRootOptions;
	/** Largest request body in bytes (§4.2.1 max_content_length), enforced on the stream. */
	maxContentLength: number;
	rateLimit: RateLimitOptions;
	/**
	 * What a page that follows a `next` this server handed the same user costs its rate limit, in requests (D57):
	 * 0 by default, so paging one collection at any page size never runs out; the first page costs one.
	 */
	nextPageCost: number;
	/** How long status resources are kept (§4.3: at least 24 hours). */
	statusRetentionHours: number;
}

export interface TaxiiServices {
	store: Store;
	/** The one egress gate: every object, manifest entry, version and header passes it. */
	gate: EgressGate;
	repository: TaxiiRepository;
	options: TaxiiOptions;
	/** The HMAC key of `next` tokens. */
	pageSecret(): Promise<Uint8Array>;
	/** Microseconds since the epoch. */
	nowMicros(): number;
	/** The node-wide body budget (src/body), when the node has one. */
	bodies: BodyBudget | undefined;
	/** The `next` tokens handed out and not yet followed, per user: what the rate limit charges less. */
	nextTokens: NextTokens;
}

const PAGE_SECRET_KEY = "taxii.page-secret";

/** The page-token secret: given, or created once and kept in the store's meta so tokens survive restarts. */
export function pageSecretSource(store: Store, given: Uint8Array | undefined): () => Promise<Uint8Array> {
	let secret: Promise<Uint8Array> | undefined = given === undefined ? undefined : Promise.resolve(given);
	return () => {
		secret ??= (async () => {
			const stored = await store.getMeta(PAGE_SECRET_KEY);
			if (stored !== undefined) return Buffer.from(stored, "base64");
			const created = randomBytes(32);
			await store.setMeta(PAGE_SECRET_KEY, created.toString("base64"));
			return created;
		})();
		return secret;
	};
}

/** Throws the API-root 404 unless `name` is the root we host. */
export function requireApiRoot(services: TaxiiServices, name: string): void {
	if (name !== services.options.apiRoot.name) throw notFound("api-root");
}

/**
 * A collection (by id or alias, §5.2.1) and the user's rights on it. A collection the user may neither
 * read nor write is answered exactly like one that does not exist.
 */
export async function findCollection(
	services: TaxiiServices,
	user: User,
	local: boolean,
	idOrAlias: string,
): Promise<{ collection: CollectionDefinition; access: CollectionAccess }> {
	const collections = await services.repository.listCollections();
	const collection =
		collections.find((c) => c.id === idOrAlias) ?? collections.find((c) => c.alias === idOrAlias);
	if (collection !== undefined) {
		const access = accessOf(collection, user, local);
		if (access.canRead || access.canWrite) return { collection, access };
	}
	throw notFound("collection");
}

/** The purpose a request declares in `X-Entente-Purpose`; without one, network defence. */
export const PURPOSE_HEADER = "X-Entente-Purpose";

/**
 * Reads `X-Entente-Purpose` (case-insensitive value); absent means `network-defence`.
 * @throws AppError E_TAXII_PARAMETER naming the purposes when the value is not one of them.
 */
export function purposeOf(header: string | undefined): Purpose {
	if (header === undefined || header.trim() === "") return DEFAULT_PURPOSE;
	const value = header.trim().toLowerCase();
	const purpose = PURPOSES.find((p) => p === value);
	if (purpose === undefined) {
		throw new AppError(
			"E_TAXII_PARAMETER",
			`${PURPOSE_HEADER} must be one of ${PURPOSES.join(", ")} (default ${DEFAULT_PURPOSE})`,
			{ details: { parameter: PURPOSE_HEADER } },
		);
	}
	return purpose;
}

/** The viewer the egress gate judges: the user's organisation as the party, with the request's purpose. */
export function viewerOf(user: User, purpose: Purpose): Viewer {
	return { partyId: user.organizationId, userId: user.id, purpose };
}
