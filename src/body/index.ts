// Public face of body/: reading request bodies under a size limit and the node-wide byte budget.
export { BodyBudget, type BodyBudgetLimits, type BodyBudgetStats, type BodyPool } from "./budget.ts";
export { type OversizeStage, type ReadBodyOptions, readBody } from "./read-body.ts";
