// One quarantine item: why it is held, from whom, the held content beside the stored version, its history, and the
// admin's decision with a note.
import { Badge, Button, Card, Group, List, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../api/client.ts";
import type { QuarantineActionName } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { JsonView } from "../components/json-view.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { JsonDiff } from "./json-diff.tsx";
import { STATE_COLOURS } from "./quarantine-table.tsx";

const BUTTONS: readonly { action: QuarantineActionName; label: string; color: string }[] = [
	{ action: "accept", label: "Accept", color: "teal.9" },
	{ action: "reject", label: "Reject", color: "red.9" },
	{ action: "hold", label: "Keep held", color: "gray" },
];

export function QuarantineDetail(props: { id: number; onDecided: () => void; onClose: () => void }) {
	const { post } = useSession();
	const entry = useApiQuery("/quarantine/{id}", { params: { id: props.id } });
	const [note, setNote] = useState("");
	const [busy, setBusy] = useState<QuarantineActionName | undefined>();
	const [problem, setProblem] = useState<string | undefined>();

	const decide = async (action: QuarantineActionName) => {
		setBusy(action);
		setProblem(undefined);
		try {
			await post(`/quarantine/{id}/${action}`, note === "" ? {} : { note }, { params: { id: props.id } });
			setNote("");
			await entry.refetch();
			props.onDecided();
		} catch (error) {
			setProblem(error instanceof ApiError ? `${error.message} [${error.code}]` : String(error));
		} finally {
			setBusy(undefined);
		}
	};

	if (entry.error !== null) return <ErrorAlert error={entry.error} onRetry={() => void entry.refetch()} />;
	if (entry.data === undefined) return null;
	const { item, stored, held, raw, differing, actions } = entry.data;
	return (
		<Card
			withBorder
			padding="md"
			component="section"
			aria-labelledby="quarantine-detail-title"
			data-testid="quarantine-detail"
		>
			<Stack gap="sm">
				<Group justify="space-between">
					<Title order={3} size="h4" id="quarantine-detail-title">
						Item #{item.id}: {item.kind}
					</Title>
					<Group gap="xs">
						<Badge color={STATE_COLOURS[item.state]} autoContrast data-testid="quarantine-detail-state">
							{item.state}
						</Badge>
						<Button size="compact-xs" variant="subtle" onClick={props.onClose}>
							Close
						</Button>
					</Group>
				</Group>
				<Text size="sm" data-testid="quarantine-reason">
					{item.reason}
				</Text>
				<Text size="xs" c="gray.7">
					From {item.organizationId} ({item.source}), received {new Date(item.receivedAt).toLocaleString()}
					{item.objectId === "" ? "" : ` · ${item.objectId} ${item.version}`}
					{item.truncated ? ` · only the first ${item.bytes} bytes were kept` : ""}
				</Text>
				{raw !== undefined ? (
					<JsonView value={raw} label="Held text" />
				) : (
					<JsonDiff
						left={{
							title:
								stored === null
									? "Stored: nothing"
									: `Stored (${stored.version}, from ${stored.organizationId})`,
							value: stored === null ? null : stored.object,
						}}
						right={{ title: item.state === "rejected" ? "Held: dropped when rejected" : "Held", value: held }}
						differing={differing}
					/>
				)}
				{actions.length === 0 ? null : (
					<div>
						<Text size="sm" fw={600}>
							History
						</Text>
						<List size="xs" data-testid="quarantine-history">
							{actions.map((action) => (
								<List.Item key={`${action.at}-${action.action}`}>
									{new Date(action.at).toLocaleString()} — {action.by}: {action.action}
									{action.note === "" ? "" : ` (${action.note})`}
								</List.Item>
							))}
						</List>
					</div>
				)}
				{item.state !== "held" ? null : (
					<Stack gap="xs">
						<Textarea
							label="Note (kept with your decision)"
							value={note}
							onChange={(event) => setNote(event.currentTarget.value)}
							autosize
							minRows={1}
							maxLength={2000}
							data-testid="quarantine-note"
						/>
						{problem === undefined ? null : (
							<Text size="sm" c="red" role="alert" data-testid="quarantine-problem">
								{problem}
							</Text>
						)}
						<Group gap="xs">
							{BUTTONS.map((button) => (
								<Button
									key={button.action}
									size="xs"
									color={button.color}
									variant={button.action === "hold" ? "default" : "filled"}
									loading={busy === button.action}
									disabled={busy !== undefined && busy !== button.action}
									onClick={() => void decide(button.action)}
									data-testid={`quarantine-${button.action}`}
								>
									{button.label}
								</Button>
							))}
						</Group>
					</Stack>
				)}
			</Stack>
		</Card>
	);
}
