// Line formats formatted on worker threads (format-threads.ts): the same bytes, in the same order, as one thread
// writes, from released objects or stored JSON text; a thread's error or exit fails the export; an export
// returned early ends its threads and its reads; at most two pages a thread are read ahead.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Worker } from "node:worker_threads";
import type { StixObject } from "../stix/core.ts";
import {
	type ExportChunkOptions,
	type ExportOptions,
	type ExportPage,
	exportChunks,
	exporterFor,
	LINE_FORMATS,
	type LineFormatSpec,
	startFormatThread,
} from "./index.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const PAGE = 3;

function indicator(n: number, pattern: string, fields: Record<string, unknown> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: `2026-01-${String((n % 27) + 1).padStart(2, "0")}T00:00:00.000Z`,
		name: `Indicator ${n}`,
		pattern,
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00Z",
		...fields,
	} as StixObject;
}

/** Every case the formats treat apart: kinds, directions, escaping, non-ASCII text, lifecycles, left-out patterns. */
function variedObjects(): StixObject[] {
	const objects: StixObject[] = [];
	for (let i = 0; i < 6; i++) {
		const n = i * 10;
		objects.push(
			indicator(n + 1, `[ipv4-addr:value = '198.51.100.${i}']`, { confidence: 60 }),
			indicator(n + 2, `[network-traffic:dst_ref.value = '2001:db8::${i}/128']`),
			indicator(n + 3, `[domain-name:value = 'evil-${i}.example']`, {
				name: `Ünïcödé naming ${i} — 日本`,
				object_marking_refs: ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"],
			}),
			indicator(n + 4, `[url:value = 'https://evil-${i}.example/a b;c?q=${i}']`, { name: 'Quote " ; in' }),
			indicator(n + 5, "[network-traffic:extensions.'x-tls-ext'.ja3 = 'e7eca2baf4458d095b7f45da28c16c34']"),
			indicator(n + 6, `[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf842${String(i).padStart(2, "0")}']`),
			indicator(n + 7, `[domain-name:value LIKE '%.evil-${i}.example']`),
			indicator(n + 8, `[ipv4-addr:value = '203.0.113.${i}']`, { revoked: true }),
			indicator(n + 9, `[domain-name:value = 'gone-${i}.example']`, { valid_until: "2026-02-01T00:00:00Z" }),
			indicator(
				n + 10,
				`[email-addr:value = 'boss${i}@evil.example'] OR [domain-name:value = 'mail-${i}.example']`,
			),
		);
	}
	// The same indicator twice, pages apart: its rules collide with themselves, so the second copy's sids move —
	// settled in order on the export's thread whichever thread formatted each page (one line holds non-ASCII text).
	objects.push(objects[2] as StixObject, objects[0] as StixObject);
	return objects;
}

function pagesOf<T>(items: readonly T[]): T[][] {
	const pages: T[][] = [];
	for (let i = 0; i < items.length; i += PAGE) pages.push(items.slice(i, i + PAGE));
	return pages;
}

async function* released(objects: readonly StixObject[]): AsyncGenerator<ExportPage> {
	// One object in each page withheld by the gate: counted, never formatted.
	for (const page of pagesOf(objects)) yield [...page, undefined];
}

async function* stored(objects: readonly StixObject[]): AsyncGenerator<ExportPage> {
	for (const page of pagesOf(objects)) yield { stored: page.map((object) => JSON.stringify(object)) };
}

async function textOf(chunks: AsyncIterable<Uint8Array>): Promise<string> {
	const parts: Uint8Array[] = [];
	for await (const chunk of chunks) parts.push(chunk);
	return Buffer.concat(parts).toString("utf8");
}

/** The options of `format`'s export: an EDL holds one list type (addresses here). */
function optionsOf(format: (typeof LINE_FORMATS)[number], options: ExportOptions): ExportOptions {
	return { now: NOW, ...(format === "edl" ? { kinds: ["ipv4", "ipv6"] as const } : {}), ...options };
}

function exportOf(
	format: (typeof LINE_FORMATS)[number],
	pages: AsyncIterable<ExportPage>,
	options: ExportOptions,
	threads: Omit<ExportChunkOptions, "sayWithheld">,
): Promise<string> {
	return textOf(
		exportChunks(exporterFor(format, optionsOf(format, options)), pages, { sayWithheld: true, ...threads }),
	);
}

/** What one thread writes object by object through `Exporter.item`, as before threads. */
function itemByItem(
	format: (typeof LINE_FORMATS)[number],
	objects: readonly StixObject[],
	options: ExportOptions,
) {
	const exporter = exporterFor(format, optionsOf(format, options));
	return (
		exporter.header() +
		objects.map((object) => exporter.item(object).text).join("") +
		exporter.footer({ withheld: pagesOf(objects).length })
	);
}

/** Wraps `startFormatThread`, keeping the workers started so a test can see them end. */
function watchedThreads(): {
	started: Worker[];
	exited: Promise<number>[];
	start: (spec: LineFormatSpec) => Worker;
} {
	const started: Worker[] = [];
	const exited: Promise<number>[] = [];
	return {
		started,
		exited,
		start(spec) {
			const worker = startFormatThread(spec);
			started.push(worker);
			exited.push(new Promise((resolve) => worker.once("exit", resolve)));
			return worker;
		},
	};
}

