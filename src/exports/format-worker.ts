// Entry of a format thread (format-threads.ts): formats the pages it is posted with a line format's `formatPage`
// and answers each, in order, as UTF-8 bytes whose sids the export's own thread settles.
import { parentPort, workerData } from "node:worker_threads";
import type { StixObject } from "../stix/core.ts";
import type { LineFormatSpec } from "./format.ts";
import type { FormatReply, FormatRequest } from "./format-threads.ts";
import { lineExporter } from "./line-exporter.ts";

const port = parentPort;
if (port === null) throw new Error("format-worker.ts must run as a worker thread");
const spec = workerData as LineFormatSpec;
const split = lineExporter(spec.format, spec.options).split;
if (split === undefined) throw new Error(`${spec.format} is not a line format`);

port.on("message", (request: FormatRequest) => {
	let reply: FormatReply;
	try {
		const objects = typeof request === "string" ? (JSON.parse(request) as StixObject[]) : request;
		reply = { ok: true, page: split.formatPage(objects) };
	} catch (error) {
		const known = error instanceof Error ? error : new Error(String(error));
		reply = { ok: false, name: known.name, message: known.message };
	}
	// The buffers move to the export's thread rather than being copied (each page's own: encodePage made them).
	const moved = reply.ok ? [reply.page.bytes.buffer, reply.page.sids.buffer, reply.page.sidAt.buffer] : [];
	port.postMessage(reply, moved as ArrayBuffer[]);
});
