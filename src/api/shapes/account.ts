// What GET /me answers: the user, its organisation, and that organisation as the latest policy knows it.
import { z } from "zod";
import { ROLES, SECTORS } from "./vocabulary.ts";

export const MeResult = z.strictObject({
	user: z.strictObject({ id: z.string(), name: z.string(), role: z.enum(ROLES) }),
	organization: z
		.strictObject({
			id: z.string(),
			name: z.string(),
			sectors: z.array(z.string()),
			jurisdictions: z.array(z.string()),
		})
		.nullable(),
	party: z
		.strictObject({
			id: z.string(),
			name: z.string(),
			sector: z.enum(SECTORS),
			node: z.string(),
			local: z.boolean(),
		})
		.nullable()
		.meta({ description: "the organisation as the latest policy knows it; null without a policy entry" }),
});
export type MeResult = z.output<typeof MeResult>;
