// A value's page (GET /values/{kind}/{value}): where it appears among what is released to you, by relation and by
// source, flagged when it is too common to mean much or on a warninglist; the sightings released to you of the
// objects naming it, with the chart over time and the value's score in words.
import { Alert, Badge, Code, Group, List, Loader, Stack, Text, Title } from "@mantine/core";
import type { ValuePage, WarninglistHitShape } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Link } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { SightingsSummary } from "../sightings/sightings-panel.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { relationWords, SourceCounts, ValueObjectsTable } from "./value-objects.tsx";

export function ValueScreen(props: { kind: string; value: string }) {
	const { purpose } = useSession();
	const page = useApiQuery("/values/{kind}/{value}", {
		params: { kind: props.kind as ValuePage["observable"]["kind"], value: props.value },
		query: { purpose, limit: 200 },
	});
	return (
		<Stack gap="md">
			<Link href="/objects" size="sm" w="fit-content">
				← Search
			</Link>
			<Group gap="xs">
				<Badge variant="light" color="gray" tt="none" radius="sm" size="lg">
					{props.kind}
				</Badge>
				<Title order={2} data-testid="value-title">
					<Code fz="inherit">{page.data?.observable.value ?? props.value}</Code>
				</Title>
			</Group>
			{page.isPending ? <Loader aria-label="Loading the value" /> : null}
			{page.error === null ? null : <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />}
			{page.data === undefined ? null : <ValueDetails page={page.data} />}
		</Stack>
	);
}

function ValueDetails(props: { page: ValuePage }) {
	const { page } = props;
	const relations = Object.entries(page.byRelation) as [keyof ValuePage["byRelation"], number][];
	return (
		<Stack gap="md">
			<WarninglistAlert hits={page.warninglists} />
			{page.tooCommon ? (
				<Alert color="yellow" title="A very common value" data-testid="too-common">
					More objects name this value than a value usually has: a shared resolver, a sinkhole or an empty
					file often does. It is shown all the same; weigh a match on it accordingly.
				</Alert>
			) : null}
			<Group gap="lg">
				<Text data-testid="value-total">
					<b>{page.total.toLocaleString("en")}</b>
					{page.complete ? "" : "+"} object{page.total === 1 ? "" : "s"} released to you name it or a related
					value
				</Text>
				{relations.map(([relation, count]) => (
					<Badge key={relation} variant="outline" tt="none">
						{relationWords(relation)}: {count.toLocaleString("en")}
					</Badge>
				))}
			</Group>
			<SourceCounts rows={page.bySource} />
			<ValueSightings sightings={page.sightings} />
			<Title order={3} size="h4">
				Where it appears
			</Title>
			<ValueObjectsTable rows={page.objects} testId="value-objects" />
		</Stack>
	);
}

/** The warninglists a value is on, first on its page: a hit flags the value (likely not malicious), never hides it. */
export function WarninglistAlert(props: { hits: readonly WarninglistHitShape[] }) {
	if (props.hits.length === 0) return null;
	return (
		<Alert
			color="orange"
			title={`On ${props.hits.length === 1 ? "a warninglist" : `${props.hits.length} warninglists`}: likely not malicious`}
			data-testid="value-warninglists"
		>
			<List size="sm" spacing={4}>
				{props.hits.map((hit) => (
					<List.Item key={hit.list} data-testid="value-warninglist">
						<b>{hit.list}</b>
						{` (entry ${hit.entry}): ${hit.description}`}
					</List.Item>
				))}
			</List>
			<Text size="xs" mt={6}>
				Matches on it are shown all the same; weigh them accordingly before blocking or alerting.
			</Text>
		</Alert>
	);
}

function ValueSightings(props: { sightings: ValuePage["sightings"] }) {
	const { sightings } = props;
	return (
		<Stack gap="xs" data-testid="value-sightings">
			<Title order={3} size="h4">
				Sightings
			</Title>
			{sightings.objects === 0 ? (
				<Text size="sm" c="dimmed">
					No object released to you names this value exactly: there are no sightings to count.
				</Text>
			) : (
				<>
					<Text size="sm" c="dimmed">
						{`Of the ${sightings.objects} object${sightings.objects === 1 ? "" : "s"} released to you naming this value exactly, scored as the value.`}
					</Text>
					<SightingsSummary summary={sightings} />
				</>
			)}
		</Stack>
	);
}
