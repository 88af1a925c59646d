// An object's sightings as released to you (GET /objects/{id}/sightings): the score and its words, a chart over
// time, who reported what, and the buttons to record one.
import { Badge, Group, Loader, Paper, RingProgress, Stack, Table, Text } from "@mantine/core";
import type { SightingsResult } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { IdentityName } from "../components/identity-name.tsx";
import { formatTime } from "../format.ts";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { RecordSighting } from "./record-sighting.tsx";
import { KIND_COLOURS, KIND_LABELS, SightingsChart } from "./sightings-chart.tsx";

/** The ring's colour by score: a stale or refuted object reads as such at a glance. */
function scoreColour(value: number, expired: boolean): string {
	if (expired) return "gray";
	return value >= 60 ? "green" : value >= 30 ? "yellow" : "red";
}

export function SightingsPanel(props: { id: string; canRecord: boolean }) {
	const { purpose } = useSession();
	const sightings = useApiQuery("/objects/{id}/sightings", { params: { id: props.id }, query: { purpose } });
	if (sightings.isPending) return <Loader size="sm" aria-label="Loading sightings" />;
	if (sightings.error !== null)
		return <ErrorAlert error={sightings.error} onRetry={() => void sightings.refetch()} />;
	return (
		<Stack gap="md" data-testid="sightings-panel">
			<SightingsSummary summary={sightings.data} />
			{props.canRecord ? <RecordSighting id={props.id} /> : null}
		</Stack>
	);
}

/**
 * Sightings as counted for a reader (an object's, or a value's over the objects naming it): the score in a ring with
 * its words, counts per kind, the chart over time and who reported what.
 */
export function SightingsSummary(props: { summary: Omit<SightingsResult, "id"> }) {
	const { score, explanation, timeline, organisations, kinds, truncated } = props.summary;
	const expired = score.status === "expired";
	return (
		<>
			<Group align="center" gap="lg" wrap="nowrap">
				<RingProgress
					size={96}
					thickness={9}
					sections={[{ value: score.value, color: scoreColour(score.value, expired) }]}
					label={
						<Text ta="center" fw={700} size="lg" data-testid="sightings-score">
							{score.value}
						</Text>
					}
				/>
				<Stack gap={4}>
					<Group gap="xs">
						<Badge color={scoreColour(score.value, expired)} variant="light" data-testid="sightings-status">
							{expired ? "expired" : "active"}
						</Badge>
						{(["seen", "false-positive", "expired"] as const).map((kind) => (
							<Badge
								key={kind}
								variant="dot"
								color={KIND_COLOURS[kind]}
								data-testid={`sightings-count-${kind}`}
							>
								{`${kinds[kind].count} ${KIND_LABELS[kind]}`}
							</Badge>
						))}
					</Group>
					<Text size="sm" data-testid="sightings-explanation">
						{explanation}
					</Text>
					<Text size="xs" c="dimmed">
						{`Half-life ${score.halfLife.days} days (${score.halfLife.of}). Only the sightings released to you count.`}
						{truncated ? " More are stored than one answer reads: the rest are not counted." : ""}
					</Text>
				</Stack>
			</Group>
			<Paper withBorder p="sm">
				<SightingsChart timeline={timeline} today={new Date()} />
			</Paper>
			{organisations.length === 0 ? null : (
				<Table data-testid="sightings-organisations" verticalSpacing={4}>
					<Table.Thead>
						<Table.Tr>
							<Table.Th>Sighted at</Table.Th>
							<Table.Th>Seen</Table.Th>
							<Table.Th>False positives</Table.Th>
							<Table.Th>Expired</Table.Th>
							<Table.Th>Latest report</Table.Th>
						</Table.Tr>
					</Table.Thead>
					<Table.Tbody>
						{organisations.map((organisation) => (
							<Table.Tr key={organisation.id} data-organisation={organisation.id}>
								<Table.Td>
									{organisation.name ??
										(organisation.id === "undisclosed" ? (
											"undisclosed"
										) : (
											<IdentityName id={organisation.id} />
										))}
								</Table.Td>
								<Table.Td>{organisation.counts.seen}</Table.Td>
								<Table.Td>{organisation.counts["false-positive"]}</Table.Td>
								<Table.Td>{organisation.counts.expired}</Table.Td>
								<Table.Td>
									<Text size="sm">
										{`${KIND_LABELS[organisation.latestKind]}, ${formatTime(organisation.last)}`}
									</Text>
								</Table.Td>
							</Table.Tr>
						))}
					</Table.Tbody>
				</Table>
			)}
		</>
	);
}
