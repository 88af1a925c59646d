// A value's page (GET /values/{kind}/{value}): where it appears among what is released to you, by relation and by
// source, flagged when it is too common to mean much; warninglist hits and sightings when the node reports them.
import { Alert, Badge, Code, Group, Loader, Stack, Text, Title } from "@mantine/core";
import type { ValuePage } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { JsonView } from "../components/json-view.tsx";
import { Link } from "../router.tsx";
import { useSession } from "../session-context.tsx";
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
			{page.warninglists === undefined ? null : (
				<Stack gap={4} data-testid="value-warninglists">
					<Title order={3} size="h4">
						Warninglists
					</Title>
					{page.warninglists.length === 0 ? (
						<Text size="sm" c="dimmed">
							On no warninglist.
						</Text>
					) : (
						<JsonView value={page.warninglists} label="Warninglists naming this value" />
					)}
				</Stack>
			)}
			{page.sightings === undefined ? null : (
				<Stack gap={4} data-testid="value-sightings">
					<Title order={3} size="h4">
						Sightings
					</Title>
					<JsonView value={page.sightings} label="Sightings of this value" />
				</Stack>
			)}
			<Title order={3} size="h4">
				Where it appears
			</Title>
			<ValueObjectsTable rows={page.objects} testId="value-objects" />
		</Stack>
	);
}
