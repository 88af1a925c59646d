// Pinned results of `entente import` on each folder of ../shared/data/stix21, with the reasons for the notable ones.
import type { IngestReport } from "../../src/ingest/index.ts";
import type { ImportJson } from "./cli.ts";

export interface FolderExpectation {
	/** Exit status of the import: 3 when anything was rejected or the input had problems. */
	exit: number;
	/** Number of .json files under the folder, each with its own report. */
	files: number;
	totals: ImportJson["totals"];
	/** Path under the folder → that file's counts, input errors and every problem's reasons. */
	notable: Record<
		string,
		{ counts: IngestReport["counts"]; inputErrors: string[]; inputWarnings: string[]; reasons: string[][] }
	>;
}

/**
 * Expected results of `entente import FOLDER --json` on each folder of ../shared/data/stix21 (the
 * schemas and the grammar are not STIX content), measured once and pinned. `notable` lists the files
 * whose outcome matters on its own: the ones broken upstream (../shared/data/README.md) and the
 * surprising ones, each with its counts, input errors and every problem's reasons.
 */
export const STIX21_FOLDERS: Record<string, FolderExpectation> = {
	// attack-stix-data-index.json is MITRE's index of collections, not STIX: nothing to store, and the
	// input error saying so is what makes the exit status 3.
	attack: {
		exit: 3,
		files: 2,
		totals: { objects: 2148, stored: 2148, duplicate: 0, rejected: 0, quarantined: 0 },
		notable: {
			"attack-stix-data-index.json": {
				counts: { stored: 0, duplicate: 0, rejected: 0, quarantined: 0 },
				inputErrors: [
					'not STIX: the top-level object has neither "type" nor an "objects" array (it has "name", ' +
						'"description", "created", "modified", "collections"); expected a STIX bundle, a TAXII envelope, ' +
						"a STIX object or an array of objects",
				],
				inputWarnings: [],
				reasons: [],
			},
		},
	},
	// The elevator converts STIX 1 idioms with deterministic ids, so several files carry the same
	// (id, modified) with different bodies: 30 are quarantined, never overwritten. The 245 rejections
	// are real: unconverted pattern terms, reports without name, non-RFC 4122 ids, missing refs, and a
	// MATCHES regex with `\J`, which is no PCRE escape (coa_ind_malicious_file.json; D58).
	"elevator-idioms": {
		exit: 3,
		files: 96,
		totals: { objects: 5521, stored: 5238, duplicate: 8, rejected: 245, quarantined: 30 },
		notable: {
			"hostname.json": {
				counts: { stored: 5, duplicate: 0, rejected: 1, quarantined: 0 },
				inputErrors: [],
				inputWarnings: [],
				reasons: [
					[
						"rejected objects[3] indicator--5ea04c59-d106-4e2a-a15c-293066fc3187",
						"$.pattern: indicator requires pattern",
						"$.pattern_type: indicator requires pattern_type",
					],
				],
			},
			"kill-chain.json": {
				counts: { stored: 0, duplicate: 0, rejected: 1, quarantined: 0 },
				inputErrors: [],
				inputWarnings: [],
				reasons: [
					[
						"rejected objects[0] indicator--f33c2b75-aa60-4ffb-9829-3746ef233311",
						"$.pattern: indicator requires pattern",
						"$.pattern_type: indicator requires pattern_type",
					],
				],
			},
			// spec_version is optional on SCOs (STIX 2.1 §3.2), so the SCOs without it are stored; the
			// one rejected is a url SCO whose value is a bare domain.
			"Mandiant_APT1_Report.json": {
				counts: { stored: 177, duplicate: 0, rejected: 1, quarantined: 0 },
				inputErrors: [],
				inputWarnings: [],
				reasons: [
					[
						"rejected objects[9] url--64cbbdc1-a7b3-5a54-ac07-97bfb44bb009",
						'$.value: "hugesoft.org" is not a URL',
					],
				],
			},
			// pattern_type is an open vocabulary: snort, yara and other pattern languages are accepted.
			"ioc-indicator.json": {
				counts: { stored: 3, duplicate: 0, rejected: 0, quarantined: 0 },
				inputErrors: [],
				inputWarnings: [],
				reasons: [],
			},
			"yara-test-mechanism.json": {
				counts: { stored: 1, duplicate: 0, rejected: 0, quarantined: 0 },
				inputErrors: [],
				inputWarnings: [],
				reasons: [],
			},
			"snort-test-mechanism.json": {
				counts: { stored: 2, duplicate: 0, rejected: 1, quarantined: 0 },
				inputErrors: [],
				inputWarnings: [],
				reasons: [
					[
						"rejected objects[2] relationship--f91501c1-6c21-4d28-913a-e64bd31e7402",
						"$.target_ref: relationship requires target_ref",
					],
				],
			},
		},
	},
	markings: {
		exit: 3,
		files: 7,
		totals: { objects: 9, stored: 8, duplicate: 0, rejected: 1, quarantined: 0 },
		notable: {
			"tlp2/using-tlp2.0-green.INVALID-timestamp.json": {
				counts: { stored: 2, duplicate: 0, rejected: 1, quarantined: 0 },
				inputErrors: [],
				inputWarnings: ['bundle has no "type": "bundle" (read anyway)'],
				reasons: [
					[
						"rejected objects[2] relationship--1621d4d4-b67d-11e3-9670-f01faf20d111",
						'$.created: "2022-101-27T13:49:54.326Z" is not YYYY-MM-DDTHH:MM:SS[.s+]Z',
					],
				],
			},
			"tlp2/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json": {
				counts: { stored: 1, duplicate: 0, rejected: 0, quarantined: 0 },
				inputErrors: [],
				inputWarnings: ['bundle has no "type": "bundle" (read anyway)'],
				reasons: [],
			},
		},
	},
	"oasis-documentation": {
		exit: 0,
		files: 9,
		totals: { objects: 62, stored: 62, duplicate: 0, rejected: 0, quarantined: 0 },
		notable: {},
	},
	// One object appears twice with the same content: a duplicate, not a conflict.
	"oasis-examples": {
		exit: 0,
		files: 8,
		totals: { objects: 260, stored: 259, duplicate: 1, rejected: 0, quarantined: 0 },
		notable: {
			// a bare campaign, not a bundle: read as a single object
			"interop-objectmarking-test.json": {
				counts: { stored: 1, duplicate: 0, rejected: 0, quarantined: 0 },
				inputErrors: [],
				inputWarnings: [],
				reasons: [],
			},
		},
	},
	"opencti-catalogs": {
		exit: 0,
		files: 3,
		totals: { objects: 723, stored: 723, duplicate: 0, rejected: 0, quarantined: 0 },
		notable: {},
	},
};
