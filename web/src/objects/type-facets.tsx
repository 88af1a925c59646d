// Type facets (GET /facets): how many released objects of each type, as filters you can tick.
import { Badge, Checkbox, Group, Loader, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";

export function TypeFacets(props: {
	selected: readonly string[];
	onChange: (types: string[]) => void;
	/** Asked only once the screen's rows have their answer: the node answers in order, and the rows come first (D68). */
	after: boolean;
}) {
	const { purpose } = useSession();
	const facets = useApiQuery("/facets", { query: { purpose } }, { enabled: props.after });
	const entries = Object.entries(facets.data?.types ?? {}).sort(
		(a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
	);
	const selected = new Set(props.selected);
	// Over a large store the node counts only the first versions it reads (GET /facets `partial`): at least this many.
	const atLeast = facets.data?.partial === true ? "+" : "";

	return (
		<Stack gap="xs" component="section" aria-labelledby="facets-title">
			<Group justify="space-between">
				<Text fw={600} size="sm" id="facets-title">
					Types
				</Text>
				{facets.isPending && props.after ? <Loader size="xs" aria-label="Loading type counts" /> : null}
			</Group>
			{facets.error === null ? null : (
				<ErrorAlert error={facets.error} onRetry={() => void facets.refetch()} />
			)}
			{facets.data === undefined ? null : (
				<UnstyledButton
					onClick={() => props.onChange([])}
					aria-pressed={selected.size === 0}
					data-testid="facet-all"
				>
					<Group justify="space-between" gap="xs" wrap="nowrap">
						<Text size="sm" fw={selected.size === 0 ? 700 : 400}>
							All types
						</Text>
						<Badge variant="light" color="gray" data-testid="facet-total">
							{facets.data.total.toLocaleString("en")}
							{atLeast}
						</Badge>
					</Group>
				</UnstyledButton>
			)}
			<ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto" offsetScrollbars>
				<Stack gap={6} data-testid="facets">
					{entries.map(([type, count]) => (
						<Checkbox
							key={type}
							size="xs"
							checked={selected.has(type)}
							onChange={(event) => {
								const chosen = new Set(selected);
								if (event.currentTarget.checked) chosen.add(type);
								else chosen.delete(type);
								props.onChange([...chosen].sort());
							}}
							label={
								<Group justify="space-between" gap="xs" wrap="nowrap" w={170}>
									<Text size="xs" truncate="end">
										{type}
									</Text>
									<Text size="xs" c="dimmed" data-facet-count={type}>
										{count.toLocaleString("en")}
										{atLeast}
									</Text>
								</Group>
							}
						/>
					))}
				</Stack>
			</ScrollArea.Autosize>
			<Text size="xs" c="dimmed">
				Counts are what the policy releases to your organisation for this purpose
				{atLeast === "" ? "." : ", among the first objects stored (“+”: more are stored)."}
			</Text>
		</Stack>
	);
}
