// "Who receives this": every party of the policy and what it would receive of this object for the purpose
// (GET /policy/preview), each row opening that party's explained decision. Nothing is shared from here.
import { ActionIcon, Badge, Group, Loader, Stack, Table, Text, Tooltip } from "@mantine/core";
import { Fragment, useEffect, useState } from "react";
import type { PreviewResult, Treatment } from "../api/types.ts";
import { VERDICTS } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { VerdictBadge } from "../components/verdict-badge.tsx";
import { words } from "../format.ts";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { PurposeSelect } from "../shell/purpose-select.tsx";
import { useResource } from "../use-resource.ts";
import { ExplainTrace } from "./explain-trace.tsx";

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

export function ReceiversPanel(props: { objectId: string }) {
	const { get, purpose, me, names } = useSession();
	const allowed = canReadPolicy(me);
	const preview = useResource(
		(signal) =>
			allowed
				? get<PreviewResult>("/policy/preview", { object: props.objectId, purpose }, signal)
				: Promise.resolve(undefined),
		[get, props.objectId, purpose, allowed],
	);
	const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
	useEffect(() => {
		for (const party of preview.data?.parties ?? []) names.remember(party.partyId, party.name);
	}, [preview.data, names]);

	if (!allowed) {
		return (
			<Text size="sm" c="dimmed">
				Previewing who receives an object needs the analyst role; yours is {me.user.role}.
			</Text>
		);
	}
	const parties = preview.data?.parties ?? [];
	const counts = VERDICTS.map(
		(verdict) => [verdict, parties.filter((p) => p.verdict === verdict).length] as const,
	);

	return (
		<Stack gap="sm">
			<Group justify="space-between" align="flex-end">
				<Stack gap={2}>
					<Text size="sm">
						What each party of the policy would receive of this object if it were shared now, decided by the
						same gate that guards every export, TAXII read and federation push.
					</Text>
					{preview.data === undefined ? null : (
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
					)}
				</Stack>
				<PurposeSelect label="For the purpose" />
			</Group>
			{preview.loading ? <Loader size="sm" aria-label="Loading the preview" /> : null}
			{preview.error === undefined ? null : <ErrorAlert error={preview.error} onRetry={preview.reload} />}
			{parties.length === 0 ? null : (
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
						</Table.Tr>
					</Table.Thead>
					<Table.Tbody>
						{parties.map((party) => {
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
									</Table.Tr>
									{open ? (
										<Table.Tr className="trace-row">
											<Table.Td />
											<Table.Td colSpan={4}>
												<ExplainTrace
													objectId={props.objectId}
													partyId={party.partyId}
													partyName={party.name}
												/>
											</Table.Td>
										</Table.Tr>
									) : null}
								</Fragment>
							);
						})}
					</Table.Tbody>
				</Table>
			)}
		</Stack>
	);
}
