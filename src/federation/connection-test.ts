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
	const { timeoutMs = 10_000 } = options;
	const url = new URL(peer.url);
	const host = url.hostname.replace(/^\[|\]$/g, "");
	const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
	const steps: TestStep[] = [];
	const dns = await resolveStep(host);
	steps.push(dns.step);
	if (dns.address === undefined) return { peer: peer.name, ok: false, steps };
	const link: Link = { address: dns.address, host, port, timeoutMs };
	const tcp = await tcpStep(link);
	steps.push(tcp);
	if (!tcp.ok) return { peer: peer.name, ok: false, steps };
	const tls =
		url.protocol === "https:"
			? await tlsStep(link, options.tls)
			: { step: "TLS", ok: true, detail: "plain HTTP (loopback only)" };
	steps.push(tls);
	if (!tls.ok) return { peer: peer.name, ok: false, steps };
	const exchange = await exchangeSteps(peer, options, timeoutMs);
	steps.push(...exchange.steps);
	const { skewSeconds } = exchange;
	return { peer: peer.name, ok: exchange.ok, steps, ...(skewSeconds === undefined ? {} : { skewSeconds }) };
}

/** Where the peer is reached: the address its name resolved to, its name (for TLS) and port. */
interface Link {
	address: string;
	host: string;
	port: number;
	timeoutMs: number;
}

/** The DNS step: the host's address (an address stands for itself), or undefined when it cannot be resolved. */
async function resolveStep(host: string): Promise<{ step: TestStep; address: string | undefined }> {
	if (isIP(host) !== 0)
		return { step: { step: "DNS", ok: true, detail: `${host} is an address` }, address: host };
	try {
		const address = (await lookup(host)).address;
		return { step: { step: "DNS", ok: true, detail: `${host} is ${address}` }, address };
	} catch (error) {
		const detail = `cannot resolve ${host}: ${(error as { code?: string }).code ?? error}`;
		return { step: { step: "DNS", ok: false, detail }, address: undefined };
	}
}

async function tcpStep({ address, port, timeoutMs }: Link): Promise<TestStep> {
	const tcp = await attempt((resolve, reject) => {
		const socket = tcpConnect({ host: address, port, timeout: timeoutMs }, () => {
			socket.end();
			resolve();
		});
		socket.once("timeout", () => socket.destroy(new Error("timed out")));
		socket.once("error", reject);
	});
	return { step: "TCP connect", ok: tcp === undefined, detail: tcp ?? `connected to ${address}:${port}` };
}

async function tlsStep(
	{ address, host, port, timeoutMs }: Link,
	clientTls: FederationClientTls | undefined,
): Promise<TestStep> {
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
	return { step: "TLS", ok: tls === undefined, detail: tls ?? "certificate verified" };
}

/**
 * An empty signed push: the steps HTTP status, signature, clock and authorisation, or the one that failed;
 * with the peer's clock minus ours when it said its time.
 */
async function exchangeSteps(
	peer: PeerRecord,
	{ ring, clock, tls }: ConnectionTestOptions,
	timeoutMs: number,
): Promise<{ ok: boolean; steps: TestStep[]; skewSeconds?: number }> {
	const steps: TestStep[] = [];
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
			tls,
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
		steps.push(clockStep(skewSeconds));
		steps.push({ step: "authorisation", ok: true, detail: "the peer accepts pushes from this node" });
		return skewSeconds === undefined ? { ok: true, steps } : { ok: true, steps, skewSeconds };
	} catch (error) {
		const failure = error instanceof PeerFailure ? error : new PeerFailure("protocol", String(error));
		steps.push({ step: failure.step, ok: false, detail: `${failure.failureClass}: ${failure.message}` });
		return { ok: false, steps };
	}
}

/** The clock step: always passes, warning when the clocks are close to what signatures tolerate. */
function clockStep(skewSeconds: number | undefined): TestStep {
	const skewOk = skewSeconds === undefined || Math.abs(skewSeconds) <= SKEW_WARN_SECONDS;
	return {
		step: "clock",
		ok: true,
		detail:
			skewSeconds === undefined
				? "the peer did not say its time"
				: `${skewSeconds}s apart${skewOk ? "" : " (warning: close to the 600 s signatures tolerate)"}`,
	};
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
