// `npm run bench [-- --json] [-- --only NAME]`: runs every workload and prints one table (or JSON rows).
import { type BenchRow, printRows, type Workload } from "./harness.ts";
import { dashboard } from "./workloads/dashboard.ts";
import { extractTextBench } from "./workloads/extract-text.ts";
import { federationPush } from "./workloads/federation-push.ts";
import { feedIngest } from "./workloads/feed-ingest.ts";
import { hiddenVsMissing } from "./workloads/hidden-vs-missing.ts";
import { hostileModel } from "./workloads/hostile-model.ts";
import { ingestAttack } from "./workloads/ingest-attack.ts";
import { ingestIndicators } from "./workloads/ingest-indicators.ts";
import { mispExport } from "./workloads/misp-export.ts";
import { mispImport } from "./workloads/misp-import.ts";
import { observableIndex } from "./workloads/observable-index.ts";
import { observablesNormalise } from "./workloads/observables-normalise.ts";
import { parseAttack } from "./workloads/parse-attack.ts";
import { policyDecide } from "./workloads/policy-decide.ts";
import { policyImpactBench } from "./workloads/policy-impact.ts";
import { searchMatch } from "./workloads/search-match.ts";
import { sensorExport } from "./workloads/sensor-export.ts";
import { streamFanout } from "./workloads/stream-fanout.ts";
import { taxiiGate } from "./workloads/taxii-gate.ts";
import { taxiiPaging } from "./workloads/taxii-paging.ts";
import { taxiiPost } from "./workloads/taxii-post.ts";
import { warninglistChecks } from "./workloads/warninglist-checks.ts";
import { webFirstPaint } from "./workloads/web-first-paint.ts";

const WORKLOADS: readonly Workload[] = [
	parseAttack,
	ingestAttack,
	ingestIndicators,
	taxiiPaging,
	taxiiGate,
	taxiiPost,
	policyDecide,
	policyImpactBench,
	federationPush,
	hiddenVsMissing,
	hostileModel,
	observableIndex,
	observablesNormalise,
	extractTextBench,
	warninglistChecks,
	searchMatch,
	streamFanout,
	mispImport,
	mispExport,
	sensorExport,
	feedIngest,
	dashboard,
	webFirstPaint,
];

const args = process.argv.slice(2);
const json = args.includes("--json");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;

const rows: BenchRow[] = [];
for (const workload of WORKLOADS) {
	if (only !== undefined && !workload.name.includes(only)) continue;
	if (!json) process.stderr.write(`running: ${workload.name}…\n`);
	rows.push(...(await workload.run()));
}
if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else printRows(rows);
