// Entry of the writer thread: owns a second writer connection and runs object puts posted by the store.
import { parentPort, workerData } from "node:worker_threads";
import { openWriter } from "./connection.ts";
import { createObjectWriter } from "./object-writer.ts";
import { unpackRows } from "./row-batch.ts";
import type { WriterData, WriterReply, WriterRequest } from "./writer-thread.ts";

const port = parentPort;
if (port === null) throw new Error("writer-worker.ts must run as a worker thread");
const { path, synchronous, maxBytes } = workerData as WriterData;
const db = openWriter(path, synchronous, maxBytes);
const writer = createObjectWriter(db);

port.on("message", (request: WriterRequest) => {
	if (request.kind === "close") {
		db.close();
		port.close();
		return;
	}
	let reply: WriterReply;
	try {
		reply = {
			seq: request.seq,
			ok: true,
			outcomes: writer.putRows(unpackRows(request.batch), request.nowMicros),
		};
	} catch (error) {
		reply = { seq: request.seq, ok: false, message: error instanceof Error ? error.message : String(error) };
	}
	port.postMessage(reply);
});
