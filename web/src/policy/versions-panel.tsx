// Every applied version of the policy: who applied it when, any two side by side, and (admins) one-click rollback,
// which applies an old version's text as a new version after the same impact preview and confirmation as an edit.
import { Alert, Button, Card, Group, Select, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import type { PolicyVersionInfo } from "../api/types.ts";
import { formatTime } from "../format.ts";
import { hrefOf, Link } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { ApplyDialog } from "./apply-dialog.tsx";
import { DiffTable } from "./diff-table.tsx";
import { ImpactRun } from "./impact-run.tsx";
import { ImpactTable, impactSummary } from "./impact-table.tsx";
import { type CurrentVersion, type ImpactResult, rollbackPolicy } from "./policy-api.ts";
import { usePolicyRefresh } from "./policy-editor.tsx";
import { canApplyPolicy, roleNote } from "./policy-roles.ts";

function RollbackDialog(props: {
	version: number;
	latest: number;
	onClose: () => void;
	onDone: (message: string) => void;
}) {
	const { token } = useSession();
	const refresh = usePolicyRefresh();
	const old = useApiQuery("/policy", { query: { version: props.version } });
	const [result, setResult] = useState<ImpactResult | undefined>(undefined);
	const [conflict, setConflict] = useState<CurrentVersion | undefined>(undefined);
	return (
		<ApplyDialog
			opened
			title={`Roll back to version ${props.version}?`}
			ready={result !== undefined}
			confirmLabel={`Apply version ${props.version}'s text as version ${props.latest + 1}`}
			perform={(confirmCutOff) =>
				rollbackPolicy(token, { version: props.version, baseVersion: props.latest, confirmCutOff })
			}
			onApplied={(applied) => {
				props.onDone(
					`Rolled back: version ${props.version}'s text is in force as version ${applied.version}.`,
				);
				void refresh();
			}}
			onConflict={(current) => {
				setConflict(current);
				void refresh();
			}}
			onClose={props.onClose}
		>
			<Text size="sm">
				Version {props.version}'s text becomes version {props.latest + 1}; version {props.latest} stays in the
				list.
			</Text>
			{conflict === undefined ? null : (
				<Alert color="orange" role="alert" data-testid="rollback-conflict">
					{conflict.appliedBy} applied version {conflict.version} at {formatTime(conflict.appliedAt)}{" "}
					meanwhile: close this dialog and look at it before rolling back.
				</Alert>
			)}
			{old.data === undefined ? null : (
				<ImpactRun
					text={old.data.text}
					enabled
					onDone={(_, done) => setResult(done)}
					label="Preview the rollback's impact"
				/>
			)}
			{result === undefined ? (
				<Text size="xs" c="dimmed">
					Preview the impact before confirming.
				</Text>
			) : (
				<>
					<Text size="sm" fw={600}>
						{impactSummary(result)}
					</Text>
					<ImpactTable result={result} />
				</>
			)}
		</ApplyDialog>
	);
}

function VersionRow(props: {
	item: PolicyVersionInfo;
	latest: number;
	onRollback: (version: number) => void;
	mayApply: boolean;
}) {
	const { item, latest } = props;
	return (
		<Table.Tr>
			<Table.Td>
				<Link
					href={hrefOf(
						item.version === latest ? { name: "policy" } : { name: "policy", version: item.version },
					)}
					size="sm"
				>
					v{item.version}
				</Link>
			</Table.Td>
			<Table.Td>
				<Text size="xs" ff="monospace">
					{formatTime(item.appliedAt)}
				</Text>
			</Table.Td>
			<Table.Td>
				<Text size="xs">{item.appliedBy}</Text>
			</Table.Td>
			<Table.Td>
				{item.version === latest ? (
					<Text size="xs" c="dimmed">
						in force
					</Text>
				) : (
					<Button
						size="compact-xs"
						variant="light"
						disabled={!props.mayApply}
						onClick={() => props.onRollback(item.version)}
						data-testid={`rollback-${item.version}`}
					>
						Roll back to v{item.version}
					</Button>
				)}
			</Table.Td>
		</Table.Tr>
	);
}

export function VersionsPanel() {
	const { me } = useSession();
	const versions = useApiQuery("/policy/versions");
	const items = versions.data?.items ?? [];
	const latest = items.at(-1)?.version ?? 0;
	const [pair, setPair] = useState<{ from?: number; to?: number }>({});
	const [rollback, setRollback] = useState<number | undefined>(undefined);
	const [notice, setNotice] = useState<string | undefined>(undefined);
	const from = pair.from ?? Math.max(1, latest - 1);
	const to = pair.to ?? latest;
	const choices = items.map((item) => ({ value: String(item.version), label: `Version ${item.version}` }));
	const mayApply = canApplyPolicy(me);
	return (
		<Stack gap="md">
			{notice === undefined ? null : (
				<Alert
					color="green"
					role="status"
					data-testid="rollback-notice"
					withCloseButton
					onClose={() => setNotice(undefined)}
				>
					{notice}
				</Alert>
			)}
			<Card withBorder padding="sm">
				<Table data-testid="policy-versions" verticalSpacing={4}>
					<Table.Thead>
						<Table.Tr>
							<Table.Th>Version</Table.Th>
							<Table.Th>Applied</Table.Th>
							<Table.Th>By</Table.Th>
							<Table.Th>Rollback</Table.Th>
						</Table.Tr>
					</Table.Thead>
					<Table.Tbody>
						{[...items].reverse().map((item) => (
							<VersionRow
								key={item.version}
								item={item}
								latest={latest}
								mayApply={mayApply}
								onRollback={setRollback}
							/>
						))}
					</Table.Tbody>
				</Table>
				{mayApply ? null : (
					<Text size="xs" c="dimmed">
						{roleNote(me)}
					</Text>
				)}
			</Card>
			{items.length < 2 ? (
				<Text size="sm" c="dimmed">
					One version so far: apply a change to compare two.
				</Text>
			) : (
				<Stack gap="xs">
					<Group gap="sm" align="flex-end">
						<Select
							label="Compare"
							data={choices}
							value={String(from)}
							onChange={(value) => setPair({ from: Number(value), to })}
							allowDeselect={false}
							data-testid="diff-from"
							w={160}
						/>
						<Select
							label="with"
							data={choices}
							value={String(to)}
							onChange={(value) => setPair({ from, to: Number(value) })}
							allowDeselect={false}
							data-testid="diff-to"
							w={160}
						/>
					</Group>
					<DiffTable from={from} to={to} />
				</Stack>
			)}
			{rollback === undefined ? null : (
				<RollbackDialog
					version={rollback}
					latest={latest}
					onClose={() => setRollback(undefined)}
					onDone={(message) => {
						setRollback(undefined);
						setNotice(message);
						setPair({});
					}}
				/>
			)}
		</Stack>
	);
}
