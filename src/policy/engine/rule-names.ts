// The stable names of the rules decide() consults, in the order it consults them.

/**
 * Every rule of the engine, in evaluation order. Names are stable: traces, tests and operators'
 * scripts match on them. Add new rules where they run; never rename or reuse one.
 */
export const RULES = [
	"marking.flag",
	"references.awaiting",
	"marking.unknown",
	"handling.h2",
	"handling.h1",
	"handling.h0",
	"handling.h3",
	"recipient.status",
	"recipient.same-house",
	"iep.window",
	"iep.resale",
	"agreement.validity",
	"law.purpose",
	"law.evidence",
	"agreement.evaluation",
	"law.transfer",
	"scope.onward",
	"scope.tlp",
	"scope.audience",
	"field.granular",
	"field.agreement",
	"iep.attribution",
	"obligation.pap",
	"obligation.tlp",
	"obligation.iep",
	"obligation.retention",
	"form",
] as const;
export type RuleName = (typeof RULES)[number];
