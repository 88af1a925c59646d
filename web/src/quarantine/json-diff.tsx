// Two JSON objects side by side, property by property, the differing ones marked (in words and colour, so the mark
// does not rest on colour alone).
import { Badge, Code, Group, SimpleGrid, Stack, Text } from "@mantine/core";

export function JsonDiff(props: {
	left: { title: string; value: Record<string, unknown> | null };
	right: { title: string; value: unknown };
	differing: readonly string[];
}) {
	const changed = new Set(props.differing);
	const right = isRecord(props.right.value) ? props.right.value : null;
	const keys = [...new Set([...Object.keys(props.left.value ?? {}), ...Object.keys(right ?? {})])];
	return (
		<SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" data-testid="quarantine-diff">
			{[
				{ title: props.left.title, value: props.left.value, side: "stored" },
				{ title: props.right.title, value: right, side: "held" },
			].map((column) => (
				<Stack key={column.side} gap={4} data-testid={`diff-${column.side}`}>
					<Text size="sm" fw={600}>
						{column.title}
					</Text>
					{column.value === null ? (
						<Text size="xs" c="gray.7">
							{column.side === "stored" ? "nothing stored under this id" : "not a JSON object"}
						</Text>
					) : (
						<Stack gap={2}>
							{keys
								.filter((key) => column.value !== null && key in column.value)
								.map((key) => (
									<Property
										key={key}
										name={key}
										value={(column.value as Record<string, unknown>)[key]}
										changed={changed.has(key)}
									/>
								))}
						</Stack>
					)}
				</Stack>
			))}
		</SimpleGrid>
	);
}

function Property(props: { name: string; value: unknown; changed: boolean }) {
	return (
		<div
			data-testid={props.changed ? "diff-changed" : "diff-same"}
			style={{
				borderLeft: props.changed ? "3px solid var(--mantine-color-orange-7)" : "3px solid transparent",
				background: props.changed ? "var(--mantine-color-orange-0)" : undefined,
				paddingLeft: 6,
			}}
		>
			<Group gap={6}>
				<Text size="xs" fw={600}>
					{props.name}
				</Text>
				{props.changed ? (
					<Badge size="xs" color="orange" autoContrast>
						differs
					</Badge>
				) : null}
			</Group>
			<Code block fz="xs" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
				{JSON.stringify(props.value, null, 2)}
			</Code>
		</div>
	);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}
