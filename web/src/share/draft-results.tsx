// A preview's answer, object by object: what publishing would do with it, and every party's verdict and copy.
import { Alert, Badge, Card, Code, Group, Stack, Text } from "@mantine/core";
import type { DraftObject, DraftPreview, PartyPreview, StixObject } from "../api/types.ts";
import { DecisionTrace } from "../components/decision-trace.tsx";
import { JsonView } from "../components/json-view.tsx";
import { ReceiversTable, VerdictSummary } from "../components/receivers-table.tsx";
import { shortId } from "../format.ts";

const OUTCOME_LOOKS: Readonly<Record<DraftObject["outcome"], { color: string; label: string }>> = {
	new: { color: "blue", label: "new: publishing stores it" },
	duplicate: { color: "gray", label: "already stored: publishing changes nothing" },
	quarantined: { color: "red", label: "conflict: publishing sets it aside" },
};

/** The gate's own reasons for a changed copy (`x_entente_derivation.rules`), e.g. a rewritten pattern. */
function derivationRules(copy: StixObject): string[] {
	const derivation = copy.x_entente_derivation as
		| { rules?: { treatment?: unknown; because?: unknown }[] }
		| undefined;
	return (derivation?.rules ?? []).map((rule) => `${String(rule.treatment)}: ${String(rule.because)}`);
}

function PartyDetail(props: { object: DraftObject; party: PartyPreview; purpose: string }) {
	const decision = props.object.decisions[props.party.partyId];
	const copy = props.object.copies[props.party.partyId];
	return (
		<Stack gap="sm">
			{decision === undefined ? null : (
				<DecisionTrace
					decision={decision}
					partyId={props.party.partyId}
					partyName={props.party.name}
					purpose={props.purpose}
				/>
			)}
			{copy?.outcome === "changed" ? (
				<Stack gap={4}>
					<Text size="sm">
						What {props.party.name} would be sent (differs in <Code>{copy.changed.join(", ")}</Code>):
					</Text>
					{derivationRules(copy.object).map((rule) => (
						<Text key={rule} size="sm" c="orange.8" data-testid="derivation-rule">
							{rule}
						</Text>
					))}
					<JsonView value={copy.object} label={`the copy for ${props.party.name}`} />
				</Stack>
			) : null}
		</Stack>
	);
}

function DraftObjectCard(props: { object: DraftObject; purpose: string }) {
	const { object } = props;
	const look = OUTCOME_LOOKS[object.outcome];
	return (
		<Card withBorder padding="md" data-testid="draft-object" data-object-id={object.id}>
			<Stack gap="sm">
				<Group justify="space-between" align="flex-start">
					<Stack gap={2}>
						<Group gap="xs">
							<Badge variant="light" color="gray" tt="none" radius="sm">
								{object.type}
							</Badge>
							<Text fw={600}>{object.name ?? shortId(object.id)}</Text>
							<Badge variant="outline" color={look.color} tt="none" radius="sm" data-outcome={object.outcome}>
								{look.label}
							</Badge>
						</Group>
						<Text size="xs" c="dimmed" ff="monospace">
							{object.id}
						</Text>
					</Stack>
					<VerdictSummary parties={object.parties} />
				</Group>
				{object.reason === undefined ? null : (
					<Text size="sm" c={object.outcome === "quarantined" ? "red" : "dimmed"}>
						{object.reason}
					</Text>
				)}
				{object.flags.includes("unknown-marking") ? (
					<Alert color="red" variant="light" title="Never released: a marking this node does not understand">
						Every party is denied, your own organisation's other nodes too. Use the node's TLP, PAP or IEP
						markings, or include the marking definition in the bundle if it is a statement.
					</Alert>
				) : null}
				{object.parties.length === 0 ? (
					<Text size="sm" c="dimmed">
						No sharing policy is applied: nothing would leave this node; only its own organisations see it.
					</Text>
				) : (
					<ReceiversTable
						parties={object.parties}
						copies={object.copies}
						trace={(party) => <PartyDetail object={object} party={party} purpose={props.purpose} />}
					/>
				)}
			</Stack>
		</Card>
	);
}

export function DraftResults(props: { preview: DraftPreview }) {
	return (
		<Stack gap="md" data-testid="draft-results">
			<Text size="sm" c="dimmed" data-testid="draft-note">
				{props.preview.note}
			</Text>
			{props.preview.objects.map((object) => (
				<DraftObjectCard
					key={`${object.index}:${object.id}`}
					object={object}
					purpose={props.preview.purpose}
				/>
			))}
		</Stack>
	);
}
