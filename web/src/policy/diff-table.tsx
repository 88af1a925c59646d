// Two policy versions side by side (GET /policy/diff): removed lines on the left, added on the right, changed
// lines paired, long unchanged stretches folded to a count.
import { Loader, ScrollArea, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { type PolicyDiffLine, policyDiff } from "./policy-api.ts";

/** Unchanged lines kept around each change; longer unchanged stretches are folded. */
const CONTEXT = 3;

type Cell = { line: number | undefined; text: string } | undefined;
export type DiffRow =
	| { kind: "same" | "changed"; left: Cell; right: Cell }
	| { kind: "folded"; count: number };

/** The unified lines as side-by-side rows: each run of removals paired with the run of additions after it. */
export function sideBySide(lines: readonly PolicyDiffLine[]): DiffRow[] {
	const rows: DiffRow[] = [];
	let index = 0;
	while (index < lines.length) {
		const line = lines[index] as PolicyDiffLine;
		if (line.op === "=") {
			rows.push({
				kind: "same",
				left: { line: line.fromLine, text: line.text },
				right: { line: line.toLine, text: line.text },
			});
			index++;
			continue;
		}
		const removed: PolicyDiffLine[] = [];
		const added: PolicyDiffLine[] = [];
		while (lines[index]?.op === "-") removed.push(lines[index++] as PolicyDiffLine);
		while (lines[index]?.op === "+") added.push(lines[index++] as PolicyDiffLine);
		for (let pair = 0; pair < Math.max(removed.length, added.length); pair++) {
			const left = removed[pair];
			const right = added[pair];
			rows.push({
				kind: "changed",
				left: left === undefined ? undefined : { line: left.fromLine, text: left.text },
				right: right === undefined ? undefined : { line: right.toLine, text: right.text },
			});
		}
	}
	return folded(rows);
}

/** Unchanged rows farther than CONTEXT from any change become one folded row. */
function folded(rows: readonly DiffRow[]): DiffRow[] {
	const near = rows.map((_, index) =>
		rows.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((row) => row.kind === "changed"),
	);
	const result: DiffRow[] = [];
	for (const [index, row] of rows.entries()) {
		if (row.kind !== "same" || near[index]) result.push(row);
		else {
			const last = result.at(-1);
			if (last?.kind === "folded") last.count++;
			else result.push({ kind: "folded", count: 1 });
		}
	}
	return result;
}

function Side(props: { cell: Cell; changed: boolean; side: "from" | "to" }) {
	const { cell } = props;
	const className = props.changed && cell !== undefined ? `diff-${props.side}` : undefined;
	return (
		<>
			<Table.Td className="diff-number">{cell?.line ?? ""}</Table.Td>
			<Table.Td
				className={className}
				data-testid={props.changed && cell !== undefined ? `diff-${props.side}` : undefined}
			>
				<pre className="diff-text">
					{props.changed && cell !== undefined ? (
						<span className="visually-hidden">{props.side === "from" ? "removed: " : "added: "}</span>
					) : null}
					{cell?.text ?? ""}
				</pre>
			</Table.Td>
		</>
	);
}

export function DiffTable(props: { from: number; to: number }) {
	const { token } = useSession();
	const diff = useQuery({
		queryKey: ["policy-diff", props.from, props.to],
		queryFn: ({ signal }) => policyDiff(token, props.from, props.to, signal),
	});
	if (diff.error !== null) return <ErrorAlert error={diff.error} onRetry={() => void diff.refetch()} />;
	if (diff.data === undefined) return <Loader aria-label="Loading the diff" />;
	const rows = sideBySide(diff.data.lines);
	if (!rows.some((row) => row.kind === "changed")) {
		return (
			<Text size="sm">
				Versions {props.from} and {props.to} have the same text.
			</Text>
		);
	}
	return (
		<ScrollArea.Autosize
			mah="70vh"
			type="auto"
			viewportProps={{
				tabIndex: 0,
				role: "region",
				"aria-label": `Versions ${props.from} and ${props.to} side by side`,
			}}
		>
			<Table data-testid="policy-diff" className="diff-table" withColumnBorders verticalSpacing={0}>
				<Table.Thead>
					<Table.Tr>
						<Table.Th className="diff-number">Line</Table.Th>
						<Table.Th>Version {diff.data.from.version}</Table.Th>
						<Table.Th className="diff-number">Line</Table.Th>
						<Table.Th>Version {diff.data.to.version}</Table.Th>
					</Table.Tr>
				</Table.Thead>
				<Table.Tbody>
					{rows.map((row, index) =>
						row.kind === "folded" ? (
							// biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed diff; the position is the identity.
							<Table.Tr key={index}>
								<Table.Td colSpan={4}>
									<Text size="xs" c="dimmed" ta="center">
										{row.count} unchanged {row.count === 1 ? "line" : "lines"}
									</Text>
								</Table.Td>
							</Table.Tr>
						) : (
							// biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed diff; the position is the identity.
							<Table.Tr key={index}>
								<Side cell={row.left} changed={row.kind === "changed"} side="from" />
								<Side cell={row.right} changed={row.kind === "changed"} side="to" />
							</Table.Tr>
						),
					)}
				</Table.Tbody>
			</Table>
		</ScrollArea.Autosize>
	);
}
