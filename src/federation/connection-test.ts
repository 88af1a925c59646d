// `entente peers test NAME`: walks the connection to a peer step by step and names the step that fails,
// in words: DNS, TCP connect, TLS, HTTP status, signature, clock, authorisation.
import { lookup } from "node:dns/promises";
import { isIP, connect as tcpConnect } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { PeerRecord } from "../store/index.ts";
import type { Clock } from "./clock.ts";
import type { NodeKeyRing } from "./crypto/index.ts";
import { classOfSignatureFailure, failureOfStatus, PeerFailure } from "./failure.ts";
import { keysOf } from "./peer-keys.ts";
import { type FederationClientTls, sendSigned } from "./transport.ts";
import { PUSH_PATH, type PushResponse } from "./wire.ts";

export interface TestStep {
	step: string;
	ok: boolean;
	detail: string;
}

export interface ConnectionTestResult {
	peer: string;
	ok: boolean;
	steps: TestStep[];
	/** The peer's clock minus ours, in seconds, when it answered. */
	skewSeconds?: number;
}

/** Clock difference (seconds) above which the test warns; signatures tolerate 600. */
const SKEW_WARN_SECONDS = 300;

/** How this node reaches its peers: its key ring, clock and the client TLS of federation requests. */
export interface ConnectionTestOptions {
	ring: NodeKeyRing;
	clock: Clock;
	tls: FederationClientTls | undefined;
	timeoutMs?: number;
}

/** Runs the connection test; stops at the first failing step. */
export async function testConnection(
	peer: PeerRecord,
	options: ConnectionTestOptions,
): Promise<ConnectionTestResult> {
	const { ring, clock, tls: clientTls, timeoutMs = 10_000 } = options;
	const steps: TestStep[] = [];
	const done = (ok: boolean, extra: Partial<ConnectionTestResult> = {}): ConnectionTestResult => ({
		peer: peer.name,
		ok,
		steps,
		...extra,
	});
	const url = new URL(peer.url);
	const host = url.hostname.replace(/^\[|\]$/g, "");
	const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
	let address = host;
	if (isIP(host) === 0) {
		try {
			address = (await lookup(host)).address;
			steps.push({ step: "DNS", ok: true, detail: `${host} is ${address}` });
		} catch (error) {
			steps.push({
				step: "DNS",
				ok: false,
				detail: `cannot resolve ${host}: ${(error as { code?: string }).code ?? error}`,
			});
			return done(false);
		}
	} else steps.push({ step: "DNS", ok: true, detail: `${host} is an address` });

	const tcp = await attempt((resolve, reject) => {
		const socket = tcpConnect({ host: address, port, timeout: timeoutMs }, () => {
			socket.end();
			resolve();
		});
		socket.once("timeout", () => socket.destroy(new Error("timed out")));
		socket.once("error", reject);
	});
	steps.push({
		step: "TCP connect",
		ok: tcp === undefined,
		detail: tcp ?? `connected to ${address}:${port}`,
	});
	if (tcp !== undefined) return done(false);

	if (url.protocol === "https:") {
		const tls = await attempt((resolve, reject) => {
			// The certificate and CAs federation requests use, so the step tests the link they take.
			const socket = tlsConnect(
				{ host: address, servername: host, port, timeout: timeoutMs, ...clientTls },
				() => {
					socket.end();
					resolve();
				},
			);
			socket.once("error", reject);
		});
		steps.push({ step: "TLS", ok: tls === undefined, detail: tls ?? "certificate verified" });
		if (tls !== undefined) return done(false);
	} else steps.push({ step: "TLS", ok: true, detail: "plain HTTP (loopback only)" });

	const keys = keysOf(peer);
	try {
		const exchange = await sendSigned({
			url: `${peer.url}${PUSH_PATH}`,
			body: '{"items":[]}',
			ring,
			clock,
			peerKey: (keyId) => keys.get(keyId),
			maxResponseBytes: 1024 * 1024,
			timeoutMs,
			tls: clientTls,
		});
		if (exchange.status !== 200) throw failureOfStatus(exchange.status, exchange.json);
		steps.push({ step: "HTTP status", ok: true, detail: "200 from the push endpoint" });
		if (exchange.verdict?.ok !== true) {
			const reason = exchange.verdict?.ok === false ? exchange.verdict.reason : "missing-signature";
			throw new PeerFailure(
				classOfSignatureFailure(reason),
				`the peer's answer does not verify with its keys (${reason})`,
			);
		}
		steps.push({
			step: "signature",
			ok: true,
			detail: `answer signed by ${exchange.verdict.keyId}; our signature accepted`,
		});
		const theirs = Date.parse((exchange.json as PushResponse | undefined)?.now ?? "");
		const skewSeconds = Number.isNaN(theirs) ? undefined : Math.round((theirs - clock().getTime()) / 1000);
		const skewOk = skewSeconds === undefined || Math.abs(skewSeconds) <= SKEW_WARN_SECONDS;
		steps.push({
			step: "clock",
			ok: true,
			detail:
				skewSeconds === undefined
					? "the peer did not say its time"
					: `${skewSeconds}s apart${skewOk ? "" : " (warning: close to the 600 s signatures tolerate)"}`,
		});
		steps.push({ step: "authorisation", ok: true, detail: "the peer accepts pushes from this node" });
		return done(true, skewSeconds === undefined ? {} : { skewSeconds });
	} catch (error) {
		const failure = error instanceof PeerFailure ? error : new PeerFailure("protocol", String(error));
		steps.push({ step: failure.step, ok: false, detail: `${failure.failureClass}: ${failure.message}` });
		return done(false);
	}
}

/** Runs a callback-style attempt; resolves to undefined on success or the failure in words. */
function attempt(
	run: (resolve: () => void, reject: (error: Error) => void) => void,
): Promise<string | undefined> {
	return new Promise((resolve) => {
		run(
			() => resolve(undefined),
			(error) => resolve(`${(error as { code?: string }).code ?? ""} ${error.message}`.trim()),
		);
	});
}
