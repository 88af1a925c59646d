// Every screen of the web UI once, as the accessibility test and the first-paint bench visit it: where it lives
// and what shows that its main content is on screen. A new screen adds one line to SCREENS.

/** What the screens need from the store: an object that is stored, a value it names and a word that finds it. */
export interface ScreenSample {
	object: string;
	valueKind: string;
	value: string;
	query: string;
}

export interface ScreenEntry {
	name: string;
	/** The screen's address (below the node's URL). */
	path(sample: ScreenSample): string;
	/** CSS: the screen's main content has been shown — its first table row, its empty state, or its form. */
	shown: string;
}

const tab = (name: string, shown: string): ScreenEntry => ({
	name: `object: ${name}`,
	path: (sample) => `/objects/${encodeURIComponent(sample.object)}?tab=${name}`,
	shown,
});

/** The static shell with no data behind it: the floor each screen's paint is measured against. */
export const NOT_FOUND: ScreenEntry = {
	name: "not-found",
	path: () => "/no-such-page",
	shown: "[data-testid=not-found]",
};

export const SCREENS: readonly ScreenEntry[] = [
	{ name: "objects", path: () => "/objects", shown: "tr[data-object-id], [data-testid=first-run]" },
	{
		name: "objects: search",
		path: (sample) => `/objects?q=${encodeURIComponent(sample.query)}`,
		shown: "tr[data-object-id], [data-testid=objects-none]",
	},
	{
		name: "object: overview",
		path: (sample) => `/objects/${encodeURIComponent(sample.object)}`,
		shown: "[data-testid=object-fields]",
	},
	tab("receivers", "[data-testid=receiver-row]"),
	tab("graph", "[data-testid=graph-canvas] canvas"),
	tab("sightings", "[data-testid=sightings-score]"),
	tab("correlations", "[data-testid=correlations]"),
	tab("versions", "[data-testid=versions] tbody tr"),
	tab("json", "[data-testid=json-view]"),
	{
		name: "value",
		path: (sample) => `/values/${encodeURIComponent(sample.valueKind)}/${encodeURIComponent(sample.value)}`,
		shown: "[data-testid=value-total]",
	},
	{ name: "match", path: () => "/match", shown: "[data-testid=match-input]" },
	{ name: "share", path: () => "/share", shown: "[data-testid=share-json]" },
	{ name: "import", path: () => "/import", shown: "[data-testid=import-text]" },
	{ name: "watch", path: () => "/watch", shown: "[data-testid=alert-row], [data-testid=alerts-empty]" },
	{ name: "feeds", path: () => "/feeds", shown: "[data-testid=feed-row], [data-testid=feeds-empty]" },
	{ name: "policy", path: () => "/policy", shown: "[data-testid=policy-yaml]" },
	{ name: "home", path: () => "/home", shown: "[data-testid=home-peers], [data-testid=home-empty]" },
	{
		name: "quarantine",
		path: () => "/quarantine",
		shown: "[data-testid=quarantine-row], [data-testid=quarantine-empty]",
	},
	{ name: "users", path: () => "/users", shown: "[data-testid=user-row]" },
	{ name: "audit", path: () => "/audit", shown: "[data-testid=audit-row], [data-testid=audit-count]" },
	NOT_FOUND,
];
