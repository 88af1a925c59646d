// Public face of intel/warninglists (D50): values known not to be threats, flagged — never dropped — wherever values
// are shown or matched. Read a MISP list with readMispWarninglist, keep the node's lists with Warninglists.
export { BUILT_IN_WARNINGLISTS } from "./built-in/index.ts";
export { compileWarninglists, compileWarninglistsYielding, type WarninglistMatcher } from "./matcher.ts";
export { kindsOfList } from "./misp-attributes.ts";
export { BUILT_IN_PREFIX, type ReadWarninglist, readMispWarninglist } from "./misp-format.ts";
export { WARNINGLIST_LIMITS, type Warninglist, type WarninglistHit } from "./warninglist.ts";
export {
	openWarninglists,
	type WarninglistInfo,
	type WarninglistStore,
	Warninglists,
} from "./warninglists.ts";
