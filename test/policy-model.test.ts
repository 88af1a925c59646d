// The proof of the egress gate: random policies, objects and revocations, every output path as every party, against a
// reference model. This file runs the first half of the gate property's ENTENTE_MODEL_RUNS; the second half is
// test/policy-model-more.test.ts (its own seed) and the every-party property test/policy-model-paths.test.ts, so the
// three run side by side (docs/testing.md). Each prints its seed; ENTENTE_MODEL_SEED replays one.
import { describeGateProperty, MODEL_RUNS } from "./model/properties.ts";

describeGateProperty("the egress gate against the reference entitlement model", Math.ceil(MODEL_RUNS / 2));
