// Objects: search with suggestions, type facets, and the virtualised result table (GET /objects, paged by cursor).
import { Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { ErrorAlert } from "../components/error-alert.tsx";
import { words } from "../format.ts";
import { hrefOf, navigate } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { FirstRun } from "./first-run.tsx";
import { ObjectTable } from "./object-table.tsx";
import { SearchBox } from "./search-box.tsx";
import { TypeFacets } from "./type-facets.tsx";
import { useObjectPages } from "./use-object-pages.ts";

export function ObjectsScreen(props: { q: string; types: string[]; added?: string; marking?: string }) {
	const { purpose } = useSession();
	const filters = { added: props.added, marking: props.marking };
	const pages = useObjectPages(props.q, props.types, filters);
	const go = (q: string, types: string[]) =>
		navigate(
			hrefOf({
				name: "objects",
				q,
				types,
				...(q !== "" || props.added === undefined ? {} : { added: props.added }),
				...(q !== "" || props.marking === undefined ? {} : { marking: props.marking }),
			}),
		);
	const filtered = props.q === "" && (props.added !== undefined || props.marking !== undefined);
	// Nothing at all, not nothing matching: the screen says how to get intelligence in.
	const empty =
		props.q === "" &&
		props.types.length === 0 &&
		!filtered &&
		pages.rows.length === 0 &&
		!pages.loading &&
		pages.error === undefined;

	return (
		<Stack gap="md">
			<Group justify="space-between" align="flex-end">
				<div>
					<Title order={2}>Objects</Title>
					<Text size="sm" c="dimmed">
						What this node holds that the policy releases to you, asking for {words(purpose)}.
					</Text>
				</div>
			</Group>
			<Grid gap="lg">
				<Grid.Col span={{ base: 12, md: 3, lg: 2.5 }} order={{ base: 2, md: 1 }}>
					<TypeFacets
						selected={props.types}
						onChange={(types) => go(props.q, types)}
						after={!pages.loading || pages.rows.length > 0}
					/>
				</Grid.Col>
				<Grid.Col span={{ base: 12, md: 9, lg: 9.5 }} order={{ base: 1, md: 2 }}>
					<Stack gap="sm">
						<SearchBox value={props.q} onSearch={(q) => go(q, props.types)} />
						{filtered ? (
							<DashboardFilter
								{...(props.added === undefined ? {} : { added: props.added })}
								{...(props.marking === undefined ? {} : { marking: props.marking })}
								onClear={() => navigate(hrefOf({ name: "objects", q: "", types: props.types }))}
							/>
						) : null}
						{pages.error === undefined ? null : <ErrorAlert error={pages.error} onRetry={pages.retry} />}
						{empty ? <FirstRun /> : null}
						<ObjectTable
							rows={pages.rows}
							loading={pages.loading}
							hasMore={pages.hasMore}
							onNeedMore={pages.loadMore}
						/>
					</Stack>
				</Grid.Col>
			</Grid>
		</Stack>
	);
}

/** The filter a Home chart's link set (D67), in words, with a way back to everything. */
function DashboardFilter(props: { added?: string; marking?: string; onClear: () => void }) {
	const parts = [
		props.added === undefined ? undefined : `stored on ${props.added}`,
		props.marking === undefined ? undefined : `marked ${props.marking}`,
	].filter((part) => part !== undefined);
	return (
		<Group gap="xs" data-testid="objects-filter">
			<Text size="sm">Showing objects {parts.join(" and ")} (from Home).</Text>
			<Button size="compact-xs" variant="subtle" onClick={props.onClear}>
				Show all
			</Button>
		</Group>
	);
}
