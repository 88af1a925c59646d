// The sharing policy: the version in force with its summary, edited in place (impact preview, apply), every applied
// version side by side and rolled back to; an older version read-only.
import {
	Badge,
	Card,
	Code,
	Group,
	Loader,
	ScrollArea,
	SimpleGrid,
	Stack,
	Tabs,
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
import { PolicyEditor } from "./policy-editor.tsx";
import { VersionsPanel } from "./versions-panel.tsx";
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
	// The editor stays mounted while an apply refreshes the answers (the versions list may arrive first).
	const inForce = props.version === undefined || props.version === latest;

	return (
		<Stack gap="md">
			<div>
				<Title order={2}>Sharing policy</Title>
				<Text size="sm" c="dimmed">
					Who may receive what, in what form, and why. Edit it here, preview what each party would gain and
					lose, then apply; every version is kept and can be rolled back to. On the command line:{" "}
					<Code>entente policy apply FILE</Code>.
				</Text>
			</div>
			{policy.error === null ? null : (
				<ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
			)}
			{versions.error === null ? null : (
				<ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />
			)}
			{policy.isPending || latest === undefined ? <Loader aria-label="Loading the policy" /> : null}
			{policy.data === undefined || latest === undefined ? null : (
				<>
					<PolicyHeader policy={policy.data} latest={latest} />
					{inForce ? (
						<Tabs defaultValue="edit">
							<Tabs.List>
								<Tabs.Tab value="edit" data-testid="tab-edit">
									Edit
								</Tabs.Tab>
								<Tabs.Tab value="versions" data-testid="tab-versions">
									Versions and diff
								</Tabs.Tab>
							</Tabs.List>
							<Tabs.Panel value="edit" pt="sm">
								<PolicyEditor current={policy.data} />
							</Tabs.Panel>
							<Tabs.Panel value="versions" pt="sm">
								<VersionsPanel />
							</Tabs.Panel>
						</Tabs>
					) : (
						<PolicyVersionView policy={policy.data} />
					)}
				</>
			)}
		</Stack>
	);
}

function PolicyHeader(props: { policy: PolicyResult; latest: number }) {
	const { policy } = props;
	return (
		<Stack gap="sm">
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
				{policy.version === props.latest ? null : (
					<Link href={hrefOf({ name: "policy" })} size="sm">
						Go to the version in force (v{props.latest})
					</Link>
				)}
			</Group>
			<SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" data-testid="policy-summary">
				{SUMMARY_LABELS.map(([key, label]) => (
					<Card key={key} withBorder padding="xs">
						<Text size="lg" fw={700}>
							{policy.summary[key]}
						</Text>
						<Text size="xs" c="dimmed">
							{label}
						</Text>
					</Card>
				))}
			</SimpleGrid>
		</Stack>
	);
}

function PolicyVersionView(props: { policy: PolicyResult }) {
	const lines = props.policy.text.split("\n");
	if (lines.at(-1) === "") lines.pop();
	return (
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
	);
}
