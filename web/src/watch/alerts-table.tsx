// The organisation's alerts, newest first: what arrived, which watched value it names, and a link to the object.
import { Badge, Button, Card, Group, Loader, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { ErrorAlert } from "../components/error-alert.tsx";
import { formatTime, shortId } from "../format.ts";
import { Link, objectHref } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";

export function AlertsTable(props: { canEdit: boolean }) {
	const { post, purpose } = useSession();
	const queryClient = useQueryClient();
	const alerts = useApiQuery("/alerts", { query: { purpose, limit: 100 } });
	const acknowledge = async (id: string) => {
		await post("/alerts/{id}/acknowledge", {}, { params: { id } });
		await queryClient.invalidateQueries({ queryKey: ["api", "/alerts"] });
	};
	return (
		<Card withBorder padding="sm">
			<Group justify="space-between" mb="xs">
				<Text fw={600} size="sm">
					Alerts
				</Text>
				<Button size="compact-xs" variant="light" onClick={() => void alerts.refetch()}>
					Refresh
				</Button>
			</Group>
			{alerts.isPending ? <Loader size="sm" aria-label="Loading the alerts" /> : null}
			{alerts.error === null ? null : (
				<ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} />
			)}
			{alerts.data === undefined ? null : alerts.data.alerts.length === 0 ? (
				<Text size="sm" c="dimmed" data-testid="alerts-empty">
					No alerts: nothing released to you names a value you watch.
				</Text>
			) : (
				<Table data-testid="alerts" verticalSpacing={4} highlightOnHover>
					<Table.Thead>
						<Table.Tr>
							<Table.Th>When</Table.Th>
							<Table.Th>Value</Table.Th>
							<Table.Th>Watched</Table.Th>
							<Table.Th>Object</Table.Th>
							<Table.Th w={120} />
						</Table.Tr>
					</Table.Thead>
					<Table.Tbody>
						{alerts.data.alerts.map((alert) => (
							<Table.Tr key={alert.id} data-testid="alert-row">
								<Table.Td>
									<Text size="xs" ff="monospace">
										{formatTime(alert.at)}
									</Text>
								</Table.Td>
								<Table.Td>
									<Text size="sm" ff="monospace">
										{alert.value}
									</Text>
								</Table.Td>
								<Table.Td>
									<Text size="xs" ff="monospace" c="dimmed">
										{alert.entry.value}
									</Text>
								</Table.Td>
								<Table.Td>
									<Link href={objectHref(alert.object.id)} size="sm">
										{alert.object.name ?? shortId(alert.object.id)}
									</Link>
									<Text size="xs" c="dimmed">
										{alert.object.type} · {alert.path}
									</Text>
								</Table.Td>
								<Table.Td style={{ whiteSpace: "nowrap" }}>
									{alert.acknowledgedAt !== null ? (
										<Badge size="sm" variant="light" color="gray">
											seen
										</Badge>
									) : props.canEdit ? (
										<Button size="compact-xs" variant="light" onClick={() => void acknowledge(alert.id)}>
											Acknowledge
										</Button>
									) : (
										<Badge size="sm" variant="light" color="orange">
											new
										</Badge>
									)}
								</Table.Td>
							</Table.Tr>
						))}
					</Table.Tbody>
				</Table>
			)}
		</Card>
	);
}
