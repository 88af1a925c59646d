// The watch-list screen (D51): the organisation's watched values, its alerts newest first, and its webhook.
import { Grid, Stack, Text, Title } from "@mantine/core";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { AlertsTable } from "./alerts-table.tsx";
import { EntriesEditor } from "./entries-editor.tsx";
import { WebhookSettings } from "./webhook-settings.tsx";

export function WatchScreen() {
	const { me } = useSession();
	// Editing needs the analyst role (watch.write); readers see the same screen without the forms.
	const canEdit = canReadPolicy(me);
	return (
		<Stack gap="md">
			<div>
				<Title order={2}>Watch-list</Title>
				<Text size="sm" c="dimmed">
					Your organisation's ranges, ASNs and domains. When intelligence naming one arrives — published here,
					over TAXII, from a partner or imported — it is listed below (as released to you) and posted to your
					webhook.
				</Text>
			</div>
			<Grid gap="lg">
				<Grid.Col span={{ base: 12, lg: 5 }}>
					<Stack gap="lg">
						<EntriesEditor canEdit={canEdit} />
						<WebhookSettings canEdit={canEdit} />
					</Stack>
				</Grid.Col>
				<Grid.Col span={{ base: 12, lg: 7 }}>
					<AlertsTable canEdit={canEdit} />
				</Grid.Col>
			</Grid>
		</Stack>
	);
}
