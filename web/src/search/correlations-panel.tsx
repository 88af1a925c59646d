// An object's correlations (GET /objects/{id}/correlations): per value its released copy names, the other objects
// released to you naming it or a related value, computed when asked.
import { Badge, Code, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { ErrorAlert } from "../components/error-alert.tsx";
import { Link, valueHref } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { SourceCounts, ValueObjectsTable } from "./value-objects.tsx";

export function CorrelationsPanel(props: { id: string }) {
	const { purpose } = useSession();
	const answer = useApiQuery("/objects/{id}/correlations", {
		params: { id: props.id },
		query: { purpose, limit: 20 },
	});
	if (answer.isPending) return <Loader aria-label="Loading correlations" />;
	if (answer.error !== null) return <ErrorAlert error={answer.error} onRetry={() => void answer.refetch()} />;
	const { total, observables } = answer.data;
	return (
		<Stack gap="lg" data-testid="correlations">
			<Text size="sm" c="dimmed">
				{total === 0
					? "No other object released to you shares a value with this one."
					: `${total.toLocaleString("en")} other object${total === 1 ? "" : "s"} released to you share a value with this one.`}
			</Text>
			{observables.map((correlation) => (
				<Stack gap="xs" key={`${correlation.observable.kind}:${correlation.observable.value}`}>
					<Group gap="xs">
						<Badge variant="light" color="gray" tt="none" radius="sm">
							{correlation.observable.kind}
						</Badge>
						<Title order={3} size="h5">
							<Link href={valueHref(correlation.observable.kind, correlation.observable.value)}>
								<Code>{correlation.observable.value}</Code>
							</Link>
						</Title>
						<Text size="sm">
							{correlation.total.toLocaleString("en")}
							{correlation.complete ? "" : "+"}
						</Text>
						{correlation.tooCommon ? (
							<Badge color="yellow" variant="light" tt="none">
								very common
							</Badge>
						) : null}
					</Group>
					<SourceCounts rows={correlation.bySource} />
					<ValueObjectsTable rows={correlation.objects} testId="correlated-objects" />
				</Stack>
			))}
		</Stack>
	);
}
