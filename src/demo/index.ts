// Public face of demo/: the reference scenario as a real network on loopback (`entente demo`).
export {
	type LinkNarration,
	type Narration,
	narrate,
	type ObjectFlow,
	type RestrictedObject,
} from "./narrate.ts";
export { DemoNetwork, type DemoNode, type DemoOptions } from "./network.ts";
export { renderNarration, renderNodeTable } from "./render.ts";
export { sampleIntel } from "./sample-intel.ts";
export {
	type PlannedLink,
	type PlannedNode,
	planScenario,
	REFERENCE_SCENARIO,
	type ScenarioPlan,
} from "./scenario.ts";
export { unsettled, waitUntilSettled } from "./settle.ts";
