// The feeds with their last pull (D55): outcome, objects written, lines skipped with the first messages; admins
// pull one now or remove it.
import { Badge, Button, Card, Group, List, Table, Text } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../api/client.ts";
import type { FeedView } from "../api/types.ts";
import { useSession } from "../session-context.tsx";

const OUTCOME_COLOURS = { updated: "green", unchanged: "gray", failed: "red" } as const;

export function FeedsTable(props: {
	feeds: readonly FeedView[];
	canEdit: boolean;
	onChanged: () => Promise<unknown>;
}) {
	const { post } = useSession();
	const [busy, setBusy] = useState<string | undefined>();
	const [problem, setProblem] = useState<string | undefined>();

	const act = async (id: string, action: "pull" | "remove") => {
		setBusy(`${action}:${id}`);
		setProblem(undefined);
		try {
			if (action === "pull") await post("/feeds/{id}/pull", {}, { params: { id } });
			else await post("/feeds/{id}/remove", {}, { params: { id } });
			await props.onChanged();
		} catch (error) {
			setProblem(error instanceof ApiError ? `${error.message} [${error.code}]` : String(error));
		} finally {
			setBusy(undefined);
		}
	};

	if (props.feeds.length === 0) {
		return (
			<Text size="sm" c="dimmed" data-testid="feeds-empty">
				No feeds yet.
			</Text>
		);
	}
	return (
		<Card withBorder padding="sm">
			{problem === undefined ? null : (
				<Text size="sm" c="red" mb="xs" role="alert">
					{problem}
				</Text>
			)}
			<Table data-testid="feeds-table" verticalSpacing={6}>
				<Table.Thead>
					<Table.Tr>
						<Table.Th>Feed</Table.Th>
						<Table.Th>Last pull</Table.Th>
						<Table.Th>Objects</Table.Th>
						{props.canEdit ? <Table.Th /> : null}
					</Table.Tr>
				</Table.Thead>
				<Table.Tbody>
					{props.feeds.map((feed) => (
						<Table.Tr key={feed.id} data-testid="feed-row">
							<Table.Td>
								<Text size="sm" fw={600}>
									{feed.name}
								</Text>
								<Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
									{feed.format} ·{" "}
									{feed.intervalSeconds === 0 ? "on demand" : `every ${feed.intervalSeconds} s`} · {feed.url}
								</Text>
							</Table.Td>
							<Table.Td>
								<PullStatus feed={feed} />
							</Table.Td>
							<Table.Td>
								{feed.status === undefined ? null : (
									<Text size="xs" data-testid="feed-counts">
										{feed.status.added} added, {feed.status.updated} updated, {feed.status.revoked} expired,{" "}
										{feed.status.unchanged ?? 0} unchanged, {feed.status.refused ?? 0} refused
										<br />
										{feed.status.values} values read, {feed.status.skipped} skipped
									</Text>
								)}
							</Table.Td>
							{props.canEdit ? (
								<Table.Td>
									<Group gap={4} wrap="nowrap">
										<Button
											size="xs"
											variant="light"
											loading={busy === `pull:${feed.id}`}
											onClick={() => void act(feed.id, "pull")}
											data-testid="feed-pull"
										>
											Pull now
										</Button>
										<Button
											size="xs"
											variant="subtle"
											color="red"
											loading={busy === `remove:${feed.id}`}
											onClick={() => void act(feed.id, "remove")}
										>
											Remove
										</Button>
									</Group>
								</Table.Td>
							) : null}
						</Table.Tr>
					))}
				</Table.Tbody>
			</Table>
		</Card>
	);
}

function PullStatus(props: { feed: FeedView }) {
	const { status } = props.feed;
	if (status === undefined) {
		return (
			<Text size="xs" c="dimmed">
				never pulled
			</Text>
		);
	}
	return (
		<div>
			<Group gap={6}>
				<Badge size="sm" color={OUTCOME_COLOURS[status.outcome]} data-testid="feed-outcome">
					{status.outcome}
				</Badge>
				<Text size="xs">{new Date(status.lastPullAt).toLocaleString()}</Text>
			</Group>
			{status.error === undefined ? null : (
				<Text size="xs" c="red" data-testid="feed-error">
					{status.error}
				</Text>
			)}
			{status.problems.length === 0 ? null : (
				<List size="xs" c="dimmed" data-testid="feed-problems">
					{status.problems.slice(0, 5).map((problem) => (
						<List.Item key={problem}>{problem}</List.Item>
					))}
				</List>
			)}
			{status.nextPullAt === undefined ? null : (
				<Text size="xs" c="dimmed">
					next {new Date(status.nextPullAt).toLocaleString()}
				</Text>
			)}
		</div>
	);
}
