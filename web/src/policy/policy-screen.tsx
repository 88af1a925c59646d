// The sharing policy: the version in force (or one chosen), its summary, every applied version, and the YAML as applied.
import {
	Badge,
	Card,
	Code,
	Grid,
	Group,
	Loader,
	ScrollArea,
	SimpleGrid,
	Stack,
	Table,
	Text,
	Title,
} from "@mantine/core";
import { ApiError } from "../api/client.ts";
import type { PolicyResult, PolicySummary } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { scrollRegion } from "../components/scroll-region.ts";
import { formatTime } from "../format.ts";
import { hrefOf, Link } from "../router.tsx";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { YamlLine } from "./yaml-line.tsx";

const SUMMARY_LABELS: readonly [keyof PolicySummary, string][] = [
	["parties", "parties"],
	["localParties", "hosted here"],
	["jurisdictions", "jurisdictions"],
	["agreements", "agreements"],
	["communities", "communities"],
];

export function PolicyScreen(props: { version?: number }) {
	const { me } = useSession();
	if (!canReadPolicy(me)) {
		return (
			<Stack gap="md">
				<Title order={2}>Sharing policy</Title>
				<ErrorAlert
					error={
						new ApiError(
							403,
							"E_API_DENIED",
							`reading the policy needs the analyst role; yours is ${me.user.role}`,
							{
								required_role: "analyst",
							},
						)
					}
				/>
			</Stack>
		);
	}
	return <PolicyView {...props} />;
}

function PolicyView(props: { version?: number }) {
	const policy = useApiQuery("/policy", { query: { version: props.version } });
	const versions = useApiQuery("/policy/versions");
	const latest = versions.data?.items.at(-1)?.version;

	return (
		<Stack gap="md">
			<div>
				<Title order={2}>Sharing policy</Title>
				<Text size="sm" c="dimmed">
					Who may receive what, in what form, and why. Change it with <Code>entente policy apply FILE</Code>{" "}
					or <Code>PUT /api/v1/policy</Code>; every version is kept.
				</Text>
			</div>
			{policy.error === null ? null : (
				<ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
			)}
			<Grid gap="lg">
				<Grid.Col span={{ base: 12, lg: 8 }}>
					{policy.isPending ? <Loader aria-label="Loading the policy" /> : null}
					{policy.data === undefined ? null : <PolicyVersionView policy={policy.data} latest={latest} />}
				</Grid.Col>
				<Grid.Col span={{ base: 12, lg: 4 }}>
					<Card withBorder padding="sm">
						<Text fw={600} size="sm" mb="xs">
							Versions
						</Text>
						{versions.error === null ? null : (
							<ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />
						)}
						{versions.data === undefined ? null : (
							<Table data-testid="policy-versions" verticalSpacing={4}>
								<Table.Thead>
									<Table.Tr>
										<Table.Th>Version</Table.Th>
										<Table.Th>Applied</Table.Th>
										<Table.Th>By</Table.Th>
									</Table.Tr>
								</Table.Thead>
								<Table.Tbody>
									{[...versions.data.items].reverse().map((item) => (
										<Table.Tr
											key={item.version}
											aria-current={item.version === policy.data?.version ? "true" : undefined}
										>
											<Table.Td>
												<Link
													href={hrefOf(
														item.version === latest
															? { name: "policy" }
															: { name: "policy", version: item.version },
													)}
													size="sm"
													fw={item.version === policy.data?.version ? 700 : 400}
												>
													v{item.version}
												</Link>
											</Table.Td>
											<Table.Td>
												<Text size="xs" ff="monospace">
													{formatTime(item.appliedAt)}
												</Text>
											</Table.Td>
											<Table.Td>
												<Text size="xs">{item.appliedBy}</Text>
											</Table.Td>
										</Table.Tr>
									))}
								</Table.Tbody>
							</Table>
						)}
					</Card>
				</Grid.Col>
			</Grid>
		</Stack>
	);
}

function PolicyVersionView(props: { policy: PolicyResult; latest: number | undefined }) {
	const { policy } = props;
	const lines = policy.text.split("\n");
	if (lines.at(-1) === "") lines.pop();
	return (
		<Stack gap="md">
			<Group gap="xs">
				<Title order={3} size="h4" data-testid="policy-version">
					Version {policy.version}
				</Title>
				{policy.version === props.latest ? (
					<Badge color="green" variant="light">
						in force
					</Badge>
				) : (
					<Badge color="gray" variant="light">
						superseded
					</Badge>
				)}
				<Text size="sm" c="dimmed">
					applied {formatTime(policy.appliedAt)} by {policy.appliedBy}
				</Text>
			</Group>
			<SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" data-testid="policy-summary">
				{SUMMARY_LABELS.map(([key, label]) => (
					<Card key={key} withBorder padding="sm">
						<Text size="xl" fw={700}>
							{policy.summary[key]}
						</Text>
						<Text size="xs" c="dimmed">
							{label}
						</Text>
					</Card>
				))}
			</SimpleGrid>
			<Card withBorder padding={0}>
				<Group justify="space-between" px="sm" py={6} className="yaml-head">
					<Text size="sm" fw={600}>
						The file as applied (YAML)
					</Text>
					<Text size="xs" c="dimmed">
						{lines.length} lines
					</Text>
				</Group>
				<ScrollArea.Autosize mah="65vh" type="auto" viewportProps={scrollRegion("The policy's YAML")}>
					<pre className="yaml" data-testid="policy-yaml">
						{lines.map((line, index) => (
							// biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text; the number is the identity.
							<YamlLine key={index} line={line} />
						))}
					</pre>
				</ScrollArea.Autosize>
			</Card>
		</Stack>
	);
}
