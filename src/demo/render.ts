// The demo's report for people: one line per link saying what flowed and what did not, the gate's own
// words for each kind of reason, the checks that matter (RED stays home, stores match the gate), and
// where each node is, with its admin token, to explore by hand.
import type { LinkNarration, Narration, TreatedGroup } from "./narrate.ts";
import type { DemoNode } from "./network.ts";

const DONE: Readonly<Record<string, string>> = {
	pseudonymise: "pseudonymised",
	drop: "dropped",
	generalise: "generalised",
	coarsen: "coarsened",
	scrub: "scrubbed",
	hold: "held for review",
};

/** The narration as text (ends with a newline). */
export function renderNarration(narration: Narration, settledMs: number): string {
	const lines = [
		`What flowed where, and why (propagation settled ${(settledMs / 1000).toFixed(1)} s after the last publish)`,
		"",
	];
	const width = Math.max(...narration.links.map((l) => `${l.from} → ${l.to}`.length));
	for (const link of narration.links)
		lines.push(`  ${`${link.from} → ${link.to}`.padEnd(width)}  ${linkLine(link)}`);
	lines.push("", "Why, in the gate's words (one example per rule and marking):");
	for (const [rule, reason] of reasons(narration.links)) lines.push(`  [${rule}] ${reason}`);
	lines.push("", "Checks:");
	const kept = narration.restricted.filter((r) => r.heldElsewhere.length === 0);
	lines.push(
		`  TLP:RED and TLP:AMBER+STRICT: ${kept.length} of ${narration.restricted.length} object(s) held only by their originator's node` +
			narration.restricted
				.filter((r) => r.heldElsewhere.length > 0)
				.map((r) => `; LEAK: ${r.marking} ${r.id} at ${r.heldElsewhere.join(", ")}`)
				.join(""),
	);
	const mismatches = narration.links.flatMap((l) => l.mismatches.map((m) => `${l.from} → ${l.to}: ${m}`));
	lines.push(
		mismatches.length === 0
			? `  every peer stores exactly what its origin's gate releases to it (${narration.links.length} links checked)`
			: `  MISMATCH between the gate and the stores:\n    ${mismatches.join("\n    ")}`,
	);
	return `${lines.join("\n")}\n`;
}

function linkLine(link: LinkNarration): string {
	const parts = [`${link.received} of ${link.published} objects`];
	for (const group of link.transformed) parts.push(treated(group));
	const pap = new Map<string, number>();
	let tlp1 = 0;
	for (const flow of link.objects) {
		for (const m of flow.addedMarkings) {
			if (m.kind === "pap") pap.set(m.name, (pap.get(m.name) ?? 0) + 1);
			if (m.kind === "tlp1") tlp1++;
		}
	}
	for (const [marking, count] of pap) parts.push(`${marking} ceiling on ${count}`);
	if (tlp1 > 0) parts.push(`TLP 1.0 equivalents on ${tlp1}`);
	for (const c of link.trimmedContainers)
		parts.push(`a ${c.id.split("--")[0]} kept ${c.kept} of ${c.of} refs`);
	if (link.withheld.length > 0) {
		parts.push(`withheld ${link.withheld.map((w) => `${w.count} ${w.label}`).join(", ")}`);
	}
	return `${parts.join("; ")}   [${link.agreements.join(", ")} · ${link.purpose}]`;
}

function treated(group: TreatedGroup): string {
	const rule = group.because.split(":")[0] ?? "";
	const what = `${group.role === undefined ? "" : `${group.role} `}${group.objectType}`;
	return `${group.count} ${what} ${DONE[group.treatment] ?? group.treatment} [${rule}]`;
}

/** One reason per (rule, label): the gate's sentence, as the origin's preview gave it; sorted by rule. */
function reasons(links: readonly LinkNarration[]): [rule: string, text: string][] {
	const out = new Map<string, [string, string]>();
	for (const link of links) {
		for (const group of link.transformed) {
			const [rule = "", ...rest] = group.because.split(": ");
			const key = `${rule} ${group.objectType} ${group.treatment}`;
			if (!out.has(key)) out.set(key, [rule, `${link.from} → ${link.to}: ${rest.join(": ")}`]);
		}
		for (const group of link.withheld) {
			const key = `${group.rule} ${group.label}`;
			if (!out.has(key))
				out.set(key, [group.rule, `${link.from} → ${link.to}: ${withLabel(group.label, group.reason)}`]);
		}
	}
	return [...out.values()].sort((a, b) => a[0].localeCompare(b[0]));
}

/** The reason, prefixed with what the objects have in common unless it already starts so. */
function withLabel(label: string, reason: string): string {
	return reason.startsWith(label) ? reason : `${label}: ${reason}`;
}

/** Where each node is: URL, admin token, process, data, for someone to explore by hand. */
export function renderNodeTable(nodes: readonly DemoNode[], dir: string): string {
	const rows = nodes.map((n) => [n.name, n.party.name, n.url, n.adminToken, String(n.pid)]);
	const headers = ["node", "party", "URL", "admin token", "pid"];
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
	const line = (cells: readonly string[]): string =>
		cells
			.map((c, i) => c.padEnd(widths[i] ?? 0))
			.join("  ")
			.trimEnd();
	const first = nodes[0];
	const example =
		first === undefined
			? []
			: [
					"",
					"Each node serves the REST API at URL/api/v1/ (OpenAPI: /api/v1/openapi.json), TAXII 2.1 at URL/taxii2/,",
					"and /health, /metrics. Try:",
					`  curl -H 'Authorization: Bearer ${first.adminToken}' '${first.url}/api/v1/objects?type=indicator'`,
					`  npm run entente -- peers status --data ${first.dataDir}`,
					`  npm run entente -- policy preview <object id> --data ${first.dataDir}`,
				];
	return [
		line(headers),
		widths.map((w) => "─".repeat(w)).join("  "),
		...rows.map(line),
		...example,
		`Data (stores, policies, serve.log): ${dir}`,
		"",
	].join("\n");
}
