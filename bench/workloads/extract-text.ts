// Free-text extraction (D52) over a realistic corpus: MISP events' info, comments and values written as report
// prose, and ATT&CK descriptions, read from ../shared/data in place. Target: ≥ 20 MB/s of text.
import { readdirSync, readFileSync } from "node:fs";
import { extractText } from "../../src/observables/extract/index.ts";
import { sharedData } from "../../test/support/shared-data.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";

/** About this many characters of corpus, the shared pieces repeated: several pastes' worth. */
const CORPUS_CHARS = 16 * 1024 * 1024;

interface MispAttribute {
	type?: string;
	value?: string;
	comment?: string;
}

/** A MISP event as an analyst's report would put it: the title, then each value with its comment in a sentence. */
function mispReports(): string[] {
	const folder = sharedData("misp", "feed-cert-fr");
	return readdirSync(folder)
		.filter((name) => name.endsWith(".json") && name !== "manifest.json")
		.map((name) => {
			const { Event } = JSON.parse(readFileSync(`${folder}/${name}`, "utf8")) as {
				Event: { info?: string; Attribute?: MispAttribute[]; Object?: { Attribute?: MispAttribute[] }[] };
			};
			const attributes = [
				...(Event.Attribute ?? []),
				...(Event.Object ?? []).flatMap((object) => object.Attribute ?? []),
			];
			const lines = attributes.map(
				(attribute) => `The ${attribute.type} ${attribute.value} was seen (${attribute.comment ?? ""}).`,
			);
			return `${Event.info ?? ""}\n${lines.join("\n")}`;
		});
}

/** The descriptions of ATT&CK Enterprise: long prose citing techniques, tools, file and registry names. */
function attackDescriptions(): string[] {
	const bundle = JSON.parse(
		readFileSync(sharedData("stix20", "attack", "enterprise-attack-assembled.json"), "utf8"),
	) as { objects: { description?: string }[] };
	return bundle.objects.flatMap((object) => (object.description === undefined ? [] : [object.description]));
}

/** MISP reports interleaved with ATT&CK descriptions, repeated up to CORPUS_CHARS. */
function corpus(): string {
	const reports = mispReports();
	const descriptions = attackDescriptions();
	const parts: string[] = [];
	let length = 0;
	for (let index = 0; length < CORPUS_CHARS; index++) {
		const part =
			index % 50 === 0
				? (reports[(index / 50) % reports.length] ?? "")
				: (descriptions[index % descriptions.length] ?? "");
		parts.push(part);
		length += part.length + 2;
	}
	return parts.join("\n\n");
}

export const extractTextBench: Workload = {
	name: "extract observables from text",
	async run(): Promise<BenchRow[]> {
		const text = corpus();
		const megabytes = Buffer.byteLength(text, "utf8") / 1e6;
		const none = (): undefined => undefined;
		let rows = 0;
		const extract = await bestOf(5, none, () => {
			rows = extractText(text).observables.length;
		});
		const split = await bestOf(5, none, () => {
			text.split(/\s+/);
		});
		const oneRegex = await bestOf(5, none, () => {
			for (const _match of text.matchAll(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g));
		});
		const rate = megabytes / (extract / 1000);
		const notes = `${megabytes.toFixed(1)} MB, ${rows} distinct observables`;
		return [
			{
				name: "extractText (MISP + ATT&CK prose)",
				value: rate,
				unit: "MB/s",
				floor: megabytes / (split / 1000),
				floorName: "text.split(/\\s+/)",
				ratio: extract / split,
				target: "≥ 20 MB/s",
				notes,
			},
			{
				name: "extractText against one IPv4 regex scan",
				value: rate,
				unit: "MB/s",
				floor: megabytes / (oneRegex / 1000),
				floorName: "one IPv4 regex matchAll",
				ratio: extract / oneRegex,
				target: "≥ 20 MB/s",
			},
		];
	},
};
