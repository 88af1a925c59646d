// The one entrance: a format's name to its streaming exporter.
import { AppError } from "../errors/index.ts";
import { EXPORT_FORMATS, type Exporter, type ExportFormat, type ExportOptions } from "./format.ts";
import { lineExporter } from "./line-exporter.ts";
import { mispExporter } from "./misp-events.ts";
import { stixBundleExporter } from "./stix-bundle.ts";

/** Options of the STIX format: its bundle's id (`bundle--<uuid>`), which a pure formatter cannot make up. */
export interface StixExportOptions extends ExportOptions {
	bundleId?: string;
}

/**
 * The streaming exporter of `format`: write `header()`, then `item(object).text` for each released object, then
 * `footer({ withheld })`. A name that is no format (from untyped input) throws E_EXPORT_FORMAT_UNAVAILABLE naming
 * those that are.
 * @example
 * const exporter = exporterFor("suricata", { kinds: ["ipv4", "domain"] });
 * out.write(exporter.header()); for (const o of released) out.write(exporter.item(o).text); out.write(exporter.footer());
 */
export function exporterFor(format: ExportFormat, options: StixExportOptions = {}): Exporter {
	switch (format) {
		case "stix":
			return stixBundleExporter(options.bundleId ?? "bundle--00000000-0000-4000-8000-000000000000", options);
		case "suricata":
		case "snort":
		case "zeek":
		case "csv":
		case "edl":
			return lineExporter(format, options);
		case "misp":
			return mispExporter(options);
		default:
			throw new AppError(
				"E_EXPORT_FORMAT_UNAVAILABLE",
				`no export format ${JSON.stringify(format)}; use one of ${EXPORT_FORMATS.join(", ")}`,
			);
	}
}

/** Whether `text` names an export format (for input read from a flag or a URL). */
export function isExportFormat(text: string): text is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(text);
}
