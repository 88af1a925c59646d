// Sightings over time as a small SVG bar chart: one stacked bar per day (seen, false positive, expired).
import { Group, Text } from "@mantine/core";
import type { SightingKind, SightingsResult } from "../api/types.ts";

const DAY_MS = 86_400_000;
/** Days the chart shows at most (the latest). */
export const CHART_DAYS = 60;
const WIDTH = 640;
const HEIGHT = 120;
const AXIS = 1;

export const KIND_COLOURS: Readonly<Record<SightingKind, string>> = {
	seen: "#2f9e44",
	"false-positive": "#f08c00",
	expired: "#868e96",
};
export const KIND_LABELS: Readonly<Record<SightingKind, string>> = {
	seen: "seen",
	"false-positive": "false positive",
	expired: "expired",
};
const STACK: readonly SightingKind[] = ["seen", "false-positive", "expired"];

/** The days the chart spans: from the first reported day (at least 14, at most CHART_DAYS back) to today, UTC. */
export function chartDays(timeline: SightingsResult["timeline"], today: Date): string[] {
	const last = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
	// At least two weeks, so a first report reads as one day among others rather than as the whole chart.
	const twoWeeks = last - 13 * DAY_MS;
	const first = Math.min(
		twoWeeks,
		timeline[0] === undefined ? twoWeeks : Date.parse(`${timeline[0].day}T00:00:00Z`),
	);
	const start = Math.max(first, last - (CHART_DAYS - 1) * DAY_MS);
	const days: string[] = [];
	for (let at = start; at <= last; at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
	return days;
}

export function SightingsChart(props: { timeline: SightingsResult["timeline"]; today: Date }) {
	const days = chartDays(props.timeline, props.today);
	const byDay = new Map(props.timeline.map((day) => [day.day, day]));
	const max = Math.max(
		1,
		...days.map((day) => STACK.reduce((sum, kind) => sum + (byDay.get(day)?.[kind] ?? 0), 0)),
	);
	const slot = WIDTH / days.length;
	const bar = Math.max(2, slot * 0.7);
	const scale = (HEIGHT - AXIS) / max;
	return (
		<figure style={{ margin: 0 }}>
			<svg
				viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
				width="100%"
				height={HEIGHT}
				preserveAspectRatio="none"
				role="img"
				aria-label={`Sightings per day, ${days[0]} to ${days.at(-1)}`}
				data-testid="sightings-chart"
			>
				<line x1={0} y1={HEIGHT - AXIS} x2={WIDTH} y2={HEIGHT - AXIS} stroke="#ced4da" />
				{days.map((day, index) => {
					let top = HEIGHT - AXIS;
					const entry = byDay.get(day);
					return (
						<g key={day}>
							{STACK.map((kind) => {
								const count = entry?.[kind] ?? 0;
								if (count === 0) return null;
								const height = count * scale;
								top -= height;
								return (
									<rect
										key={kind}
										x={index * slot + (slot - bar) / 2}
										y={top}
										width={bar}
										height={height}
										fill={KIND_COLOURS[kind]}
										data-day={day}
										data-kind={kind}
										data-count={count}
									>
										<title>{`${day}: ${count} ${KIND_LABELS[kind]}`}</title>
									</rect>
								);
							})}
						</g>
					);
				})}
			</svg>
			<Group justify="space-between" gap="xs">
				<Text size="xs" c="dimmed">
					{days[0]}
				</Text>
				<Text size="xs" c="dimmed">{`at most ${max} a day`}</Text>
				<Text size="xs" c="dimmed">
					{days.at(-1)}
				</Text>
			</Group>
			<Text size="xs" c="dimmed" component="figcaption">
				{STACK.map((kind) => (
					<span key={kind} style={{ marginRight: 12 }}>
						<span style={{ color: KIND_COLOURS[kind] }}>■</span> {KIND_LABELS[kind]}
					</span>
				))}
			</Text>
		</figure>
	);
}
