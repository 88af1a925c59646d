// What a policy change does to each party: objects released before → after, gained and lost, with examples (links
// to the objects) and the rule that decides each.
import { Badge, Button, List, Table, Text } from "@mantine/core";
import { Fragment, useState } from "react";
import { Link, objectHref } from "../router.tsx";
import type { ImpactExample, ImpactResult, PartyImpact } from "./policy-api.ts";

/** Parties whose reception changes first, the most changed first; then the rest by name. */
function ordered(parties: readonly PartyImpact[]): PartyImpact[] {
	return [...parties].sort((a, b) => b.gained + b.lost - (a.gained + a.lost) || a.name.localeCompare(b.name));
}

/** Counts in words for the confirmation: "3 parties change: 120 objects gained, 4 lost, counted per party (…)". */
export function impactSummary(result: ImpactResult): string {
	const stored = `${result.objects.toLocaleString()} objects stored`;
	const changed = result.parties.filter((party) => party.gained + party.lost > 0);
	if (changed.length === 0) return `No party gains or loses any object (${stored}).`;
	const gained = changed.reduce((sum, party) => sum + party.gained, 0).toLocaleString();
	const lost = changed.reduce((sum, party) => sum + party.lost, 0).toLocaleString();
	return changed.length === 1
		? `1 party changes: ${gained} objects gained, ${lost} lost (${stored}).`
		: `${changed.length} parties change: ${gained} objects gained, ${lost} lost, counted per party (${stored}).`;
}

function Examples(props: { title: string; examples: readonly ImpactExample[] }) {
	if (props.examples.length === 0) return null;
	return (
		<div>
			<Text size="xs" fw={600}>
				{props.title}
			</Text>
			<List size="xs" spacing={2}>
				{props.examples.map((example) => (
					<List.Item key={example.id}>
						<Link href={objectHref(example.id)} size="xs">
							{example.name ?? example.id}
						</Link>{" "}
						<Text span size="xs" c="dimmed">
							({example.type}) — {example.rule}
							{example.reason === undefined ? "" : `: ${example.reason}`}
						</Text>
					</List.Item>
				))}
			</List>
		</div>
	);
}

function PartyRow(props: { party: PartyImpact }) {
	const { party } = props;
	const [open, setOpen] = useState(false);
	const hasExamples = party.gainedExamples.length + party.lostExamples.length > 0;
	const detailsId = `impact-examples-${party.id}`;
	return (
		<Fragment>
			<Table.Tr data-testid="impact-party" data-party={party.id}>
				<Table.Td>
					<Text size="sm">{party.name}</Text>
				</Table.Td>
				<Table.Td ta="right" ff="monospace">
					{party.before.toLocaleString()} → {party.after.toLocaleString()}
				</Table.Td>
				<Table.Td ta="right">
					{party.gained === 0 ? (
						<Text span size="sm" c="dimmed">
							0
						</Text>
					) : (
						<Badge color="green" variant="light" data-testid="impact-gained">
							+{party.gained.toLocaleString()}
						</Badge>
					)}
				</Table.Td>
				<Table.Td ta="right">
					{party.lost === 0 ? (
						<Text span size="sm" c="dimmed">
							0
						</Text>
					) : (
						<Badge color="red" variant="light" data-testid="impact-lost">
							−{party.lost.toLocaleString()}
						</Badge>
					)}
				</Table.Td>
				<Table.Td>
					{hasExamples ? (
						<Button
							size="compact-xs"
							variant="subtle"
							aria-expanded={open}
							aria-controls={detailsId}
							onClick={() => setOpen(!open)}
						>
							{open ? "Hide examples" : "Examples"}
							<span className="visually-hidden"> for {party.name}</span>
						</Button>
					) : null}
				</Table.Td>
			</Table.Tr>
			{open ? (
				<Table.Tr id={detailsId}>
					<Table.Td colSpan={5}>
						<Examples title="Gained, and the rule that now releases each" examples={party.gainedExamples} />
						<Examples title="Lost, and the rule that now withholds each" examples={party.lostExamples} />
					</Table.Td>
				</Table.Tr>
			) : null}
		</Fragment>
	);
}

export function ImpactTable(props: { result: ImpactResult }) {
	return (
		<Table data-testid="impact-table" verticalSpacing={4} striped>
			<Table.Caption>
				Against version {props.result.baseVersion}, over {props.result.objects.toLocaleString()} stored
				objects
			</Table.Caption>
			<Table.Thead>
				<Table.Tr>
					<Table.Th>Party</Table.Th>
					<Table.Th ta="right">Released before → after</Table.Th>
					<Table.Th ta="right">Gained</Table.Th>
					<Table.Th ta="right">Lost</Table.Th>
					<Table.Th>
						<span className="visually-hidden">Examples</span>
					</Table.Th>
				</Table.Tr>
			</Table.Thead>
			<Table.Tbody>
				{ordered(props.result.parties).map((party) => (
					<PartyRow key={party.id} party={party} />
				))}
			</Table.Tbody>
		</Table>
	);
}