describe("line formats on format threads", { timeout: 120_000 }, () => {
	const objects = variedObjects();

	it("write the bytes one thread writes, in order, for every line format, full and incremental", async () => {
		for (const format of LINE_FORMATS)
			for (const options of [{}, { since: "2026-01-01T00:00:00Z", objectUrlBase: "https://n.example/o/" }]) {
				const expected = itemByItem(format, objects, options);
				const threads = watchedThreads();
				const onThreads = await exportOf(format, released(objects), options, {
					threads: 2,
					inlinePages: 1,
					startThread: threads.start,
				});
				assert.equal(onThreads, expected, `${format} ${JSON.stringify(options)} on two threads`);
				assert.equal(threads.started.length, 2, "two threads started");
				await Promise.all(threads.exited);
				assert.equal(
					await exportOf(format, released(objects), options, { threads: 0 }),
					expected,
					`${format} on the export's thread`,
				);
			}
		const rules = itemByItem("suricata", objects, {});
		assert.match(
			rules,
			/# 4 rules moved to the next free sid by a collision/,
			"the repeated copies' sids moved",
		);
		assert.match(rules, /# withheld by policy: 21 /);
	});

	it("write the same from stored JSON text (the local export) as from released objects", async () => {
		for (const format of LINE_FORMATS) {
			const fromText = await exportOf(format, stored(objects), {}, { threads: 2, inlinePages: 0 });
			const fromObjects = await exportOf(format, released(objects), {}, { threads: 2, inlinePages: 0 });
			assert.equal(
				fromText.replace(/# withheld by policy: \d+ .*\n/, ""),
				fromObjects.replace(/# withheld by policy: \d+ .*\n/, ""),
				format,
			);
			assert.match(fromText, /# withheld by policy: 0 /, `${format}: nothing withheld without a gate`);
		}
	});

	it("fails the export when a thread cannot format a page, and ends the threads", async () => {
		const threads = watchedThreads();
		async function* corrupt(): AsyncGenerator<ExportPage> {
			yield* stored(objects.slice(0, 6));
			yield { stored: ['{"type":"indicator",'] };
			yield* stored(objects.slice(6));
		}
		await assert.rejects(
			exportOf("zeek", corrupt(), {}, { threads: 2, inlinePages: 0, startThread: threads.start }),
			/a format thread failed: .*JSON/,
		);
		await Promise.all(threads.exited);
	});

	it("fails the export when a thread stops mid-way", async () => {
		const threads = watchedThreads();
		const stopping = (spec: LineFormatSpec): Worker => {
			const worker = threads.start(spec);
			if (threads.started.length === 2) worker.once("message", () => void worker.terminate());
			return worker;
		};
		await assert.rejects(
			exportOf("suricata", released(objects), {}, { threads: 2, inlinePages: 0, startThread: stopping }),
			/a format thread stopped/,
		);
		await Promise.all(threads.exited);
	});

	it("ends its threads and its reads when returned early (a client that disconnects), reading at most two pages a thread ahead", async () => {
		const threads = watchedThreads();
		let read = 0;
		let readsEnded = false;
		async function* counted(): AsyncGenerator<ExportPage> {
			try {
				for (const page of pagesOf(objects)) {
					read++;
					yield page;
				}
			} finally {
				readsEnded = true;
			}
		}
		const exporter = exporterFor("suricata", { now: NOW });
		const chunks = exportChunks(exporter, counted(), {
			sayWithheld: false,
			threads: 2,
			inlinePages: 1,
			startThread: threads.start,
		});
		await chunks.next(); // the header
		await chunks.next(); // the first page, formatted here
		await chunks.next(); // the second, from a thread
		assert.ok(read <= 2 + 2 * 2, `${read} pages read for 2 written`);
		assert.ok(read < pagesOf(objects).length, "not every page read ahead");
		await chunks.return(undefined);
		assert.equal(readsEnded, true, "the reads were returned");
		assert.equal(threads.started.length, 2);
		await Promise.all(threads.exited);
	});

	it("ends its threads and reads when the REST answer's stream is cancelled", async () => {
		const threads = watchedThreads();
		let readsEnded = false;
		async function* pages(): AsyncGenerator<ExportPage> {
			try {
				yield* released(objects);
			} finally {
				readsEnded = true;
			}
		}
		// As api/export-routes.ts answers: a ReadableStream over the chunks, which the server cancels on disconnect.
		const body = ReadableStream.from(
			exportChunks(exporterFor("zeek", { now: NOW }), pages(), {
				sayWithheld: false,
				threads: 2,
				inlinePages: 0,
				startThread: threads.start,
			}),
		);
		const reader = body.getReader();
		await reader.read();
		await reader.read();
		await reader.cancel();
		assert.equal(readsEnded, true, "the reads were returned");
		await Promise.all(threads.exited);
	});
});
