// The contract every Store backend passes: run it from each backend's test with a fresh-store factory.
import { afterEach, beforeEach, describe } from "node:test";
import type { QuarantineLimits } from "../../../src/store/quarantine-records.ts";
import type { Store } from "../../../src/store/store.ts";
import { registerActivityContract } from "./store-contract-activity.ts";
import { registerAuditContract } from "./store-contract-audit.ts";
import { registerAuthorityContract } from "./store-contract-authority.ts";
import { registerDerivedIdsContract } from "./store-contract-derived.ts";
import { registerDirectoryContract } from "./store-contract-directory.ts";
import { registerFederationContract } from "./store-contract-federation.ts";
import { registerFeedsContract } from "./store-contract-feeds.ts";
import type { StoreFixture } from "./store-contract-fixtures.ts";
import { registerIncidentsContract } from "./store-contract-incidents.ts";
import { registerLatestBodiesContract } from "./store-contract-latest-bodies.ts";
import { registerMarkingWaitsContract } from "./store-contract-marking-waits.ts";
import { registerPolicyContract } from "./store-contract-policy.ts";
import { registerQuarantineContract } from "./store-contract-quarantine.ts";
import { registerQueryContract } from "./store-contract-query.ts";
import { registerReferencesContract } from "./store-contract-references.ts";
import { registerReleaseSubscriptionsContract } from "./store-contract-releases.ts";
import { registerStatementsContract } from "./store-contract-statements.ts";
import { registerTaxiiContract } from "./store-contract-taxii.ts";
import { registerWarninglistsContract } from "./store-contract-warninglists.ts";
import { registerWatchContract } from "./store-contract-watch.ts";
import { registerWriteContract } from "./store-contract-write.ts";

export { batchOf, indicator, ORG_A, ORG_B } from "./store-contract-fixtures.ts";

/**
 * Registers the Store contract as a node:test suite. `open` must return a fresh, empty store
 * each time; the suite closes it after each test. `openLimited`, when given, opens one with the quarantine's
 * limits set (small, so a flood is quick).
 * @example runStoreContract("sqlite :memory:", () => openSqliteStore({ path: ":memory:" }));
 */
export function runStoreContract(
	name: string,
	open: () => Promise<Store>,
	openLimited?: (limits: QuarantineLimits) => Promise<Store>,
): void {
	describe(`Store contract: ${name}`, () => {
		let store: Store | undefined;
		const fixture: StoreFixture = {
			current() {
				if (store === undefined) throw new Error("no store open");
				return store;
			},
		};
		beforeEach(async () => {
			store = await open();
		});
		afterEach(async () => {
			await store?.close();
			store = undefined;
		});

		registerWriteContract(fixture);
		registerAuthorityContract(fixture);
		registerQueryContract(fixture);
		registerLatestBodiesContract(fixture);
		registerDirectoryContract(fixture);
		registerTaxiiContract(fixture);
		registerPolicyContract(fixture);
		registerReferencesContract(fixture);
		registerFederationContract(fixture);
		registerDerivedIdsContract(fixture);
		registerIncidentsContract(fixture);
		registerStatementsContract(fixture);
		registerWatchContract(fixture);
		registerWarninglistsContract(fixture);
		registerReleaseSubscriptionsContract(fixture);
		registerFeedsContract(fixture);
		registerActivityContract(fixture);
		registerMarkingWaitsContract(fixture);
		registerQuarantineContract(fixture, openLimited);
		registerAuditContract(fixture);
	});
}
