// Requests per minute by family for the dashboard (D67): a ring of the last three hours' minutes, in memory.
import type { RequestRate } from "../api/index.ts";

/** The families the dashboard charts. */
export type RequestFamily = "ingest" | "taxii" | "rest";

const MINUTE_MS = 60_000;
/** Minutes kept: three hours. */
export const RATE_MINUTES = 180;

/**
 * Which family a request is, by method and path: what writes objects (REST publish and imports, sightings, TAXII Add
 * Objects, federation pushes) is `ingest`; other TAXII and MISP feed requests `taxii`; other /api/v1 requests `rest`;
 * anything else (the web UI's files, /health, /metrics) undefined.
 */
export function requestFamily(method: string, path: string): RequestFamily | undefined {
	const writes = method === "POST" || method === "PUT";
	if (path.startsWith("/taxii2/") || path.startsWith("/misp-feed/"))
		return writes && path.endsWith("/objects/") ? "ingest" : "taxii";
	if (path.startsWith("/federation/")) return path.endsWith("/push") ? "ingest" : undefined;
	if (!path.startsWith("/api/v1/")) return undefined;
	const rest = path.slice("/api/v1".length);
	if (writes && (rest === "/objects" || rest === "/sightings" || rest.startsWith("/import/")))
		return "ingest";
	return "rest";
}

/** Counts per minute and family, the last RATE_MINUTES minutes; constant memory, one array slot per minute. */
export class RequestRates {
	readonly #minutes = new Float64Array(RATE_MINUTES).fill(-1);
	readonly #counts: Record<RequestFamily, Uint32Array> = {
		ingest: new Uint32Array(RATE_MINUTES),
		taxii: new Uint32Array(RATE_MINUTES),
		rest: new Uint32Array(RATE_MINUTES),
	};
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** Counts one request of `method` on `path` (nothing when it is of no family). */
	count(method: string, path: string): void {
		const family = requestFamily(method, path);
		if (family === undefined) return;
		const minute = Math.floor(this.#now() / MINUTE_MS);
		const slot = minute % RATE_MINUTES;
		if (this.#minutes[slot] !== minute) {
			this.#minutes[slot] = minute;
			for (const counts of Object.values(this.#counts)) counts[slot] = 0;
		}
		this.#counts[family][slot] = (this.#counts[family][slot] ?? 0) + 1;
	}

	/** Every minute of the last three hours, oldest first, zero where nothing was counted. */
	rates(): RequestRate[] {
		const current = Math.floor(this.#now() / MINUTE_MS);
		const rates: RequestRate[] = [];
		for (let minute = current - RATE_MINUTES + 1; minute <= current; minute++) {
			const slot = minute % RATE_MINUTES;
			const counted = this.#minutes[slot] === minute;
			const at = (family: RequestFamily): number => (counted ? (this.#counts[family][slot] ?? 0) : 0);
			rates.push({
				minute: new Date(minute * MINUTE_MS).toISOString(),
				ingest: at("ingest"),
				taxii: at("taxii"),
				rest: at("rest"),
			});
		}
		return rates;
	}
}
