// A colour per STIX type family, shared by the graph's nodes and the dots of the neighbour list.
const COLOURS: Readonly<Record<string, string>> = {
	indicator: "#d9480f",
	malware: "#c2255c",
	"threat-actor": "#862e9c",
	"intrusion-set": "#5f3dc4",
	campaign: "#364fc7",
	"attack-pattern": "#1864ab",
	report: "#0b7285",
	relationship: "#868e96",
	sighting: "#e67700",
	identity: "#2b8a3e",
	tool: "#5c940d",
	vulnerability: "#a61e4d",
	"course-of-action": "#087f5b",
};
const OBSERVABLE = "#495057";

export function typeColour(type: string): string {
	return COLOURS[type] ?? OBSERVABLE;
}
