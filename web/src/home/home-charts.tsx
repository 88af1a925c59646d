// The Home screen's charts (D67), in their own chunk: @mantine/charts and recharts load only when Home is shown.
import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import { SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useId } from "react";
import type { DashboardResult } from "../api/types.ts";
import { Link, navigate } from "../router.tsx";
import { byDay, OTHER, objectsHref, policyHref, topRules } from "./activity.ts";
import { DayBars } from "./day-bars.tsx";

const PARTY_COLOURS = ["blue.6", "teal.6", "violet.6", "indigo.4", "cyan.7", "pink.6"];
const MARKING_COLOURS: Readonly<Record<string, string>> = {
	"TLP:RED": "red.7",
	"TLP:AMBER+STRICT": "orange.8",
	"TLP:AMBER": "yellow.6",
	"TLP:GREEN": "green.7",
	"TLP:CLEAR": "gray.4",
	"TLP:WHITE": "gray.4",
	unmarked: "gray.6",
	"other marking": "grape.6",
};

const partyColour = (key: string, index: number): string =>
	key === OTHER ? "gray.5" : (PARTY_COLOURS[index % PARTY_COLOURS.length] ?? "gray.5");
const markingColour = (key: string, index: number): string =>
	MARKING_COLOURS[key] ??
	(key === OTHER ? "gray.5" : (PARTY_COLOURS[index % PARTY_COLOURS.length] ?? "gray.5"));

/** Objects in and out per day by party and by marking, what was withheld and why, and request rates. */
export function HomeCharts(props: { dashboard: DashboardResult }) {
	const { dashboard } = props;
	const { days } = dashboard;
	const nameOf = (row: { party: string }): string => dashboard.names[row.party] ?? row.party;
	const node = dashboard.scope === "node";
	return (
		<Stack gap="xl">
			<SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
				<DayBars
					testId="chart-in-party"
					title="In per day, by organisation"
					unit="objects"
					chart={byDay(days, dashboard.in, nameOf)}
					colorOf={partyColour}
					listHref={(day) => objectsHref(day, undefined)}
					empty="Nothing was stored in these days."
				/>
				<DayBars
					testId="chart-in-marking"
					title="In per day, by marking"
					unit="objects"
					chart={byDay(days, dashboard.in, (row) => row.marking)}
					colorOf={markingColour}
					listHref={(day, marking) => objectsHref(day, marking)}
					empty="Nothing was stored in these days."
				/>
				<DayBars
					testId="chart-out-party"
					title={node ? "Out per day, by partner" : "Received per day"}
					unit="objects"
					chart={byDay(days, dashboard.out, nameOf)}
					colorOf={partyColour}
					listHref={() => (node ? policyHref() : objectsHref(undefined, undefined))}
					empty="Nothing was released to a partner in these days."
				/>
				<DayBars
					testId="chart-out-marking"
					title={node ? "Out per day, by marking" : "Received per day, by marking"}
					unit="objects"
					chart={byDay(days, dashboard.out, (row) => row.marking)}
					colorOf={markingColour}
					listHref={(_day, marking) => objectsHref(undefined, marking)}
					empty="Nothing was released to a partner in these days."
				/>
			</SimpleGrid>
			{node ? (
				<SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
					<WithheldRules dashboard={dashboard} />
					<RequestRates dashboard={dashboard} />
				</SimpleGrid>
			) : null}
		</Stack>
	);
}

/** What the gate withheld from partners, by the deciding rule: a bar per rule, and the table with the links. */
function WithheldRules(props: { dashboard: DashboardResult }) {
	const titleId = useId();
	const rules = topRules(props.dashboard.withheld);
	const total = rules.reduce((sum, rule) => sum + rule.count, 0);
	return (
		<section aria-labelledby={titleId} data-testid="chart-withheld">
			<Stack gap="xs">
				<Title order={3} size="h5" id={titleId}>
					Withheld from partners, by rule
				</Title>
				<Text size="sm" c="gray.7">
					{total === 0
						? "The gate withheld nothing from a partner in these days."
						: `${total.toLocaleString("en")} objects withheld; the rules that decided, most first. Each rule is explained on the policy screen.`}
				</Text>
				{total === 0 ? null : (
					<>
						<BarChart
							h={Math.max(120, rules.length * 32)}
							data={rules}
							dataKey="rule"
							orientation="vertical"
							yAxisProps={{ width: 160 }}
							series={[{ name: "count", color: "red.6", label: "withheld" }]}
							barChartProps={{ accessibilityLayer: false }}
							barProps={{ cursor: "pointer", onClick: () => navigate(policyHref()) }}
							tooltipAnimationDuration={0}
							aria-hidden
						/>
						<Table withTableBorder fz="sm">
							<Table.Thead>
								<Table.Tr>
									<Table.Th scope="col">Rule</Table.Th>
									<Table.Th scope="col">Withheld</Table.Th>
									<Table.Th scope="col">Partners</Table.Th>
								</Table.Tr>
							</Table.Thead>
							<Table.Tbody>
								{rules.map((rule) => (
									<Table.Tr key={rule.rule}>
										<Table.Td>
											<Link c="blue.8" href={policyHref()} aria-label={`${rule.rule}: see the policy`}>
												{rule.rule}
											</Link>
										</Table.Td>
										<Table.Td>{rule.count.toLocaleString("en")}</Table.Td>
										<Table.Td>{rule.parties}</Table.Td>
									</Table.Tr>
								))}
							</Table.Tbody>
						</Table>
					</>
				)}
			</Stack>
		</section>
	);
}

/** Requests per minute by family for the last three hours; ingest links to what came in today. */
function RequestRates(props: { dashboard: DashboardResult }) {
	const titleId = useId();
	const { rates } = props.dashboard;
	const sum = (family: "ingest" | "taxii" | "rest") => rates.reduce((total, rate) => total + rate[family], 0);
	const data = rates.map((rate) => ({ ...rate, time: rate.minute.slice(11, 16) }));
	const today = props.dashboard.days.at(-1);
	return (
		<section aria-labelledby={titleId} data-testid="chart-rates">
			<Stack gap="xs">
				<Title order={3} size="h5" id={titleId}>
					Requests per minute, last three hours
				</Title>
				<Text size="sm" c="gray.7">
					{`Ingest ${sum("ingest")}, TAXII ${sum("taxii")}, REST ${sum("rest")} requests since ${
						rates[0]?.minute.slice(11, 16) ?? "start"
					} UTC (this process, since it started).`}
				</Text>
				<LineChart
					h={200}
					data={data}
					dataKey="time"
					withDots={false}
					curveType="linear"
					series={[
						{ name: "ingest", color: "blue.6" },
						{ name: "taxii", color: "teal.6", label: "TAXII" },
						{ name: "rest", color: "gray.6", label: "REST" },
					]}
					withLegend
					tooltipAnimationDuration={0}
					lineChartProps={{ accessibilityLayer: false }}
					aria-hidden
				/>
				<Text size="xs">
					<Link c="blue.8" href={objectsHref(today, undefined)}>
						What was ingested today
					</Link>
				</Text>
			</Stack>
		</section>
	);
}
