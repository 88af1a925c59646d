// Record a sighting of this object: seen, false positive or expired, with a count, a TLP and who it goes back to.
import { Button, Checkbox, Group, NumberInput, SegmentedControl, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { TLP2_DEFINITIONS, type Tlp2Level } from "../../../src/stix/markings/index.ts";
import type { SightingKind } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { KIND_LABELS } from "./sightings-chart.tsx";

const TLP_CHOICES: readonly Tlp2Level[] = ["clear", "green", "amber", "red"];
const BUTTONS: readonly { kind: SightingKind; label: string; color: string }[] = [
	{ kind: "seen", label: "Seen", color: "green" },
	{ kind: "false-positive", label: "False positive", color: "orange" },
	{ kind: "expired", label: "Expired", color: "gray" },
];

export function RecordSighting(props: { id: string }) {
	const { post, purpose } = useSession();
	const queryClient = useQueryClient();
	const [count, setCount] = useState<number>(1);
	const [tlp, setTlp] = useState<Tlp2Level>("amber");
	const [originatorOnly, setOriginatorOnly] = useState(true);
	const [busy, setBusy] = useState<SightingKind | undefined>(undefined);
	const [error, setError] = useState<unknown>(undefined);
	const [done, setDone] = useState<string | undefined>(undefined);

	async function record(kind: SightingKind): Promise<void> {
		setBusy(kind);
		setError(undefined);
		setDone(undefined);
		try {
			const answer = await post("/sightings", {
				sighting_of_ref: props.id,
				kind,
				count,
				object_marking_refs: [TLP2_DEFINITIONS[tlp].id],
				audience: originatorOnly ? "originator" : "markings",
				purpose,
			});
			setDone(`Recorded: ${KIND_LABELS[kind]} ×${count} (${answer.status}, ${answer.sighting.id})`);
			// Stored is shared: every answer may change (the sightings here, the objects list, the graph).
			await queryClient.invalidateQueries();
		} catch (caught) {
			setError(caught);
		} finally {
			setBusy(undefined);
		}
	}

	return (
		<Stack gap="xs" data-testid="record-sighting">
			<Text fw={600} size="sm">
				Record a sighting by your organisation
			</Text>
			<Group gap="md" align="end">
				<NumberInput
					label="Count"
					min={1}
					max={999_999_999}
					w={110}
					value={count}
					onChange={(value) => setCount(typeof value === "number" ? value : 1)}
					data-testid="sighting-count"
				/>
				<Stack gap={4}>
					<Text size="sm" fw={500}>
						TLP
					</Text>
					<SegmentedControl
						size="xs"
						value={tlp}
						onChange={(value) => setTlp(value as Tlp2Level)}
						data={TLP_CHOICES.map((level) => ({ value: level, label: level.toUpperCase() }))}
					/>
				</Stack>
				<Checkbox
					label="Only back to its originator"
					checked={originatorOnly}
					onChange={(event) => setOriginatorOnly(event.currentTarget.checked)}
				/>
			</Group>
			<Group gap="xs">
				{BUTTONS.map((button) => (
					<Button
						key={button.kind}
						color={button.color}
						variant={button.kind === "seen" ? "filled" : "light"}
						loading={busy === button.kind}
						disabled={busy !== undefined && busy !== button.kind}
						onClick={() => void record(button.kind)}
						data-testid={`record-${button.kind}`}
					>
						{button.label}
					</Button>
				))}
			</Group>
			{done === undefined ? null : (
				<Text size="sm" c="green.8" data-testid="sighting-recorded">
					{done}
				</Text>
			)}
			{error === undefined ? null : <ErrorAlert error={error} />}
		</Stack>
	);
}
