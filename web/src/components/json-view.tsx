// The object exactly as the API released it to you, as JSON, with a copy button.
import { Button, Code, CopyButton, Group, ScrollArea, Stack } from "@mantine/core";
import { scrollRegion } from "./scroll-region.ts";

export function JsonView(props: { value: unknown; label?: string }) {
	const text = JSON.stringify(props.value, null, 2);
	return (
		<Stack gap="xs">
			<Group justify="flex-end">
				<CopyButton value={text}>
					{({ copied, copy }) => (
						<Button size="compact-xs" variant="light" color={copied ? "teal" : "blue"} onClick={copy}>
							{copied ? "Copied" : "Copy JSON"}
						</Button>
					)}
				</CopyButton>
			</Group>
			<ScrollArea.Autosize mah={600} type="auto" viewportProps={scrollRegion(props.label ?? "JSON")}>
				<Code block fz="xs" data-testid="json-view">
					{text}
				</Code>
			</ScrollArea.Autosize>
		</Stack>
	);
}
