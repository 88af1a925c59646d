// The proof of the egress gate, the gate property's second half of ENTENTE_MODEL_RUNS, with a seed of its own
// (test/policy-model.test.ts runs the first half; docs/testing.md).
import { describeGateProperty, MODEL_RUNS } from "./model/properties.ts";

describeGateProperty(
	"the egress gate against the reference entitlement model, more runs",
	Math.floor(MODEL_RUNS / 2),
);
