// The warninglists Entente ships: written from public facts (RFCs, IANA registries, resolver operators' documents).
import type { Warninglist } from "../warninglist.ts";
import { EMPTY_FILE_LISTS } from "./empty-files.ts";
import { PUBLIC_RESOLVER_LISTS } from "./public-resolvers.ts";
import { SPECIAL_ADDRESS_LISTS } from "./special-addresses.ts";
import { SPECIAL_DOMAIN_LISTS } from "./special-domains.ts";

/** Every built-in list; their names all start `Entente: `, so no MISP list's name clashes with one. */
export const BUILT_IN_WARNINGLISTS: readonly Warninglist[] = [
	...SPECIAL_ADDRESS_LISTS,
	...PUBLIC_RESOLVER_LISTS,
	...EMPTY_FILE_LISTS,
	...SPECIAL_DOMAIN_LISTS,
];
