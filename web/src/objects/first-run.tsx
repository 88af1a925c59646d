// What an empty Objects screen says: how intelligence gets into a node — import a file, subscribe to a feed,
// connect a partner — instead of an empty table (issue 16 §7).
import { Button, Card, Code, Group, List, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { SamplesLoaded } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { hrefOf, Link, objectHref } from "../router.tsx";
import { useSession } from "../session-context.tsx";

export function FirstRun() {
	const { me } = useSession();
	// The sample set is published as the user's organisation: analysts and admins of the node's own (D67).
	const canLoad = me.user.role !== "reader" && (me.party === null || me.party.local);
	return (
		<Card withBorder padding="lg" data-testid="first-run">
			<Stack gap="sm">
				<Title order={3}>Nothing here yet</Title>
				<Text size="sm">
					This node holds nothing the policy releases to you. Intelligence gets in three ways:
				</Text>
				<List spacing="sm" size="sm">
					<List.Item>
						<Text size="sm" fw={600} span>
							Import a file
						</Text>{" "}
						— a STIX bundle or plain text with indicators:{" "}
						<Link href={hrefOf({ name: "import" })}>Import</Link>, or on the node{" "}
						<Code>entente import FILE</Code>. To write one yourself:{" "}
						<Link href={hrefOf({ name: "share" })}>Share</Link>.
					</List.Item>
					<List.Item>
						<Text size="sm" fw={600} span>
							Subscribe to a feed
						</Text>{" "}
						— a TAXII 2.1 collection, pulled incrementally: <Code>entente peers add-taxii</Code> then{" "}
						<Code>entente peers pull</Code>, or once with <Code>entente pull URL --collection ID</Code>.
					</List.Item>
					<List.Item>
						<Text size="sm" fw={600} span>
							Connect a partner
						</Text>{" "}
						— another Entente node: <Code>entente peers invite</Code> here and{" "}
						<Code>entente peers accept</Code> there; what it shares arrives as the sharing policy allows.
					</List.Item>
				</List>
				{canLoad ? <SampleSet /> : null}
				<Text size="xs" c="dimmed">
					If the node does hold objects, the policy releases none of them to your organisation for this
					purpose: an administrator can check with <Code>entente policy as PARTY -- stats</Code>.
				</Text>
			</Stack>
		</Card>
	);
}

/** "Load a sample set": POST /samples, then what it did, with the report and Home to open next. */
function SampleSet() {
	const { post } = useSession();
	const queryClient = useQueryClient();
	const [state, setState] = useState<
		| { kind: "idle" }
		| { kind: "loading" }
		| { kind: "done"; loaded: SamplesLoaded }
		| { kind: "failed"; error: unknown }
	>({ kind: "idle" });
	const load = async () => {
		setState({ kind: "loading" });
		try {
			const loaded = await post("/samples", {});
			setState({ kind: "done", loaded });
			// The list below refreshes when asked (or on the next visit), so this card and its links stay meanwhile.
			await queryClient.invalidateQueries({ queryKey: ["api"] });
		} catch (error) {
			setState({ kind: "failed", error });
		}
	};
	return (
		<Stack gap="xs" data-testid="sample-set">
			<Group gap="sm">
				<Button size="xs" onClick={() => void load()} loading={state.kind === "loading"}>
					Load a sample set
				</Button>
				<Text size="xs" c="dimmed">
					A fictional intrusion set with its malware, techniques, indicators and report (TLP 2.0), published
					as your organisation, so the policy shares it as it would your own; on the node:{" "}
					<Code>entente samples load</Code>.
				</Text>
			</Group>
			{state.kind === "failed" ? <ErrorAlert error={state.error} onRetry={() => void load()} /> : null}
			{state.kind === "done" ? (
				<Text size="sm" role="status">
					{state.loaded.alreadyLoaded
						? `The sample set is already loaded (${state.loaded.objects} objects). `
						: `Loaded the sample set: ${state.loaded.counts.stored} of ${state.loaded.objects} objects stored. `}
					{state.loaded.reportId === undefined ? null : (
						<>
							<Link href={objectHref(state.loaded.reportId)}>Open its report</Link> or{" "}
						</>
					)}
					<Link href={hrefOf({ name: "home" })}>see it on Home</Link>.{" "}
					<Button
						size="compact-xs"
						variant="subtle"
						onClick={() => void queryClient.invalidateQueries({ queryKey: ["objects"] })}
					>
						Show the objects
					</Button>
				</Text>
			) : null}
		</Stack>
	);
}
