// CSV rows (RFC 4180: quoted fields, doubled quotes, CRLF or LF), with `#` comment lines and a leading BOM skipped.

/** One row and the line it starts on. */
export interface CsvRow {
	line: number;
	cells: string[];
}

/**
 * Splits CSV text into rows of cells. A quoted field may hold the delimiter and line breaks; a line starting
 * with `#` outside quotes is a comment.
 * @example [...csvRows('a,"b,c"\n# note\n1,2\n', ",")].map((r) => r.cells) // [["a", "b,c"], ["1", "2"]]
 */
export function* csvRows(text: string, delimiter: string): Generator<CsvRow> {
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	while (i < text.length) {
		if (text[i] === "#") {
			const end = text.indexOf("\n", i);
			i = end === -1 ? text.length : end + 1;
			line++;
			continue;
		}
		const startLine = line;
		const cells: string[] = [];
		let cell = "";
		let quoted = false;
		for (; i < text.length; i++) {
			const c = text[i] as string;
			if (quoted) {
				if (c === '"') {
					if (text[i + 1] === '"') {
						cell += '"';
						i++;
					} else quoted = false;
				} else {
					if (c === "\n") line++;
					cell += c;
				}
			} else if (c === '"' && cell.trim() === "") {
				quoted = true;
				cell = "";
			} else if (c === delimiter) {
				cells.push(cell);
				cell = "";
			} else if (c === "\n") {
				i++;
				break;
			} else if (c !== "\r") cell += c;
		}
		line++;
		cells.push(cell);
		if (cells.length === 1 && (cells[0] as string).trim() === "") continue;
		yield { line: startLine, cells };
	}
}
