// The watched values: a form that adds one (the node normalises it, or says what is wrong) and the list.
import { Button, Card, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";

/** The kinds offered first; any other observable kind is read from the value's shape. */
const KINDS = [
	{ value: "", label: "detect from the value" },
	{ value: "ipv4", label: "IPv4 address or block" },
	{ value: "ipv6", label: "IPv6 address or block" },
	{ value: "asn", label: "AS number" },
	{ value: "domain", label: "domain (and sub-domains)" },
	{ value: "url", label: "URL" },
	{ value: "email", label: "e-mail address" },
];

export function EntriesEditor(props: { canEdit: boolean }) {
	const { post } = useSession();
	const queryClient = useQueryClient();
	const entries = useApiQuery("/watchlist");
	const [kind, setKind] = useState("");
	const [value, setValue] = useState("");
	const [label, setLabel] = useState("");
	const [problem, setProblem] = useState<string | undefined>();
	const [busy, setBusy] = useState(false);

	const refresh = () => queryClient.invalidateQueries({ queryKey: ["api", "/watchlist"] });
	const add = async (event: FormEvent) => {
		event.preventDefault();
		setBusy(true);
		setProblem(undefined);
		try {
			await post("/watchlist", {
				value,
				...(kind === "" ? {} : { kind }),
				...(label === "" ? {} : { label }),
			});
			setValue("");
			setLabel("");
			await refresh();
		} catch (error) {
			setProblem(error instanceof ApiError ? error.message : String(error));
		} finally {
			setBusy(false);
		}
	};
	const remove = async (id: string) => {
		await post("/watchlist/{id}/remove", {}, { params: { id } });
		await refresh();
	};

	return (
		<Card withBorder padding="sm">
			<Text fw={600} size="sm" mb="xs">
				Watched values{" "}
				{entries.data === undefined ? "" : `(${entries.data.entries.length} of ${entries.data.limit})`}
			</Text>
			{props.canEdit ? (
				<form onSubmit={(event) => void add(event)} data-testid="watch-form">
					<Stack gap="xs" mb="sm">
						<Group gap="xs" align="flex-start" grow>
							<Select
								label="Kind"
								data={KINDS}
								value={kind}
								onChange={(next) => setKind(next ?? "")}
								allowDeselect={false}
							/>
							<TextInput
								label="Value"
								placeholder="198.51.100.0/24, AS64496, example.org"
								value={value}
								onChange={(event) => setValue(event.currentTarget.value)}
								error={problem}
								required
								data-testid="watch-value"
							/>
						</Group>
						<Group gap="xs" align="flex-end" grow>
							<TextInput
								label="Label"
								placeholder="why you watch it"
								value={label}
								onChange={(event) => setLabel(event.currentTarget.value)}
							/>
							<Button type="submit" loading={busy} disabled={value.trim() === ""} data-testid="watch-add">
								Watch
							</Button>
						</Group>
					</Stack>
				</form>
			) : null}
			{entries.error === null ? null : (
				<ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
			)}
			{entries.data === undefined ? null : entries.data.entries.length === 0 ? (
				<Text size="sm" c="dimmed">
					Nothing watched yet.
				</Text>
			) : (
				<Table data-testid="watch-entries" verticalSpacing={4}>
					<Table.Thead>
						<Table.Tr>
							<Table.Th>Kind</Table.Th>
							<Table.Th>Value</Table.Th>
							<Table.Th>Label</Table.Th>
							<Table.Th />
						</Table.Tr>
					</Table.Thead>
					<Table.Tbody>
						{entries.data.entries.map((entry) => (
							<Table.Tr key={entry.id}>
								<Table.Td>
									<Text size="xs">{entry.kind}</Text>
								</Table.Td>
								<Table.Td>
									<Text size="sm" ff="monospace">
										{entry.value}
									</Text>
								</Table.Td>
								<Table.Td>
									<Text size="xs" c="dimmed">
										{entry.label}
									</Text>
								</Table.Td>
								<Table.Td>
									{props.canEdit ? (
										<Button
											size="compact-xs"
											variant="subtle"
											color="red"
											onClick={() => void remove(entry.id)}
										>
											Remove
										</Button>
									) : null}
								</Table.Td>
							</Table.Tr>
						))}
					</Table.Tbody>
				</Table>
			)}
		</Card>
	);
}
