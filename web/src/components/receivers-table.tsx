// Every party of the policy and what it would receive: verdict, treatments, the deciding rule, and (when known) the
// copy the gate would send; each row opens that party's decision step by step. Used for stored objects and drafts.
import { ActionIcon, Badge, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import { Fragment, type ReactNode, useState } from "react";
import type { PartyCopy, PartyPreview, Treatment } from "../api/types.ts";
import { VERDICTS } from "../api/types.ts";
import { words } from "../format.ts";
import { VerdictBadge } from "./verdict-badge.tsx";

function TreatmentList(props: { treatments: Treatment[] }) {
	if (props.treatments.length === 0) {
		return (
			<Text size="xs" c="dimmed">
				none
			</Text>
		);
	}
	return (
		<Stack gap={2}>
			{props.treatments.map((treatment) => (
				<Text size="xs" key={`${treatment.treatment}:${treatment.objectType}:${treatment.because}`}>
					<b>{words(treatment.treatment)}</b> {treatment.objectType}
					<Text span size="xs" c="dimmed">
						{" "}
						[{treatment.because}]
					</Text>
				</Text>
			))}
		</Stack>
	);
}

const COPY_LOOKS: Readonly<Record<PartyCopy["outcome"], { color: string; label: string; meaning: string }>> =
	{
		"as-written": { color: "green", label: "as written", meaning: "the object exactly as you wrote it" },
		changed: {
			color: "orange",
			label: "changed",
			meaning: "a changed copy: transformed values, fewer references, a rewritten pattern or added markings",
		},
		withheld: { color: "gray", label: "nothing", meaning: "nothing: the gate withholds it" },
	};

/** What the gate would send the party, and which properties of the copy differ from what was written. */
export function CopyCell(props: { copy: PartyCopy | undefined }) {
	if (props.copy === undefined) return null;
	const look = COPY_LOOKS[props.copy.outcome];
	return (
		<Stack gap={2} data-copy={props.copy.outcome}>
			<Tooltip label={look.meaning} withArrow openDelay={300}>
				<Badge color={look.color} variant="light" radius="sm" tt="none" w="fit-content">
					{look.label}
				</Badge>
			</Tooltip>
			{props.copy.outcome === "changed" ? (
				<Text size="xs" c="dimmed" ff="monospace">
					{props.copy.changed.join(", ")}
				</Text>
			) : null}
		</Stack>
	);
}

/** How many parties get each verdict (verdicts nobody gets are left out). */
export function VerdictSummary(props: { parties: readonly PartyPreview[] }) {
	const counts = VERDICTS.map(
		(verdict) => [verdict, props.parties.filter((p) => p.verdict === verdict).length] as const,
	);
	return (
		<Group gap={6} data-testid="verdict-summary">
			{counts
				.filter(([, count]) => count > 0)
				.map(([verdict, count]) => (
					<Group key={verdict} gap={4}>
						<Text size="sm" fw={600}>
							{count}
						</Text>
						<VerdictBadge verdict={verdict} />
					</Group>
				))}
		</Group>
	);
}

/**
 * The parties' table. `trace` renders a party's decision when its row is opened (loaded on demand for stored
 * objects, given whole for drafts); `copies`, when given, adds what each party would be sent.
 */
export function ReceiversTable(props: {
	parties: readonly PartyPreview[];
	trace: (party: PartyPreview) => ReactNode;
	copies?: Readonly<Record<string, PartyCopy>>;
}) {
	const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
	const { copies } = props;
	const columns = copies === undefined ? 5 : 6;
	return (
		<Table data-testid="receivers" verticalSpacing={8} highlightOnHover>
			<Table.Thead>
				<Table.Tr>
					<Table.Th w={40}>
						<span className="visually-hidden">Explain</span>
					</Table.Th>
					<Table.Th>Party</Table.Th>
					<Table.Th w={150}>Verdict</Table.Th>
					<Table.Th>Treatments</Table.Th>
					<Table.Th>Deciding rule</Table.Th>
					{copies === undefined ? null : <Table.Th w={170}>Would be sent</Table.Th>}
				</Table.Tr>
			</Table.Thead>
			<Table.Tbody>
				{props.parties.map((party) => {
					const open = expanded.has(party.partyId);
					const toggle = () => {
						const next = new Set(expanded);
						if (open) next.delete(party.partyId);
						else next.add(party.partyId);
						setExpanded(next);
					};
					return (
						<Fragment key={party.partyId}>
							<Table.Tr data-party-id={party.partyId} data-testid="receiver-row">
								<Table.Td>
									<Tooltip label={open ? "Hide the decision" : "Explain the decision step by step"}>
										<ActionIcon
											variant="subtle"
											onClick={toggle}
											aria-expanded={open}
											aria-label={`${open ? "Hide" : "Explain"} the decision for ${party.name}`}
											data-testid="explain-toggle"
										>
											<span aria-hidden="true" className={open ? "chevron open" : "chevron"}>
												›
											</span>
										</ActionIcon>
									</Tooltip>
								</Table.Td>
								<Table.Td>
									<Text size="sm" fw={500}>
										{party.name}
									</Text>
									<Group gap={4}>
										<Text size="xs" c="dimmed" ff="monospace">
											{party.node}
										</Text>
										{party.local ? (
											<Badge size="xs" variant="outline" color="gray">
												this node
											</Badge>
										) : null}
									</Group>
								</Table.Td>
								<Table.Td>
									<VerdictBadge verdict={party.verdict} />
								</Table.Td>
								<Table.Td>
									<TreatmentList treatments={party.treatments} />
								</Table.Td>
								<Table.Td>
									<Text size="xs" ff="monospace" fw={600}>
										{party.decidingRule}
									</Text>
									<Text size="xs" c="dimmed">
										{party.reason}
									</Text>
								</Table.Td>
								{copies === undefined ? null : (
									<Table.Td>
										<CopyCell copy={copies[party.partyId]} />
									</Table.Td>
								)}
							</Table.Tr>
							{open ? (
								<Table.Tr className="trace-row">
									<Table.Td />
									<Table.Td colSpan={columns - 1}>{props.trace(party)}</Table.Td>
								</Table.Tr>
							) : null}
						</Fragment>
					);
				})}
			</Table.Tbody>
		</Table>
	);
}
