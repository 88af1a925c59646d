// One page of a line format's text as it is written: its lines, where each rule's sid stands (written as the base
// sid, settled in rule order by the one thread that owns the export's SidAllocator), and the page's counts — so a
// page can be formatted on any thread and the pages put together in order on one (D56's speed addendum).
import type { EncodedPage, LeftOutCounts } from "./format.ts";
import { SID_DIGITS, type SidAllocator } from "./sid.ts";

/** A page being written: text, one line at a time, and its rules' base sids with their offsets in the text. */
export class PageText {
	text = "";
	lines = 0;
	readonly sids: number[] = [];
	readonly sidAt: number[] = [];

	/** Appends `line` and a newline. */
	line(line: string): void {
		this.text += `${line}\n`;
		this.lines++;
	}

	/** Appends a rule line: `before`, the rule's `baseSid`, `after`, a newline. */
	rule(before: string, baseSid: number, after: string): void {
		this.text += before;
		this.sidAt.push(this.text.length);
		this.sids.push(baseSid);
		this.text += `${baseSid}${after}\n`;
		this.lines++;
	}
}

const ENCODER = new TextEncoder();

/** `page` as UTF-8 with its sids' offsets in bytes (each buffer its own, so it can be transferred). */
export function encodePage(page: PageText, counts: LeftOutCounts): EncodedPage {
	const bytes = ENCODER.encode(page.text);
	const sidAt = Int32Array.from(page.sidAt);
	// Non-ASCII text (names, URLs): a character offset is not a byte offset, so count the bytes up to each sid.
	if (bytes.length !== page.text.length) {
		let chars = 0;
		let at = 0;
		for (let i = 0; i < sidAt.length; i++) {
			const next = sidAt[i] as number;
			at += Buffer.byteLength(page.text.slice(chars, next));
			chars = next;
			sidAt[i] = at;
		}
	}
	return { bytes, sids: Int32Array.from(page.sids), sidAt, counts };
}

/**
 * Settles `page`'s sids in order with `sids` (the export's one allocator): a rule whose base sid is taken gets the
 * next free one, written over the base in place (every sid has SID_DIGITS digits). Returns the page's bytes.
 */
export function settleBytes(page: EncodedPage, sids: SidAllocator): Uint8Array {
	for (let i = 0; i < page.sids.length; i++) {
		const base = page.sids[i] as number;
		const sid = sids.allocate(base);
		if (sid === base) continue;
		const digits = String(sid);
		const at = page.sidAt[i] as number;
		for (let d = 0; d < SID_DIGITS; d++) page.bytes[at + d] = digits.charCodeAt(d);
	}
	return page.bytes;
}

/** `page`'s text with its sids settled as `settleBytes` settles them (one object at a time: `Exporter.item`). */
export function settleText(page: PageText, sids: SidAllocator): string {
	let text = page.text;
	for (let i = 0; i < page.sids.length; i++) {
		const base = page.sids[i] as number;
		const sid = sids.allocate(base);
		if (sid === base) continue;
		const at = page.sidAt[i] as number;
		text = `${text.slice(0, at)}${sid}${text.slice(at + SID_DIGITS)}`;
	}
	return text;
}
