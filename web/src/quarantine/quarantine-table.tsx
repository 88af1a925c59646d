// The quarantine's items as a table: kind, reason, sender, when, state; each row opens its detail from the keyboard.
import { Badge, Button, Card, Table, Text } from "@mantine/core";
import type { QuarantineItemView } from "../api/types.ts";

/** Badge colours whose text (black on orange, white on the dark ones) passes WCAG AA contrast. */
export const STATE_COLOURS = { held: "orange", accepted: "teal.9", rejected: "gray.8" } as const;

export function QuarantineTable(props: {
	items: readonly QuarantineItemView[];
	selected: number | undefined;
	onSelect: (id: number) => void;
}) {
	if (props.items.length === 0) {
		return (
			<Text size="sm" c="gray.7" data-testid="quarantine-empty">
				Nothing here.
			</Text>
		);
	}
	return (
		<Card withBorder padding="sm">
			<Table data-testid="quarantine-table" verticalSpacing={6} highlightOnHover>
				<Table.Thead>
					<Table.Tr>
						<Table.Th>Item</Table.Th>
						<Table.Th>Kind</Table.Th>
						<Table.Th>Reason</Table.Th>
						<Table.Th>From</Table.Th>
						<Table.Th>Received</Table.Th>
						<Table.Th>State</Table.Th>
					</Table.Tr>
				</Table.Thead>
				<Table.Tbody>
					{props.items.map((item) => (
						<Table.Tr
							key={item.id}
							data-testid="quarantine-row"
							{...(props.selected === item.id ? { bg: "blue.0" } : {})}
						>
							<Table.Td>
								<Button
									size="compact-xs"
									variant="light"
									onClick={() => props.onSelect(item.id)}
									aria-pressed={props.selected === item.id}
									aria-label={`Open item ${item.id}: ${item.kind} ${item.objectId}`}
									data-testid="quarantine-open"
								>
									#{item.id}
								</Button>
							</Table.Td>
							<Table.Td>
								<Text size="xs">{item.kind}</Text>
								<Text size="xs" c="gray.7" style={{ wordBreak: "break-all" }}>
									{item.objectId}
								</Text>
							</Table.Td>
							<Table.Td>
								<Text size="xs" lineClamp={3}>
									{item.reason}
								</Text>
							</Table.Td>
							<Table.Td>
								<Text size="xs" style={{ wordBreak: "break-all" }}>
									{item.organizationId}
								</Text>
								<Text size="xs" c="gray.7">
									{item.source}
								</Text>
							</Table.Td>
							<Table.Td>
								<Text size="xs">{new Date(item.receivedAt).toLocaleString()}</Text>
							</Table.Td>
							<Table.Td>
								<Badge
									size="sm"
									color={STATE_COLOURS[item.state]}
									autoContrast
									data-testid="quarantine-state-badge"
								>
									{item.state}
								</Badge>
							</Table.Td>
						</Table.Tr>
					))}
				</Table.Tbody>
			</Table>
		</Card>
	);
}
