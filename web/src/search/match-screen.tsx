// Match a pasted list (POST /match): every value in it, refanged and recognised, answered with the objects released to
// you that name it or a related value, their source and markings, and flagged when on a warninglist (still matched);
// values that are none are listed with why.
import { Badge, Button, Checkbox, Group, Stack, Table, Text, Textarea, Title, Tooltip } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { MatchResult, MatchRow } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { IdentityName } from "../components/identity-name.tsx";
import { MarkingChips } from "../components/marking-chip.tsx";
import { Link, objectHref, valueHref } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { relationWords } from "./value-objects.tsx";

/** The same limit the API states (MAX_MATCH_VALUES); past it the API answers 413 naming it. */
const MAX_VALUES = 100_000;

/** The values of a pasted text: one per line, or separated by commas, semicolons or spaces. */
export function valuesOfText(text: string): string[] {
	return text
		.split(/[\s,;]+/)
		.map((value) => value.trim())
		.filter((value) => value !== "");
}

export function MatchScreen() {
	const { post, purpose } = useSession();
	const [text, setText] = useState("");
	const [related, setRelated] = useState(true);
	const [matchedOnly, setMatchedOnly] = useState(false);
	const values = valuesOfText(text);
	const match = useMutation({
		mutationFn: (list: string[]) => post("/match", { values: list, related, purpose }),
	});
	return (
		<Stack gap="md">
			<div>
				<Title order={2}>Match</Title>
				<Text size="sm" c="dimmed">
					Paste values (IPs, ranges, domains, URLs, hashes; defanged is fine): each is answered with what this
					node holds that the policy releases to you.
				</Text>
			</div>
			<Textarea
				label="Values"
				description={`One per line, or separated by commas or spaces; up to ${MAX_VALUES.toLocaleString("en")}.`}
				placeholder={"198.51.100.7\nevil[.]example[.]com\n44d88612fea8a8f36de82e1278abb02f"}
				autosize
				minRows={6}
				maxRows={16}
				value={text}
				onChange={(event) => setText(event.currentTarget.value)}
				data-testid="match-input"
			/>
			<Group>
				<Button
					onClick={() => match.mutate(values)}
					disabled={values.length === 0 || values.length > MAX_VALUES}
					loading={match.isPending}
					data-testid="match-submit"
				>
					Match {values.length === 0 ? "" : values.length.toLocaleString("en")} value
					{values.length === 1 ? "" : "s"}
				</Button>
				<Checkbox
					label="Related values too (a range holding an address, a parent domain)"
					checked={related}
					onChange={(event) => setRelated(event.currentTarget.checked)}
				/>
				<Checkbox
					label="Only values with a match"
					checked={matchedOnly}
					onChange={(event) => setMatchedOnly(event.currentTarget.checked)}
				/>
			</Group>
			{match.error === null ? null : <ErrorAlert error={match.error} />}
			{match.data === undefined ? null : <MatchResults result={match.data} matchedOnly={matchedOnly} />}
		</Stack>
	);
}

function MatchResults(props: { result: MatchResult; matchedOnly: boolean }) {
	const { result } = props;
	// Rows keep their place in the list sent: the same value may be sent twice.
	const numbered = result.results.map((row, place) => ({ row, place }));
	const rows = props.matchedOnly ? numbered.filter(({ row }) => row.total > 0) : numbered;
	return (
		<Stack gap="xs">
			<Text data-testid="match-summary">
				<b>{result.matched.toLocaleString("en")}</b> of {result.values.toLocaleString("en")} values match
				{result.invalid > 0 ? `; ${result.invalid.toLocaleString("en")} are not values` : ""}.
			</Text>
			<Table.ScrollContainer minWidth={760}>
				<Table striped data-testid="match-results">
					<Table.Thead>
						<Table.Tr>
							<Table.Th w="30%">Value</Table.Th>
							<Table.Th w="20%">Matches</Table.Th>
							<Table.Th>Objects</Table.Th>
						</Table.Tr>
					</Table.Thead>
					<Table.Tbody>
						{rows.slice(0, 2000).map(({ row, place }) => (
							<MatchResultRow key={place} row={row} />
						))}
					</Table.Tbody>
				</Table>
			</Table.ScrollContainer>
			{rows.length > 2000 ? (
				<Text size="sm" c="dimmed">
					The first 2,000 of {rows.length.toLocaleString("en")} rows are shown.
				</Text>
			) : null}
		</Stack>
	);
}

function MatchResultRow(props: { row: MatchRow }) {
	const { row } = props;
	return (
		<Table.Tr data-matched={row.total > 0}>
			<Table.Td>
				{row.observable === undefined ? (
					<Text size="sm" ff="monospace">
						{row.input.length > 80 ? `${row.input.slice(0, 80)}…` : row.input}
					</Text>
				) : (
					<Group gap={6} wrap="nowrap">
						<Badge variant="light" color="gray" tt="none" radius="sm" style={{ flexShrink: 0 }}>
							{row.observable.kind}
						</Badge>
						<Link href={valueHref(row.observable.kind, row.observable.value)} ff="monospace">
							{row.observable.value}
						</Link>
						{row.tooCommon === true ? (
							<Badge color="yellow" variant="light" tt="none" size="sm">
								very common
							</Badge>
						) : null}
					</Group>
				)}
				{(row.warninglists ?? []).length === 0 ? null : (
					<Stack gap={2} mt={4}>
						{(row.warninglists ?? []).map((hit) => (
							<Tooltip key={hit.list} label={`${hit.description} (entry ${hit.entry})`} multiline w={320}>
								<Group gap={6} wrap="nowrap" data-testid="match-warninglist">
									<Badge color="orange" variant="light" tt="none" size="sm" style={{ flexShrink: 0 }}>
										warninglist
									</Badge>
									<Text size="xs" c="orange.9">
										{hit.list}
									</Text>
								</Group>
							</Tooltip>
						))}
					</Stack>
				)}
			</Table.Td>
			<Table.Td>
				{row.error === undefined ? (
					<Text size="sm" fw={row.total > 0 ? 700 : 400} c={row.total > 0 ? "red.8" : "dimmed"}>
						{row.total.toLocaleString("en")}
					</Text>
				) : (
					<Text size="sm" c="orange.8">
						{row.error}
					</Text>
				)}
			</Table.Td>
			<Table.Td>
				<Stack gap="xs">
					{row.matches.map((hit) => (
						<Stack key={hit.id} gap={2}>
							<Group gap={6} wrap="wrap">
								<Link href={objectHref(hit.id)} size="sm">
									{hit.name ?? hit.id}
								</Link>
								<Badge
									variant="outline"
									tt="none"
									size="sm"
									color={hit.relation === "exact" ? "blue" : "grape"}
								>
									{hit.relation === "exact"
										? relationWords(hit.relation)
										: `${relationWords(hit.relation)}: ${hit.via.value}`}
								</Badge>
							</Group>
							<Group gap={6} wrap="wrap">
								{hit.source === null ? null : <IdentityName id={hit.source} size="xs" />}
								<MarkingChips refs={hit.markings} size="xs" />
								{hit.confidence === undefined ? null : (
									<Text size="xs" c="dimmed">
										confidence {hit.confidence}
									</Text>
								)}
							</Group>
						</Stack>
					))}
				</Stack>
			</Table.Td>
		</Table.Tr>
	);
}
