// "New indicator": a small form that writes the STIX for you (name, pattern, TLP, PAP, types, audience).
import {
	Button,
	Group,
	MultiSelect,
	Select,
	SimpleGrid,
	Stack,
	Text,
	Textarea,
	TextInput,
} from "@mantine/core";
import { useState } from "react";
import { PAP_IDS, TLP2_DEFINITIONS } from "../../../src/stix/markings/index.ts";
import type { StixObject } from "../api/types.ts";
import { words } from "../format.ts";
import { markingLook } from "../markings.ts";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";
import {
	type AudienceKind,
	buildIndicator,
	EMPTY_INDICATOR,
	INDICATOR_TYPES,
	type IndicatorFields,
	PAP_CHOICES,
	TLP_CHOICES,
} from "./new-indicator.ts";

const AUDIENCES: { value: AudienceKind; label: string }[] = [
	{ value: "markings", label: "as the markings say" },
	{ value: "own-organization", label: "my organisation only" },
	{ value: "all-partners", label: "all partners the markings allow" },
	{ value: "named", label: "only the parties and communities I name" },
];

/** The policy's parties and communities, to name in an audience; none without a policy. */
function useAudienceChoices() {
	// Without a policy (404) or on any failure, there is simply nothing to name.
	const policy = useApiQuery("/policy");
	return {
		parties: (policy.data?.parties ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.node})` })),
		communities: (policy.data?.communities ?? []).map((c) => ({ value: c.id, label: c.name })),
	};
}

export function IndicatorForm(props: { onBuilt: (indicator: StixObject) => void }) {
	const { me } = useSession();
	const [fields, setFields] = useState<IndicatorFields>(EMPTY_INDICATOR);
	const choices = useAudienceChoices();
	const set = <K extends keyof IndicatorFields>(key: K, value: IndicatorFields[K]) =>
		setFields((current) => ({ ...current, [key]: value }));
	const missing = [
		...(fields.name.trim() === "" ? ["a name"] : []),
		...(fields.pattern.trim() === "" ? ["a pattern"] : []),
	];
	return (
		<Stack gap="sm" maw={900} data-testid="indicator-form">
			<Text size="sm" c="dimmed">
				Describe the indicator and its JSON is written for you, created by{" "}
				{me.organization?.name ?? "your organisation"}; edit it further in the JSON tab, then preview it
				there.
			</Text>
			<TextInput
				label="Name"
				required
				value={fields.name}
				onChange={(event) => set("name", event.currentTarget.value)}
				placeholder="QakBot C2 server"
			/>
			<TextInput
				label="STIX pattern"
				required
				value={fields.pattern}
				onChange={(event) => set("pattern", event.currentTarget.value)}
				placeholder="[ipv4-addr:value = '198.51.100.23']"
				styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
			/>
			<Textarea
				label="Description"
				autosize
				minRows={2}
				value={fields.description}
				onChange={(event) => set("description", event.currentTarget.value)}
			/>
			<SimpleGrid cols={{ base: 1, sm: 3 }}>
				<Select
					label="TLP"
					data={TLP_CHOICES.map((level) => ({
						value: level,
						label: markingLook(TLP2_DEFINITIONS[level].id).label,
					}))}
					value={fields.tlp}
					onChange={(value) => {
						const level = TLP_CHOICES.find((choice) => choice === value);
						if (level !== undefined) set("tlp", level);
					}}
					allowDeselect={false}
				/>
				<Select
					label="PAP"
					data={[
						{ value: "none", label: "no PAP" },
						...PAP_CHOICES.map((level) => ({ value: level, label: markingLook(PAP_IDS[level]).label })),
					]}
					value={fields.pap}
					onChange={(value) => {
						const level = PAP_CHOICES.find((choice) => choice === value);
						set("pap", level ?? "none");
					}}
					allowDeselect={false}
				/>
				<MultiSelect
					label="Indicator types"
					data={INDICATOR_TYPES.map((type) => ({ value: type, label: words(type) }))}
					value={fields.types}
					onChange={(value) => set("types", value)}
				/>
			</SimpleGrid>
			<Select
				label="Audience"
				description="Narrows who may receive it beyond its markings (x_entente_audience); optional"
				data={AUDIENCES}
				value={fields.audience}
				onChange={(value) => {
					const kind = AUDIENCES.find((choice) => choice.value === value)?.value;
					if (kind !== undefined) set("audience", kind);
				}}
				allowDeselect={false}
			/>
			{fields.audience === "named" ? (
				<SimpleGrid cols={{ base: 1, sm: 2 }}>
					<MultiSelect
						label="Parties"
						data={choices.parties}
						value={fields.parties}
						onChange={(value) => set("parties", value)}
						searchable
					/>
					<MultiSelect
						label="Communities"
						data={choices.communities}
						value={fields.communities}
						onChange={(value) => set("communities", value)}
						searchable
					/>
				</SimpleGrid>
			) : null}
			<Group gap="sm">
				<Button
					onClick={() =>
						props.onBuilt(
							buildIndicator(fields, {
								uuid: crypto.randomUUID(),
								now: new Date(),
								author: me.organization?.id,
							}),
						)
					}
					disabled={missing.length > 0}
					data-testid="build-indicator"
				>
					Write the JSON
				</Button>
				{missing.length > 0 ? (
					<Text size="sm" c="dimmed">
						Needs {missing.join(" and ")}.
					</Text>
				) : null}
			</Group>
		</Stack>
	);
}
