// The Hono environment of the TAXII routes: the authenticated user travels in the context.
import type { Hono } from "hono";
import type { User } from "../../store/index.ts";

export type TaxiiEnv = { Variables: { user: User } };
export type TaxiiHono = Hono<TaxiiEnv>;
