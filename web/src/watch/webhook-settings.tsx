// The organisation's webhook: where alerts are posted, the signing secret shown once when set, a test, the log.
import {
	Alert,
	Badge,
	Button,
	Card,
	Code,
	CopyButton,
	Group,
	Stack,
	Table,
	Text,
	TextInput,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client.ts";
import type { WebhookSet, WebhookTested } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { formatTime, shortId } from "../format.ts";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";

export function WebhookSettings(props: { canEdit: boolean }) {
	const { post } = useSession();
	const queryClient = useQueryClient();
	const webhook = useApiQuery("/webhook");
	const [url, setUrl] = useState("");
	const [problem, setProblem] = useState<string | undefined>();
	const [set, setSet] = useState<WebhookSet | undefined>();
	const [tested, setTested] = useState<WebhookTested | undefined>();
	const refresh = () => queryClient.invalidateQueries({ queryKey: ["api", "/webhook"] });

	const save = async (event: FormEvent) => {
		event.preventDefault();
		setProblem(undefined);
		try {
			setSet(await post("/webhook", { url }));
			setUrl("");
			await refresh();
		} catch (error) {
			setProblem(error instanceof ApiError ? error.message : String(error));
		}
	};
	const test = async () => setTested(await post("/webhook/test", {}));
	const remove = async () => {
		await post("/webhook/remove", {});
		setSet(undefined);
		setTested(undefined);
		await refresh();
	};

	const current = webhook.data?.webhook;
	return (
		<Card withBorder padding="sm">
			<Text fw={600} size="sm" mb="xs">
				Webhook
			</Text>
			{webhook.error === null ? null : (
				<ErrorAlert error={webhook.error} onRetry={() => void webhook.refetch()} />
			)}
			<Stack gap="xs">
				<Text size="sm" data-testid="webhook-url">
					{current === undefined || current === null ? (
						<Text span c="dimmed">
							No webhook: alerts are only listed here.
						</Text>
					) : (
						<>
							Alerts are posted to <Code>{current.url}</Code>
						</>
					)}
				</Text>
				{set === undefined ? null : (
					<Alert
						color="yellow"
						variant="light"
						title="Signing secret — shown this once"
						data-testid="webhook-secret"
					>
						<Group gap="xs" wrap="nowrap">
							<Code>{set.secret}</Code>
							<CopyButton value={set.secret}>
								{({ copied, copy }) => (
									<Button size="compact-xs" variant="light" onClick={copy}>
										{copied ? "Copied" : "Copy"}
									</Button>
								)}
							</CopyButton>
						</Group>
						<Text size="xs" mt={4}>
							Check <Code>X-Entente-Signature: t=…,v1=…</Code>: HMAC-SHA256 of <Code>t.body</Code> with this
							secret; refuse a <Code>t</Code> older than 5 minutes; deduplicate by{" "}
							<Code>X-Entente-Delivery</Code>.
						</Text>
					</Alert>
				)}
				{props.canEdit ? (
					<form onSubmit={(event) => void save(event)}>
						<Group gap="xs" align="flex-start" wrap="nowrap">
							<TextInput
								flex={1}
								aria-label="Webhook URL"
								placeholder="https://siem.example.org/entente"
								value={url}
								onChange={(event) => setUrl(event.currentTarget.value)}
								error={problem}
								data-testid="webhook-input"
							/>
							<Button type="submit" disabled={url.trim() === ""}>
								{current ? "Replace" : "Set"}
							</Button>
						</Group>
					</form>
				) : null}
				{props.canEdit && current ? (
					<Group gap="xs">
						<Button size="compact-sm" variant="light" onClick={() => void test()}>
							Send a test
						</Button>
						<Button size="compact-sm" variant="subtle" color="red" onClick={() => void remove()}>
							Remove
						</Button>
						{tested === undefined ? null : (
							<Badge color={tested.ok ? "green" : "red"} variant="light" data-testid="webhook-tested">
								{tested.ok ? `answered ${tested.status}` : (tested.error ?? "failed")}
							</Badge>
						)}
					</Group>
				) : null}
				{webhook.data === undefined || webhook.data.deliveries.length === 0 ? null : (
					<Table verticalSpacing={2} data-testid="webhook-deliveries">
						<Table.Thead>
							<Table.Tr>
								<Table.Th>Alert</Table.Th>
								<Table.Th>State</Table.Th>
								<Table.Th>Attempts</Table.Th>
								<Table.Th>Last</Table.Th>
							</Table.Tr>
						</Table.Thead>
						<Table.Tbody>
							{webhook.data.deliveries.map((delivery) => (
								<Table.Tr key={delivery.alertId}>
									<Table.Td>
										<Text size="xs" ff="monospace">
											{shortId(delivery.alertId)}
										</Text>
									</Table.Td>
									<Table.Td>
										<Badge
											size="xs"
											variant="light"
											color={delivery.state === "delivered" ? "green" : "orange"}
										>
											{delivery.state}
										</Badge>
									</Table.Td>
									<Table.Td>
										<Text size="xs">{delivery.attempts}</Text>
									</Table.Td>
									<Table.Td>
										<Text size="xs" c="dimmed">
											{delivery.lastError ?? formatTime(delivery.deliveredAt ?? delivery.lastAttemptAt)}
										</Text>
									</Table.Td>
								</Table.Tr>
							))}
						</Table.Tbody>
					</Table>
				)}
			</Stack>
		</Card>
	);
}
