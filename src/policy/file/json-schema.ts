// The policy file as a JSON Schema (2020-12), written from its zod schema, for an editor's completion and hover.
import { z } from "zod";
import {
	agreementSchema,
	communitySchema,
	fileSchema,
	JURISDICTION_CODE,
	jurisdictionSchema,
	legalBasisSchema,
	partySchema,
	SHORT_KEY,
	subgroupSchema,
} from "./schema.ts";

const shortKey = z.string().regex(SHORT_KEY);
const code = z.string().regex(JURISDICTION_CODE);

/**
 * The whole file, every section's entries in place. The parser reads sections entry by entry (read-entries.ts)
 * so one bad entry hides nothing; an editor wants them nested, as written here.
 */
const documentedFile = fileSchema.extend({
	parties: z.record(shortKey, partySchema).describe(fileSchema.shape.parties.description ?? ""),
	jurisdictions: z
		.record(
			code,
			jurisdictionSchema.extend({
				legalBases: z
					.record(shortKey, legalBasisSchema)
					.optional()
					.describe(jurisdictionSchema.shape.legalBases.description ?? ""),
			}),
		)
		.optional()
		.describe(fileSchema.shape.jurisdictions.description ?? ""),
	agreements: z
		.record(shortKey, agreementSchema)
		.optional()
		.describe(fileSchema.shape.agreements.description ?? ""),
	communities: z
		.record(
			shortKey,
			communitySchema.extend({
				subgroups: z
					.record(shortKey, subgroupSchema)
					.optional()
					.describe(communitySchema.shape.subgroups.description ?? ""),
			}),
		)
		.optional()
		.describe(fileSchema.shape.communities.description ?? ""),
});

/**
 * The policy file's JSON Schema as a file is written (defaults optional, dates as strings), with a description on
 * every entry and field. What it cannot say (references between entries, grants above an agreement's ceiling) the
 * parser's checks still do.
 * @example policyFileJsonSchema().properties.parties // { type: "object", propertyNames: { pattern: … }, … }
 */
export function policyFileJsonSchema(): Record<string, unknown> {
	return {
		...z.toJSONSchema(documentedFile, { io: "input", unrepresentable: "any", target: "draft-2020-12" }),
		title: "Entente policy file",
	};
}
