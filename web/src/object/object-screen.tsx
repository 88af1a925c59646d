// One object as released to you (GET /objects/{id}): header with its markings, then tabs for its fields,
// who would receive it, its neighbourhood, its versions and its JSON. The tab is part of the URL.
import { Badge, Code, CopyButton, Group, Loader, Stack, Tabs, Text, Title, Tooltip } from "@mantine/core";
import type { StixObject } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { IdentityName } from "../components/identity-name.tsx";
import { JsonView } from "../components/json-view.tsx";
import { MarkingChips } from "../components/marking-chip.tsx";
import { displayName, formatTime, modifiedOf, words } from "../format.ts";
import { hrefOf, Link, navigate, OBJECT_TABS, type ObjectTab } from "../router.tsx";
import { CorrelationsPanel } from "../search/correlations-panel.tsx";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { SightingsPanel } from "../sightings/sightings-panel.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { GraphPanel } from "./graph-panel.tsx";
import { ObjectFields } from "./object-fields.tsx";
import { ReceiversPanel } from "./receivers-panel.tsx";
import { VersionsPanel } from "./versions-panel.tsx";

const TAB_LABELS: Readonly<Record<ObjectTab, string>> = {
	overview: "Overview",
	receivers: "Who receives this",
	graph: "Neighbourhood",
	sightings: "Sightings",
	correlations: "Correlations",
	versions: "Versions",
	json: "JSON",
};

export function ObjectScreen(props: { id: string; tab: ObjectTab }) {
	const { purpose, me } = useSession();
	const entry = useApiQuery("/objects/{id}", { params: { id: props.id }, query: { purpose } });
	const object = entry.data?.object;

	return (
		<Stack gap="md">
			<Link href="/objects" size="sm" w="fit-content">
				← All objects
			</Link>
			{entry.isPending ? <Loader aria-label="Loading the object" /> : null}
			{entry.error === null ? null : <ErrorAlert error={entry.error} onRetry={() => void entry.refetch()} />}
			{object === undefined ? null : (
				<>
					<ObjectHeader object={object} />
					<Tabs
						value={props.tab}
						onChange={(value) => {
							const tab = OBJECT_TABS.find((name) => name === value);
							if (tab !== undefined)
								navigate(hrefOf({ name: "object", id: props.id, tab }), { replace: true });
						}}
						keepMounted={false}
					>
						<Tabs.List>
							{OBJECT_TABS.map((tab) => (
								<Tabs.Tab
									key={tab}
									value={tab}
									data-testid={`tab-${tab}`}
									{...(tab === "receivers" && !canReadPolicy(me) ? { disabled: true } : {})}
								>
									{TAB_LABELS[tab]}
								</Tabs.Tab>
							))}
						</Tabs.List>
						<Tabs.Panel value="overview" pt="md">
							<ObjectFields object={object} />
						</Tabs.Panel>
						<Tabs.Panel value="receivers" pt="md">
							<ReceiversPanel objectId={props.id} />
						</Tabs.Panel>
						<Tabs.Panel value="graph" pt="md">
							<GraphPanel object={object} />
						</Tabs.Panel>
						<Tabs.Panel value="sightings" pt="md">
							<SightingsPanel id={props.id} canRecord={me.user.role !== "reader"} />
						</Tabs.Panel>
						<Tabs.Panel value="correlations" pt="md">
							<CorrelationsPanel id={props.id} />
						</Tabs.Panel>
						<Tabs.Panel value="versions" pt="md">
							<VersionsPanel id={props.id} />
						</Tabs.Panel>
						<Tabs.Panel value="json" pt="md">
							<JsonView value={object} label={`${props.id} as released to you for ${words(purpose)}`} />
						</Tabs.Panel>
					</Tabs>
				</>
			)}
		</Stack>
	);
}

function ObjectHeader(props: { object: StixObject }) {
	const { object } = props;
	return (
		<Stack gap={6}>
			<Group gap="xs">
				<Badge variant="light" color="gray" tt="none" radius="sm" size="lg">
					{object.type}
				</Badge>
				<Title order={2} data-testid="object-title">
					{displayName(object)}
				</Title>
			</Group>
			<Group gap="xs">
				<CopyButton value={object.id}>
					{({ copied, copy }) => (
						<Tooltip label={copied ? "Copied" : "Copy the id"}>
							<Code
								component="button"
								onClick={copy}
								className="id-button"
								aria-label={`Copy the id ${object.id}`}
								data-testid="object-id"
							>
								{object.id}
							</Code>
						</Tooltip>
					)}
				</CopyButton>
			</Group>
			<Group gap="lg">
				<Group gap={6}>
					<Text size="sm" c="dimmed">
						Markings
					</Text>
					<MarkingChips refs={object.object_marking_refs} />
				</Group>
				<Group gap={6}>
					<Text size="sm" c="dimmed">
						Created by
					</Text>
					<IdentityName id={object.created_by_ref} />
				</Group>
				<Group gap={6}>
					<Text size="sm" c="dimmed">
						Modified
					</Text>
					<Text size="sm">{formatTime(modifiedOf(object)) || "—"}</Text>
				</Group>
			</Group>
		</Stack>
	);
}
