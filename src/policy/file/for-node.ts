// One policy, many nodes: a policy file is written from one node's point of view (`node:` and the
// parties marked `local`); this re-renders the same text for another node of the same network.
import { isMap, isScalar, parseDocument } from "yaml";

/**
 * The policy file `text` as node `nodeName` must apply it: `node: nodeName`; every party hosted on
 * `nodeName` (its `node`, or `local: true` when the file was written for `nodeName`) becomes
 * `local: true` without a `node`; every other party loses `local` and names its host in `node`
 * (the parties the original file marked local get the original file's node). Everything else — other
 * entries, comments, key order — is kept, so `policy show` still reads as written. A text that is not a
 * YAML map with `parties` is returned unchanged (with the comment line), for `parsePolicyFile` to report.
 * @example
 * const text = policyFileForNode(readFileSync("examples/policy/reference-scenario.yaml", "utf8"), "us-fbi-node");
 * parsePolicyFile(text, "us-fbi.yaml", { nodeName: "us-fbi-node" }); // us-fbi is the local party now
 */
export function policyFileForNode(text: string, nodeName: string, note?: string): string {
	const document = parseDocument(text);
	if (document.errors.length > 0) return text;
	const written = document.get("node");
	const fileNode = typeof written === "string" ? written : undefined;
	const parties = document.get("parties");
	if (isMap(parties)) {
		for (const pair of parties.items) {
			const party = pair.value;
			if (!isMap(party)) continue;
			const local = party.get("local") === true;
			const named = party.get("node");
			const host = typeof named === "string" ? named : local ? fileNode : undefined;
			if (host === nodeName) {
				party.delete("node");
				if (!local) party.set("local", true);
			} else {
				party.delete("local");
				if (host !== undefined && typeof named !== "string") party.set("node", host);
			}
		}
	}
	if (isScalar(document.contents) || document.contents === null) return text;
	document.set("node", nodeName);
	if (note !== undefined) {
		document.commentBefore = [note, document.commentBefore]
			.filter((c) => c !== undefined && c !== null)
			.join("\n");
	}
	return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
