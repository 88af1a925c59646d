// The Hono environment of the TAXII routes: who is asking travels in the context.
import type { Hono } from "hono";
import type { Purpose } from "../../policy/index.ts";
import type { User } from "../../store/index.ts";

/** `local`: the user's organisation is one of the node's own; `purpose`: from `X-Entente-Purpose`. */
export type TaxiiEnv = { Variables: { user: User; local: boolean; purpose: Purpose } };
export type TaxiiHono = Hono<TaxiiEnv>;
