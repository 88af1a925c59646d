// The Quarantine screen (D65): what the node set aside or refused, filtered and paged; one item beside the stored
// version it competes with, and the admin's decision on it (accept, reject, keep held) with a note.
import { Button, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { QUARANTINE_KINDS, QUARANTINE_STATES } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { QuarantineDetail } from "./quarantine-detail.tsx";
import { QuarantineTable } from "./quarantine-table.tsx";

const PAGE = 25;

export function QuarantineScreen() {
	const [kind, setKind] = useState<string | null>(null);
	const [state, setState] = useState<string | null>("held");
	// The cursors of the pages before this one, so "Newer" goes back.
	const [cursors, setCursors] = useState<number[]>([]);
	const [selected, setSelected] = useState<number | undefined>();
	const cursor = cursors.at(-1);
	const list = useApiQuery("/quarantine", {
		query: {
			limit: PAGE,
			...(kind === null ? {} : { kind }),
			...(state === null ? {} : { state }),
			...(cursor === undefined ? {} : { cursor }),
		},
	});
	const refilter = (apply: () => void) => {
		apply();
		setCursors([]);
		setSelected(undefined);
	};
	return (
		<Stack gap="md">
			<div>
				<Title order={2}>Quarantine</Title>
				<Text size="sm" c="gray.7">
					What this node set aside or refused: conflicting versions, versions and marking definitions their
					sender may not add, forged observable values, objects that failed validation and refused federation
					deliveries. Accepting runs every ingest rule again, as the sender; it never lets a sender version
					what it does not own.
				</Text>
			</div>
			<Group gap="sm" align="end">
				<Select
					label="Kind"
					placeholder="every kind"
					clearable
					data={[...QUARANTINE_KINDS]}
					value={kind}
					onChange={(value) => refilter(() => setKind(value))}
					data-testid="quarantine-kind"
					w={200}
				/>
				<Select
					label="State"
					placeholder="every state"
					clearable
					data={[...QUARANTINE_STATES]}
					value={state}
					onChange={(value) => refilter(() => setState(value))}
					data-testid="quarantine-state"
					w={160}
				/>
			</Group>
			{list.error === null ? null : <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
			{list.data === undefined ? null : (
				<QuarantineTable items={list.data.items} selected={selected} onSelect={setSelected} />
			)}
			<Group gap="xs">
				<Button
					size="xs"
					variant="default"
					disabled={cursors.length === 0}
					onClick={() => setCursors(cursors.slice(0, -1))}
				>
					Newer
				</Button>
				<Button
					size="xs"
					variant="default"
					disabled={list.data?.next === undefined}
					onClick={() => {
						const next = list.data?.next;
						if (next !== undefined) setCursors([...cursors, next]);
					}}
					data-testid="quarantine-older"
				>
					Older
				</Button>
			</Group>
			{selected === undefined ? null : (
				<QuarantineDetail
					key={selected}
					id={selected}
					onDecided={() => void list.refetch()}
					onClose={() => setSelected(undefined)}
				/>
			)}
		</Stack>
	);
}
