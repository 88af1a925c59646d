// The proof of the egress gate, second property: every output path as every party against the reference model, over
// ENTENTE_MODEL_RUNS / 20 runs (test/policy-model.test.ts holds the first; docs/testing.md).
import { describeEveryPathProperty, MODEL_RUNS } from "./model/properties.ts";

describeEveryPathProperty(
	"the egress gate against the reference entitlement model, every party",
	Math.max(1, Math.round(MODEL_RUNS / 20)),
);
