// A stacked bar chart per day with its text alternative (D67): a summary in words, a chart/table switch, and a
// link to the list behind each series, day and bar — a click on a bar, or a link in the table, opens it.
import { BarChart } from "@mantine/charts";
import { Group, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useId, useState } from "react";
import { Link, navigate } from "../router.tsx";
import type { DayChart, DayDatum } from "./activity.ts";

export interface DayBarsProps {
	title: string;
	/** What is counted, plural: "objects". */
	unit: string;
	chart: DayChart;
	colorOf: (key: string, index: number) => string;
	/** The list behind a bar (a series on a day), or behind a whole series when `day` is undefined. */
	listHref: (day: string | undefined, key: string) => string;
	/** Tells what an empty chart means. */
	empty: string;
	testId: string;
}

/** "12-08" for "2026-12-08". */
function shortDay(day: string): string {
	return day.slice(5);
}

export function DayBars(props: DayBarsProps) {
	const { chart } = props;
	const [view, setView] = useState<"chart" | "table">("chart");
	const titleId = useId();
	const summary =
		chart.total === 0
			? props.empty
			: `${chart.total.toLocaleString("en")} ${props.unit} over ${chart.data.length} days: ${chart.series
					.map((s) => `${s.key} ${s.total.toLocaleString("en")}`)
					.join(", ")}.`;
	return (
		<section aria-labelledby={titleId} data-testid={props.testId}>
			<Stack gap="xs">
				<Group justify="space-between" wrap="nowrap">
					<Title order={3} size="h5" id={titleId}>
						{props.title}
					</Title>
					<SegmentedControl
						size="xs"
						value={view}
						onChange={(value) => setView(value === "table" ? "table" : "chart")}
						data={[
							{ value: "chart", label: "Chart" },
							{ value: "table", label: "Table" },
						]}
						aria-label={`${props.title}: show as`}
					/>
				</Group>
				<Text size="sm" c="gray.7">
					{summary}
				</Text>
				{chart.total === 0 ? null : view === "chart" ? (
					<BarChart
						h={200}
						data={chart.data}
						dataKey="day"
						type="stacked"
						series={chart.series.map((s, i) => ({ name: s.key, color: props.colorOf(s.key, i) }))}
						xAxisProps={{ tickFormatter: shortDay }}
						withLegend
						legendProps={{ verticalAlign: "bottom" }}
						tooltipAnimationDuration={0}
						barChartProps={{ accessibilityLayer: false }}
						barProps={(series) => ({
							cursor: "pointer",
							onClick: (item: { payload?: DayDatum }) => {
								if (item.payload !== undefined) navigate(props.listHref(item.payload.day, series.name));
							},
						})}
						aria-hidden
					/>
				) : (
					<DayTable {...props} />
				)}
				{chart.total === 0 ? null : (
					<Group gap="xs">
						<Text size="xs" c="gray.7">
							Lists:
						</Text>
						{chart.series.map((s) => (
							<Link c="blue.8" key={s.key} href={props.listHref(undefined, s.key)} size="xs">
								{s.key}
							</Link>
						))}
					</Group>
				)}
			</Stack>
		</section>
	);
}

/** The chart's numbers, a row per day that counted anything (newest first), each count a link to its list. */
function DayTable(props: DayBarsProps) {
	const { chart } = props;
	const days = chart.data.filter((datum) => chart.series.some((s) => Number(datum[s.key]) > 0)).reverse();
	return (
		<Table.ScrollContainer minWidth={400}>
			<Table striped withTableBorder fz="sm">
				<Table.Thead>
					<Table.Tr>
						<Table.Th scope="col">Day</Table.Th>
						{chart.series.map((s) => (
							<Table.Th key={s.key} scope="col">
								{s.key}
							</Table.Th>
						))}
					</Table.Tr>
				</Table.Thead>
				<Table.Tbody>
					{days.map((datum) => (
						<Table.Tr key={datum.day}>
							<Table.Th scope="row">{datum.day}</Table.Th>
							{chart.series.map((s) => {
								const count = Number(datum[s.key]);
								return (
									<Table.Td key={s.key}>
										{count === 0 ? (
											"0"
										) : (
											<Link
												c="blue.8"
												href={props.listHref(datum.day, s.key)}
												aria-label={`${count} ${props.unit}, ${s.key}, ${datum.day}: open the list`}
											>
												{count.toLocaleString("en")}
											</Link>
										)}
									</Table.Td>
								);
							})}
						</Table.Tr>
					))}
				</Table.Tbody>
			</Table>
		</Table.ScrollContainer>
	);
}
