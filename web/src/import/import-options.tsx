// How the rows kept become STIX: as indicators, observable objects or both, in a report of this name, with the
// markings chosen from the node's pinned catalogue (TLP 2.0, PAP) and an optional confidence.
import {
	NumberInput,
	SegmentedControl,
	Select,
	SimpleGrid,
	Stack,
	Text,
	Textarea,
	TextInput,
} from "@mantine/core";
import {
	PAP_IDS,
	type PapLevel,
	TLP2_DEFINITIONS,
	type Tlp2Level,
} from "../../../src/stix/markings/index.ts";
import { markingLook } from "../markings.ts";
import { PAP_CHOICES, TLP_CHOICES } from "../share/new-indicator.ts";

export type ImportAs = "indicators" | "observables" | "both";

export interface ImportOptions {
	as: ImportAs;
	name: string;
	description: string;
	tlp: Tlp2Level;
	pap: PapLevel | "none";
	confidence: number | undefined;
}

export const DEFAULT_OPTIONS: ImportOptions = {
	as: "indicators",
	name: "",
	description: "",
	tlp: "amber",
	pap: "none",
	confidence: undefined,
};

/** The marking definition ids the options name. */
export function markingsOf(options: ImportOptions): string[] {
	return [TLP2_DEFINITIONS[options.tlp].id, ...(options.pap === "none" ? [] : [PAP_IDS[options.pap]])];
}

export function ImportOptionsForm(props: { value: ImportOptions; onChange: (value: ImportOptions) => void }) {
	const { value, onChange } = props;
	const set = <K extends keyof ImportOptions>(key: K, field: ImportOptions[K]) =>
		onChange({ ...value, [key]: field });
	return (
		<Stack gap="sm">
			<Stack gap={4}>
				<Text size="sm" fw={500}>
					Import as
				</Text>
				<SegmentedControl
					data-testid="import-as"
					value={value.as}
					onChange={(as) => set("as", as === "observables" || as === "both" ? as : "indicators")}
					data={[
						{ value: "indicators", label: "Indicators (a pattern each)" },
						{ value: "observables", label: "Observables (SCOs)" },
						{ value: "both", label: "Both" },
					]}
				/>
			</Stack>
			<SimpleGrid cols={{ base: 1, sm: 2 }}>
				<TextInput
					label="Report name"
					required
					data-testid="import-name"
					value={value.name}
					onChange={(event) => set("name", event.currentTarget.value)}
				/>
				<NumberInput
					label="Confidence"
					description="0–100, optional"
					min={0}
					max={100}
					value={value.confidence ?? ""}
					onChange={(number) => set("confidence", typeof number === "number" ? number : undefined)}
				/>
			</SimpleGrid>
			<Textarea
				label="Description"
				autosize
				minRows={2}
				value={value.description}
				onChange={(event) => set("description", event.currentTarget.value)}
			/>
			<SimpleGrid cols={{ base: 1, sm: 2 }}>
				<Select
					label="TLP"
					data-testid="import-tlp"
					data={TLP_CHOICES.map((level) => ({
						value: level,
						label: markingLook(TLP2_DEFINITIONS[level].id).label,
					}))}
					value={value.tlp}
					onChange={(level) => {
						const chosen = TLP_CHOICES.find((choice) => choice === level);
						if (chosen !== undefined) set("tlp", chosen);
					}}
					allowDeselect={false}
				/>
				<Select
					label="PAP"
					data={[
						{ value: "none", label: "no PAP" },
						...PAP_CHOICES.map((level) => ({ value: level, label: markingLook(PAP_IDS[level]).label })),
					]}
					value={value.pap}
					onChange={(level) => set("pap", PAP_CHOICES.find((choice) => choice === level) ?? "none")}
					allowDeselect={false}
				/>
			</SimpleGrid>
		</Stack>
	);
}
