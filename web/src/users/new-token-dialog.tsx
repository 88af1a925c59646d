// A token just minted, shown this once: the token, a copy button and the warning that it cannot be shown again.
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import type { MintedToken } from "./users-screen.tsx";

export function NewTokenDialog(props: { minted: MintedToken | undefined; onClose: () => void }) {
	const { minted } = props;
	return (
		<Modal
			// The scroll lock injects a <style> without the page's CSP nonce (react-remove-scroll): keep it off.
			lockScroll={false}
			closeButtonProps={{ "aria-label": "Close" }}
			opened={minted !== undefined}
			onClose={props.onClose}
			title={minted === undefined ? "" : `API token for ${minted.user.name}`}
			closeOnClickOutside={false}
			size="lg"
		>
			{minted === undefined ? null : (
				<Stack gap="sm">
					<Alert color="red.9" variant="outline" title="Shown once" role="alert">
						Copy this token now and hand it over safely. The node keeps only its hash: it cannot show it
						again. If it is lost, mint a new one.
					</Alert>
					<Code block data-testid="new-token" style={{ wordBreak: "break-all" }}>
						{minted.token}
					</Code>
					<Group justify="space-between">
						<CopyButton value={minted.token}>
							{({ copied, copy }) => (
								<Button variant="default" onClick={copy} data-testid="copy-token">
									{copied ? "Copied" : "Copy token"}
								</Button>
							)}
						</CopyButton>
						<Button color="blue.8" onClick={props.onClose} data-testid="token-done">
							I have stored it
						</Button>
					</Group>
					<Text size="xs" c="gray.7">
						Use it as <code>Authorization: Bearer …</code>, or as the password of HTTP Basic with the user
						name {minted.user.name}.
					</Text>
				</Stack>
			)}
		</Modal>
	);
}
