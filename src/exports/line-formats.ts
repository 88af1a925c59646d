// The line formats by name: what a format thread (format-worker.ts) and exporterFor build the same formatter from.
import { csvFormat } from "./csv.ts";
import { edlFormat } from "./edl.ts";
import type { ExportOptions, LineFormatName } from "./format.ts";
import type { LineFormat } from "./line-format.ts";
import { SNORT, SURICATA } from "./rule-dialects.ts";
import { rulesFormat } from "./rules.ts";
import { zeekFormat } from "./zeek.ts";

/** The line format `name` under `options`. */
export function lineFormatOf(name: LineFormatName, options: ExportOptions): LineFormat {
	switch (name) {
		case "suricata":
			return rulesFormat(SURICATA, options);
		case "snort":
			return rulesFormat(SNORT, options);
		case "zeek":
			return zeekFormat(options);
		case "csv":
			return csvFormat();
		case "edl":
			return edlFormat(options);
	}
}
