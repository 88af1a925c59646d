// "Who receives this": every party of the policy and what it would receive of this object for the purpose
// (GET /policy/preview), each row opening that party's explained decision. Nothing is shared from here.
import { Group, Loader, Stack, Text } from "@mantine/core";
import { useEffect } from "react";
import { ErrorAlert } from "../components/error-alert.tsx";
import { ReceiversTable, VerdictSummary } from "../components/receivers-table.tsx";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { PurposeSelect } from "../shell/purpose-select.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { ExplainTrace } from "./explain-trace.tsx";

export function ReceiversPanel(props: { objectId: string }) {
	const { purpose, me, names } = useSession();
	const allowed = canReadPolicy(me);
	const preview = useApiQuery(
		"/policy/preview",
		{ query: { object: props.objectId, purpose } },
		{ enabled: allowed },
	);
	useEffect(() => {
		for (const party of preview.data?.parties ?? []) names.remember(party.partyId, party.name);
	}, [preview.data, names]);

	if (!allowed) {
		return (
			<Text size="sm" c="dimmed">
				Previewing who receives an object needs the analyst role; yours is {me.user.role}.
			</Text>
		);
	}
	const parties = preview.data?.parties ?? [];
	return (
		<Stack gap="sm">
			<Group justify="space-between" align="flex-end">
				<Stack gap={2}>
					<Text size="sm">
						What each party of the policy would receive of this object if it were shared now, decided by the
						same gate that guards every export, TAXII read and federation push.
					</Text>
					{preview.data === undefined ? null : <VerdictSummary parties={parties} />}
				</Stack>
				<PurposeSelect label="For the purpose" />
			</Group>
			{preview.isPending ? <Loader size="sm" aria-label="Loading the preview" /> : null}
			{preview.error === null ? null : (
				<ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
			)}
			{parties.length === 0 ? null : (
				<ReceiversTable
					parties={parties}
					trace={(party) => (
						<ExplainTrace objectId={props.objectId} partyId={party.partyId} partyName={party.name} />
					)}
				/>
			)}
		</Stack>
	);
}
