// The Feeds screen (D55): the node's feed subscriptions with their last pulls; admins subscribe, pull and remove.
import { Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { FeedForm } from "./feed-form.tsx";
import { FeedsTable } from "./feeds-table.tsx";

export function FeedsScreen() {
	const { me } = useSession();
	const queryClient = useQueryClient();
	const feeds = useApiQuery("/feeds");
	// Changing feeds needs the admin role (feeds.write); analysts see the list and each pull's outcome.
	const canEdit = me.user.role === "admin";
	const refresh = () => queryClient.invalidateQueries({ queryKey: ["api", "/feeds"] });
	return (
		<Stack gap="md">
			<div>
				<Title order={2}>Feeds</Title>
				<Text size="sm" c="dimmed">
					Lists and MISP feeds this node pulls on a schedule. Each value becomes an indicator authored by the
					feed; a value that leaves the list is expired, never deleted.
				</Text>
			</div>
			{canEdit ? <FeedForm onAdded={refresh} /> : null}
			{feeds.error === null ? null : <ErrorAlert error={feeds.error} onRetry={() => void feeds.refetch()} />}
			{feeds.data === undefined ? null : (
				<FeedsTable feeds={feeds.data.feeds} canEdit={canEdit} onChanged={refresh} />
			)}
		</Stack>
	);
}
