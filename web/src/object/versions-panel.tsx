// Every version of the object released to you (GET /objects/{id}/versions), newest first, each openable as JSON.
import { Badge, Button, Collapse, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { Fragment, useState } from "react";
import { ErrorAlert } from "../components/error-alert.tsx";
import { JsonView } from "../components/json-view.tsx";
import { MarkingChips } from "../components/marking-chip.tsx";
import { formatTime, modifiedOf } from "../format.ts";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";

export function VersionsPanel(props: { id: string }) {
	const { purpose } = useSession();
	const versions = useApiQuery("/objects/{id}/versions", {
		params: { id: props.id },
		query: { purpose },
	});
	const [open, setOpen] = useState<string | undefined>(undefined);
	if (versions.isPending) return <Loader size="sm" aria-label="Loading versions" />;
	if (versions.error !== null)
		return <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />;
	const items = [...(versions.data?.items ?? [])].reverse();
	return (
		<Stack gap="xs">
			<Text size="sm" c="dimmed">
				{items.length} version(s) released to you. Older versions are judged under their own markings and the
				latest version's.
			</Text>
			<Table data-testid="versions" verticalSpacing={6}>
				<Table.Thead>
					<Table.Tr>
						<Table.Th>Modified</Table.Th>
						<Table.Th>Stored here</Table.Th>
						<Table.Th>Markings</Table.Th>
						<Table.Th />
					</Table.Tr>
				</Table.Thead>
				<Table.Tbody>
					{items.map((entry, index) => {
						const key = `${modifiedOf(entry.object) ?? ""}|${entry.dateAdded}`;
						return (
							<Fragment key={key}>
								<Table.Tr>
									<Table.Td>
										<Group gap={6}>
											<Text size="sm" ff="monospace">
												{formatTime(modifiedOf(entry.object))}
											</Text>
											{index === 0 ? (
												<Badge size="xs" variant="light">
													latest
												</Badge>
											) : null}
										</Group>
									</Table.Td>
									<Table.Td>
										<Text size="sm" ff="monospace" c="dimmed">
											{formatTime(entry.dateAdded)}
										</Text>
									</Table.Td>
									<Table.Td>
										<MarkingChips refs={entry.object.object_marking_refs} size="xs" />
									</Table.Td>
									<Table.Td>
										<Button
											size="compact-xs"
											variant="subtle"
											aria-expanded={open === key}
											onClick={() => setOpen(open === key ? undefined : key)}
										>
											{open === key ? "Hide JSON" : "Show JSON"}
										</Button>
									</Table.Td>
								</Table.Tr>
								<Table.Tr>
									<Table.Td colSpan={4} p={0} style={{ borderBottom: open === key ? undefined : "none" }}>
										<Collapse expanded={open === key}>
											<div style={{ padding: 8 }}>
												{open === key ? <JsonView value={entry.object} /> : null}
											</div>
										</Collapse>
									</Table.Td>
								</Table.Tr>
							</Fragment>
						);
					})}
				</Table.Tbody>
			</Table>
		</Stack>
	);
}
