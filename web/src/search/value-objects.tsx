// The objects naming a value, as a value's page and an object's correlations list them: how each relates, what it
// is, who made it, its markings; and the count of them per source.
import { Badge, Group, Table, Text } from "@mantine/core";
import type { SourceCount, ValueObject } from "../api/types.ts";
import { IdentityName } from "../components/identity-name.tsx";
import { MarkingChips } from "../components/marking-chip.tsx";
import { displayName } from "../format.ts";
import { Link, objectHref, valueHref } from "../router.tsx";

const RELATION_WORDS: Readonly<Record<ValueObject["relation"], string>> = {
	exact: "this value",
	within: "within it",
	contains: "contains it",
	subdomain: "a sub-domain",
	"parent-domain": "a parent domain",
	"same-file": "the same file",
	pattern: "its pattern matches",
};

/** How an object's value relates to the one asked, in words. */
export function relationWords(relation: ValueObject["relation"]): string {
	return RELATION_WORDS[relation];
}

export function ValueObjectsTable(props: { rows: readonly ValueObject[]; testId: string }) {
	if (props.rows.length === 0)
		return (
			<Text size="sm" c="dimmed">
				No object released to you names it.
			</Text>
		);
	return (
		<Table.ScrollContainer minWidth={640}>
			<Table striped highlightOnHover data-testid={props.testId}>
				<Table.Thead>
					<Table.Tr>
						<Table.Th>Object</Table.Th>
						<Table.Th>Type</Table.Th>
						<Table.Th>Relation</Table.Th>
						<Table.Th>Source</Table.Th>
						<Table.Th>Markings</Table.Th>
					</Table.Tr>
				</Table.Thead>
				<Table.Tbody>
					{props.rows.map(({ object, relation, via }) => (
						<Table.Tr key={object.id}>
							<Table.Td>
								<Link href={objectHref(object.id)}>{displayName(object)}</Link>
							</Table.Td>
							<Table.Td>
								<Badge variant="light" color="gray" tt="none" radius="sm">
									{object.type}
								</Badge>
							</Table.Td>
							<Table.Td>
								<Group gap={6} wrap="nowrap">
									<Badge variant="outline" tt="none" color={relation === "exact" ? "blue" : "grape"}>
										{relationWords(relation)}
									</Badge>
									{relation === "exact" ? null : (
										<Link href={valueHref(via.kind, via.value)} size="sm">
											{via.value}
										</Link>
									)}
								</Group>
							</Table.Td>
							<Table.Td>
								<IdentityName id={object.created_by_ref} />
							</Table.Td>
							<Table.Td>
								<MarkingChips refs={object.object_marking_refs} />
							</Table.Td>
						</Table.Tr>
					))}
				</Table.Tbody>
			</Table>
		</Table.ScrollContainer>
	);
}

export function SourceCounts(props: { rows: readonly SourceCount[] }) {
	if (props.rows.length === 0) return null;
	return (
		<Group gap="xs" data-testid="by-source">
			<Text size="sm" c="dimmed">
				By source
			</Text>
			{props.rows.map((row) => (
				<Badge key={row.source ?? "none"} variant="light" color="gray" tt="none" radius="sm" size="lg">
					<Group gap={6} wrap="nowrap">
						{row.source === null ? (
							<Text size="xs">no author</Text>
						) : (
							<IdentityName id={row.source} size="xs" />
						)}
						<Text size="xs" fw={700}>
							{row.count.toLocaleString("en")}
						</Text>
					</Group>
				</Badge>
			))}
		</Group>
	);
}
