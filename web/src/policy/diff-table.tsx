// Two policy versions side by side (GET /policy/diff): removed lines on the left, added on the right, changed
// lines paired, long unchanged stretches folded to a count.
import { Loader, ScrollArea, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { type Cell, sideBySide } from "./diff-rows.ts";
import { policyDiff } from "./policy-api.ts";

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
