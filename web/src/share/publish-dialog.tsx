// The confirmation before publishing: who will receive what, in the preview's words, and nothing sent until confirmed.
import { Badge, Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import type { DraftPreview } from "../api/types.ts";
import { words } from "../format.ts";
import { headline, type PartyShare, summarise } from "./share-summary.ts";

function shareLine(share: PartyShare, total: number): string {
	const count = total === 1 ? "it" : `${share.objects} of ${total}`;
	return share.changed === 0 ? count : `${count}, ${share.changed} as a changed copy`;
}

export function PublishDialog(props: {
	opened: boolean;
	preview: DraftPreview;
	organisation: string;
	publishing: boolean;
	onCancel: () => void;
	onConfirm: () => void;
}) {
	const summary = summarise(props.preview);
	return (
		<Modal
			opened={props.opened}
			onClose={props.onCancel}
			title={<Text fw={600}>Publish as {props.organisation}?</Text>}
			size="lg"
			// The scroll lock injects a <style> without the page's CSP nonce (react-remove-scroll): keep it off.
			lockScroll={false}
			closeButtonProps={{ "aria-label": "Cancel: publish nothing" }}
			data-testid="publish-confirm"
		>
			<Stack gap="sm">
				<Text data-testid="publish-summary">{headline(summary)}</Text>
				{summary.receiving.length === 0 ? null : (
					<List size="sm" spacing={4} data-testid="publish-receivers">
						{summary.receiving.map((share) => (
							<List.Item key={share.partyId}>
								<b>{share.name}</b>{" "}
								{share.local ? (
									<Badge size="xs" variant="outline" color="gray">
										this node
									</Badge>
								) : null}{" "}
								— {shareLine(share, summary.newObjects)}
							</List.Item>
						))}
					</List>
				)}
				{summary.nothing.length === 0 ? null : (
					<Text size="sm" c="dimmed">
						Receive nothing: {summary.nothing.map((share) => share.name).join(", ")}.
					</Text>
				)}
				<Text size="sm" c="dimmed">
					Decided for {words(props.preview.purpose)}; other purposes may differ. Peers' nodes get their copies
					at once, through the federation.
				</Text>
				<Group justify="flex-end" gap="sm">
					<Button variant="default" onClick={props.onCancel} disabled={props.publishing}>
						Cancel
					</Button>
					<Button
						color="red"
						onClick={props.onConfirm}
						loading={props.publishing}
						data-testid="confirm-publish"
					>
						Publish
					</Button>
				</Group>
			</Stack>
		</Modal>
	);
}
