// An object's properties as a two-column table: references as links, timestamps readable, nested values as JSON.
import { Anchor, Badge, Code, Group, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { StixObject } from "../api/types.ts";
import { MarkingChips } from "../components/marking-chip.tsx";
import { formatTime, shortId } from "../format.ts";
import { Link, objectHref } from "../router.tsx";

/** Shown in the screen's header instead. */
const IN_HEADER = new Set(["type", "id", "name", "object_marking_refs"]);
const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function RefLink(props: { id: string }) {
	return (
		<Link href={objectHref(props.id)} size="sm" ff="monospace" title={props.id}>
			{shortId(props.id)}
		</Link>
	);
}

function valueView(key: string, value: unknown): ReactNode {
	if (key === "granular_markings" && Array.isArray(value)) {
		return (
			<Stack gap={4}>
				{value.map((entry: { marking_ref?: string; selectors?: string[] }) => (
					<Group key={`${entry.marking_ref}:${entry.selectors?.join(",")}`} gap={6}>
						<MarkingChips refs={entry.marking_ref === undefined ? [] : [entry.marking_ref]} size="xs" />
						<Text size="xs" c="dimmed">
							on {entry.selectors?.join(", ")}
						</Text>
					</Group>
				))}
			</Stack>
		);
	}
	if (typeof value === "string") {
		if (STIX_ID.test(value) && key.endsWith("_ref")) return <RefLink id={value} />;
		if (TIMESTAMP.test(value)) {
			return (
				<Text size="sm" title={value}>
					{formatTime(value)}
				</Text>
			);
		}
		if (/^https?:\/\//.test(value)) {
			return (
				<Anchor href={value} size="sm" target="_blank" rel="noreferrer noopener">
					{value}
				</Anchor>
			);
		}
		return (
			<Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
				{value}
			</Text>
		);
	}
	if (typeof value === "number" || typeof value === "boolean") return <Text size="sm">{String(value)}</Text>;
	if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
		if (key.endsWith("_refs")) {
			return (
				<Group gap={8}>
					{value.map((id) => (
						<RefLink key={id} id={id} />
					))}
				</Group>
			);
		}
		return (
			<Group gap={4}>
				{value.map((item) => (
					<Badge key={item} variant="light" color="gray" tt="none" radius="sm">
						{item}
					</Badge>
				))}
			</Group>
		);
	}
	return (
		<Code block fz="xs">
			{JSON.stringify(value, null, 2)}
		</Code>
	);
}

export function ObjectFields(props: { object: StixObject }) {
	const entries = Object.entries(props.object).filter(([key]) => !IN_HEADER.has(key));
	return (
		<Table withRowBorders verticalSpacing={6} layout="fixed" data-testid="object-fields">
			<Table.Tbody>
				{entries.map(([key, value]) => (
					<Table.Tr key={key}>
						<Table.Th w={200} scope="row" style={{ verticalAlign: "top" }}>
							<Text size="sm" ff="monospace" c="dimmed">
								{key}
							</Text>
						</Table.Th>
						<Table.Td>{valueView(key, value)}</Table.Td>
					</Table.Tr>
				))}
			</Table.Tbody>
		</Table>
	);
}
