// Home (D67): the node at a glance — objects in and out per day, what was withheld and why, federation health,
// request rates — from GET /dashboard's small aggregates; the charts' code loads only here.
import { Badge, Card, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { lazy, Suspense, useState } from "react";
import type { DashboardResult } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { hrefOf, Link } from "../router.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { nothingCounted, policyHref } from "./activity.ts";

const HomeCharts = lazy(() => import("./home-charts.tsx").then((module) => ({ default: module.HomeCharts })));

const WINDOWS = ["7", "30", "90"] as const;

export function HomeScreen() {
	const [days, setDays] = useState<(typeof WINDOWS)[number]>("30");
	const dashboard = useApiQuery(
		"/dashboard",
		{ query: { days } },
		{ placeholderData: (previous) => previous },
	);
	return (
		<Stack gap="lg">
			<Group justify="space-between" align="flex-end">
				<div>
					<Title order={2}>Home</Title>
					<Text size="sm" c="gray.7">
						{dashboard.data?.scope === "party"
							? "What your organisation published here and received from this node."
							: "What this node took in, released and withheld, and how its partners are reached."}
					</Text>
				</div>
				<SegmentedControl
					value={days}
					onChange={(value) => setDays(WINDOWS.find((w) => w === value) ?? "30")}
					data={WINDOWS.map((w) => ({ value: w, label: `${w} days` }))}
					aria-label="Days shown"
				/>
			</Group>
			{dashboard.error === null ? null : (
				<ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />
			)}
			{dashboard.data === undefined ? (
				dashboard.error === null ? (
					<Loader role="status" aria-label="Loading the dashboard" />
				) : null
			) : (
				<HomeBody dashboard={dashboard.data} />
			)}
		</Stack>
	);
}

function HomeBody(props: { dashboard: DashboardResult }) {
	const { dashboard } = props;
	return (
		<>
			{nothingCounted(dashboard) ? (
				<Card withBorder data-testid="home-empty">
					<Text size="sm">
						Nothing counted yet. Bring intelligence in from the{" "}
						<Link c="blue.8" href={hrefOf({ name: "objects", q: "", types: [] })}>
							Objects
						</Link>{" "}
						screen — import a file, subscribe to a feed, connect a partner, or load the sample set — and it
						shows here.
					</Text>
				</Card>
			) : null}
			<Suspense fallback={<Loader role="status" aria-label="Loading the charts" />}>
				<HomeCharts dashboard={dashboard} />
			</Suspense>
			{dashboard.scope === "node" ? <PeerHealthTable dashboard={dashboard} /> : null}
		</>
	);
}

/** "3 min" for 180 seconds. */
function duration(seconds: number): string {
	if (seconds < 90) return `${Math.round(seconds)} s`;
	if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
	return `${Math.round(seconds / 3600)} h`;
}

/** Each peer's outbox and last delivery: the federation's health. */
function PeerHealthTable(props: { dashboard: DashboardResult }) {
	const { peers } = props.dashboard;
	return (
		<section aria-labelledby="home-peers" data-testid="home-peers">
			<Stack gap="xs">
				<Title order={3} size="h5" id="home-peers">
					Federation health
				</Title>
				{peers.length === 0 ? (
					<Text size="sm" c="gray.7">
						No peers yet: <code>entente peers invite</code> here and <code>entente peers accept</code> on a
						partner's node connect one.
					</Text>
				) : (
					<Table withTableBorder striped fz="sm">
						<Table.Thead>
							<Table.Tr>
								<Table.Th scope="col">Peer</Table.Th>
								<Table.Th scope="col">Status</Table.Th>
								<Table.Th scope="col">Queue</Table.Th>
								<Table.Th scope="col">Lag</Table.Th>
								<Table.Th scope="col">Delivered</Table.Th>
								<Table.Th scope="col">Last success</Table.Th>
								<Table.Th scope="col">Last error</Table.Th>
							</Table.Tr>
						</Table.Thead>
						<Table.Tbody>
							{peers.map((peer) => (
								<Table.Tr key={peer.name}>
									<Table.Th scope="row">
										<Link
											c="blue.8"
											href={policyHref()}
											aria-label={`${peer.name}: its parties in the policy`}
										>
											{peer.name}
										</Link>
									</Table.Th>
									<Table.Td>
										<Badge
											color={peer.alert ? "red" : peer.status === "active" ? "green" : "gray"}
											variant="light"
										>
											{peer.alert ? "failing" : peer.status}
										</Badge>
									</Table.Td>
									<Table.Td>{peer.queueDepth.toLocaleString("en")}</Table.Td>
									<Table.Td>{duration(peer.lagSeconds)}</Table.Td>
									<Table.Td>
										{peer.deliveredTotal.toLocaleString("en")}
										{peer.refusedTotal > 0 ? ` (${peer.refusedTotal} refused)` : ""}
									</Table.Td>
									<Table.Td>{peer.lastSuccessAt?.slice(0, 19).replace("T", " ") ?? "never"}</Table.Td>
									<Table.Td>
										{peer.lastError === undefined
											? "—"
											: `${peer.lastError.class}: ${peer.lastError.message} (${peer.lastError.at.slice(0, 16).replace("T", " ")})`}
									</Table.Td>
								</Table.Tr>
							))}
						</Table.Tbody>
					</Table>
				)}
				<Text size="xs" c="gray.7">
					On the node: <code>entente peers status</code> for the details,{" "}
					<code>entente peers retry NAME</code> to retry at once.
				</Text>
			</Stack>
		</section>
	);
}
