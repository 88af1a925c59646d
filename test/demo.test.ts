// `entente demo` end to end: eight real node processes on loopback, the reference scenario's policy at
// each, sample intelligence published; the narration is asserted against the scenario's rules, and no
// node process may outlive the demo — whether it exits normally or is killed with SIGKILL.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { describe, it } from "node:test";
import type { LinkNarration, Narration } from "../src/demo/index.ts";
import { CLI, entente } from "./support/cli.ts";
import { eventually } from "./support/federation-net.ts";

interface DemoJson extends Narration {
	dir: string;
	nodes: { name: string; pid: number; url: string; adminToken: string; published: number }[];
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === "EPERM";
	}
}

function link(demo: DemoJson, from: string, to: string): LinkNarration {
	const found = demo.links.find((l) => l.from === from && l.to === to);
	assert.ok(found, `no link ${from} → ${to} in the narration`);
	return found;
}

const stored = (l: LinkNarration) => l.objects.filter((o) => o.storedAs !== undefined);

describe("entente demo", () => {
	it("narrates the reference scenario from real data, then leaves no process and no data behind", async () => {
		const result = await entente(["demo", "--json", "--base-port", "0"]);
		assert.equal(result.code, 0, result.stderr);
		const demo = JSON.parse(result.stdout) as DemoJson;
		assert.equal(demo.nodes.length, 8);
		assert.match(result.stderr, /link uk-nca-node ↔ us-fbi-node {2}\(us-uk-cyber-cell, jcat\)/);

		// The US receives the UK's TLP:AMBER under the joint cyber cell; AMBER+STRICT and RED stay out.
		const ukUs = link(demo, "uk-nca-node", "us-fbi-node");
		assert.ok(ukUs.agreements.includes("us-uk-cyber-cell"));
		assert.ok(stored(ukUs).some((o) => o.markings.includes("TLP:AMBER") && o.type === "indicator"));
		assert.deepEqual(
			ukUs.withheld.map((w) => [w.label, w.count]),
			[
				["TLP:AMBER+STRICT", 2],
				["TLP:RED", 1],
			],
		);

		// The university receives CLEAR and GREEN only, never AMBER (its own or inherited from a report).
		for (const l of demo.links.filter((x) => x.to === "de-uni-cert-node")) {
			assert.ok(stored(l).length > 0, `${l.from} sent the university nothing`);
			for (const o of stored(l)) {
				assert.ok(
					o.markings.every((m) => !m.startsWith("TLP:") || m === "TLP:CLEAR" || m === "TLP:GREEN"),
					`${o.id} (${o.markings.join(", ")}) reached the university`,
				);
			}
			assert.ok(l.withheld.some((w) => w.label.includes("TLP:AMBER")));
		}

		// The bank receives the victim IP pseudonymised under its agreement, under a new id.
		const bank = link(demo, "uk-nca-node", "example-bank-node");
		const victim = bank.objects.find((o) => o.type === "ipv4-addr" && o.role === "victim");
		assert.ok(victim, "the bank's link names the victim IP");
		assert.equal(victim.outcome, "transformed");
		assert.ok(victim.storedAs !== undefined && victim.storedAs !== victim.id);
		assert.deepEqual(
			victim.treatments.map((t) => t.treatment),
			["pseudonymise"],
		);
		// EU victim data has no transfer route to Colombia: pseudonymised there too.
		const nlCo = link(demo, "nl-police-node", "co-police-node");
		assert.equal(nlCo.objects.find((o) => o.role === "victim")?.outcome, "transformed");

		// RED stays home; every store agrees with its origin's gate.
		const red = demo.restricted.filter((r) => r.marking === "TLP:RED");
		assert.ok(red.length > 0);
		for (const r of demo.restricted) assert.deepEqual(r.heldElsewhere, [], `${r.id} left ${r.origin}`);
		for (const l of demo.links) assert.deepEqual(l.mismatches, [], `${l.from} → ${l.to}`);

		for (const node of demo.nodes) assert.equal(alive(node.pid), false, `${node.name} outlived the demo`);
		assert.equal(existsSync(demo.dir), false, "the temporary data folder is removed without --keep");
	});

	it("stops every node when the demo process is killed with SIGKILL", async () => {
		const child = spawn(process.execPath, [CLI, "demo", "--json", "--keep-running", "--base-port", "0"], {
			stdio: ["ignore", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		child.stderr.setEncoding("utf8").on("data", (text: string) => {
			stderr += text;
		});
		const demo = await new Promise<DemoJson>((resolve, reject) => {
			child.stdout.setEncoding("utf8").on("data", (text: string) => {
				stdout += text;
				try {
					resolve(JSON.parse(stdout) as DemoJson);
				} catch {
					// not all of it yet
				}
			});
			child.once("exit", (code) => reject(new Error(`demo exited ${code}: ${stderr}`)));
		});
		try {
			assert.ok(demo.nodes.every((n) => alive(n.pid)));
			child.kill("SIGKILL");
			await eventually("every node to stop after the demo died", async () =>
				demo.nodes.every((n) => !alive(n.pid)),
			);
		} finally {
			for (const node of demo.nodes) if (alive(node.pid)) process.kill(node.pid, "SIGKILL");
			rmSync(demo.dir, { recursive: true, force: true });
		}
	});
});
