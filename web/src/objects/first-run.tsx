// What an empty Objects screen says: how intelligence gets into a node — import a file, subscribe to a feed,
// connect a partner — instead of an empty table (issue 16 §7).
import { Card, Code, List, Stack, Text, Title } from "@mantine/core";
import { hrefOf, Link } from "../router.tsx";

export function FirstRun() {
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
				<Text size="xs" c="dimmed">
					If the node does hold objects, the policy releases none of them to your organisation for this
					purpose: an administrator can check with <Code>entente policy as PARTY -- stats</Code>.
				</Text>
			</Stack>
		</Card>
	);
}
