// Public face of stix/upgrade/: STIX 2.0 → 2.1 detection and upgrade.
export { isStix20 } from "./detect.ts";
export type { ConvertedObservables } from "./observables.ts";
export type { UpgradeResult, UpgradeSummary } from "./upgrade-object.ts";
export { upgradeObject, upgradeObjects } from "./upgrade-object.ts";
