// PAP (Permissible Actions Protocol): what a recipient may do with information, as STIX marking ids.
import type { KnownMarking } from "./known-marking.ts";

/** The PAP STIX extension definition. */
export const PAP_EXTENSION_ID = "extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b";

export const PAP_LEVELS = ["clear", "white", "green", "amber", "red"] as const;
export type PapLevel = (typeof PAP_LEVELS)[number];

/** PAP marking ids. CLEAR's id is the one seen in the extension's example; WHITE is its older name. */
export const PAP_IDS: Readonly<Record<PapLevel, string>> = Object.freeze({
	clear: "marking-definition--ad15a0cd-55b6-4588-a14c-a66105329b92",
	white: "marking-definition--a3bea94c-b469-41dc-9cfe-d6e7daba7730",
	green: "marking-definition--c43594d1-4b11-4c59-93ab-1c9b14d53ce9",
	amber: "marking-definition--60f8932b-e51e-4458-b265-a2e8be9a80ab",
	red: "marking-definition--740d36e5-7714-4c30-961a-3ae632ceee0e",
});

/** PAP markings in catalogue form. */
export const PAP_MARKINGS: readonly KnownMarking[] = PAP_LEVELS.map((level) => ({
	kind: "pap",
	level,
	id: PAP_IDS[level],
	name: `PAP:${level.toUpperCase()}`,
}));
