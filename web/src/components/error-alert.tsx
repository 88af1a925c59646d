// An error as the analyst should read it: what happened, the node's own words, and the fix.
import { Alert, Button, Stack, Text } from "@mantine/core";
import { worthRetrying } from "../api/client.ts";
import { explainError } from "../api/hints.ts";
import { WithInlineCode } from "./inline-code.tsx";

export function ErrorAlert(props: { error: unknown; onRetry?: () => void }) {
	const explanation = explainError(props.error);
	const onRetry = worthRetrying(props.error) ? props.onRetry : undefined;
	return (
		<Alert color="red" variant="light" title={explanation.title} role="alert" data-testid="error">
			<Stack gap={6}>
				{explanation.detail === undefined ? null : (
					<Text size="sm" c="dimmed">
						{explanation.detail}
					</Text>
				)}
				<Text size="sm">
					<WithInlineCode text={explanation.fix} />
				</Text>
				{onRetry === undefined ? null : (
					<Button size="xs" variant="light" color="red" w="fit-content" onClick={onRetry}>
						Try again
					</Button>
				)}
			</Stack>
		</Alert>
	);
}
