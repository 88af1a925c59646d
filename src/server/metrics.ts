// Prometheus text exposition (version 0.0.4) of the node's counters and the store's gauges.
import type { BodyBudgetStats } from "../body/index.ts";
import type { StoreStats } from "../store/index.ts";
import { RequestRates } from "./request-rates.ts";

/** Counters the HTTP layer increments; one instance per server, created by the composition root. */
export class HttpMetrics {
	readonly #requests = new Map<string, number>();
	readonly #startedAt = Date.now();
	/** Requests per minute by family, the last three hours (the dashboard's rates, D67). */
	readonly rates = new RequestRates();

	/** Counts one answered request; with its path, in the per-minute rates too. */
	countRequest(method: string, status: number, path?: string): void {
		const key = `${method} ${status}`;
		this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
		if (path !== undefined) this.rates.count(method, path);
	}

	/** Renders the metrics in Prometheus text format. */
	render(stats: StoreStats): string {
		const lines: string[] = [];
		const gauge = (name: string, help: string, samples: [string, number][]): void => {
			lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
			for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
		};
		gauge("entente_objects", "Distinct STIX objects stored.", [["", stats.objects]]);
		gauge("entente_object_versions", "STIX object versions stored.", [["", stats.versions]]);
		gauge("entente_quarantined_versions", "Versions held in quarantine.", [["", stats.quarantined]]);
		gauge("entente_organizations", "Local organisations hosted.", [["", stats.organizations]]);
		gauge(
			"entente_objects_by_type",
			"Distinct STIX objects stored, by type.",
			Object.entries(stats.byType).map(([type, count]) => [`{type="${escapeLabel(type)}"}`, count]),
		);
		lines.push(
			"# HELP entente_http_requests_total HTTP requests answered, by method and status.",
			"# TYPE entente_http_requests_total counter",
		);
		for (const [key, count] of this.#requests) {
			const [method, status] = key.split(" ");
			lines.push(`entente_http_requests_total{method="${method}",status="${status}"} ${count}`);
		}
		const memory = process.memoryUsage();
		gauge("entente_process_resident_memory_bytes", "Resident set size.", [["", memory.rss]]);
		gauge("entente_process_uptime_seconds", "Seconds since the server started.", [
			["", Math.round((Date.now() - this.#startedAt) / 1000)],
		]);
		return `${lines.join("\n")}\n`;
	}
}

/** The body budget's gauges and counters (src/body): bytes held now, the most ever held, refusals. */
export function bodyBudgetMetrics(stats: BodyBudgetStats): string {
	const lines = [
		"# HELP entente_request_body_bytes Request body bytes held now, by pool.",
		"# TYPE entente_request_body_bytes gauge",
		...Object.entries(stats.inFlight).map(
			([pool, bytes]) => `entente_request_body_bytes{pool="${pool}"} ${bytes}`,
		),
		"# HELP entente_request_body_bytes_peak The most request body bytes held at once since start, by pool.",
		"# TYPE entente_request_body_bytes_peak gauge",
		...Object.entries(stats.peak).map(
			([pool, bytes]) => `entente_request_body_bytes_peak{pool="${pool}"} ${bytes}`,
		),
		"# HELP entente_request_body_refused_total Request bodies refused by the budget (busy: 503, too_large: 413).",
		"# TYPE entente_request_body_refused_total counter",
		...Object.entries(stats.refused).map(
			([reason, count]) => `entente_request_body_refused_total{reason="${reason}"} ${count}`,
		),
	];
	return `${lines.join("\n")}\n`;
}

/**
 * `entente_invariant_violations_total{invariant=…}`: releases each invariant stopped, as recorded in the store
 * (every process of the node, since the store was created), every invariant listed, zero included (D37).
 */
export function renderInvariantMetrics(
	invariants: readonly string[],
	counts: ReadonlyMap<string, number>,
): string {
	const lines = [
		"# HELP entente_invariant_violations_total Releases withheld because they broke an invariant, by invariant.",
		"# TYPE entente_invariant_violations_total counter",
	];
	for (const name of new Set([...invariants, ...counts.keys()]))
		lines.push(
			`entente_invariant_violations_total{invariant="${escapeLabel(name)}"} ${counts.get(name) ?? 0}`,
		);
	return `${lines.join("\n")}\n`;
}

function escapeLabel(value: string): string {
	return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
