// The observables found: TanStack Table for the columns, TanStack Virtual so that 10,000 rows stay cheap. Each row
// has an include checkbox and an editable kind; known values and warninglist hits are badges.
import { Badge, Box, Checkbox, Group, NativeSelect, Text, Tooltip } from "@mantine/core";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import type { EditableRow, ObservableKind } from "./import-rows.ts";

const ROW_HEIGHT = 44;
const TRACKS = "56px 150px minmax(240px, 1fr) 64px 220px";

interface RowActions {
	kinds: readonly ObservableKind[];
	onChange: (index: number, change: Partial<Pick<EditableRow, "include" | "kind">>) => void;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, EditableRow>();

function columnsFor(actions: RowActions) {
	return helper.columns([
		helper.accessor((row) => row.include, {
			id: "include",
			header: "Include",
			cell: (info) => (
				<Checkbox
					checked={info.getValue()}
					aria-label={`include ${info.row.original.value}`}
					data-testid="row-include"
					onChange={(event) => actions.onChange(info.row.index, { include: event.currentTarget.checked })}
				/>
			),
		}),
		helper.accessor((row) => row.kind, {
			id: "kind",
			header: "Kind",
			cell: (info) => (
				<NativeSelect
					size="xs"
					aria-label={`kind of ${info.row.original.value}`}
					data-testid="row-kind"
					data={actions.kinds.map((kind) => ({ value: kind, label: kind }))}
					value={info.getValue()}
					onChange={(event) => {
						const kind = actions.kinds.find((choice) => choice === event.currentTarget.value);
						if (kind !== undefined) actions.onChange(info.row.index, { kind });
					}}
				/>
			),
		}),
		helper.accessor((row) => row.value, {
			id: "value",
			header: "Value",
			cell: (info) => {
				const { raw } = info.row.original;
				return (
					<Tooltip label={`written “${raw}”`} disabled={raw === info.getValue()}>
						<Text size="sm" ff="monospace" lineClamp={1} data-testid="row-value">
							{info.getValue()}
						</Text>
					</Tooltip>
				);
			},
		}),
		helper.accessor((row) => row.count, {
			id: "count",
			header: "Seen",
			cell: (info) => <Text size="sm">×{info.getValue()}</Text>,
		}),
		helper.display({
			id: "flags",
			header: "Flags",
			cell: (info) => <RowFlags row={info.row.original} />,
		}),
	]);
}

function RowFlags(props: { row: EditableRow }) {
	const { row } = props;
	return (
		<Group gap={4} wrap="nowrap">
			{row.known ? (
				<Tooltip label="This node already holds this value (as released to you)">
					<Badge size="sm" color="blue" variant="light" tt="none" data-testid="row-known">
						known
					</Badge>
				</Tooltip>
			) : null}
			{(row.warninglists ?? []).map((hit) => (
				<Tooltip key={hit.list} label={`On the warninglist “${hit.list}” (${hit.entry}): ${hit.description}`}>
					<Badge size="sm" color="orange" variant="light" tt="none" data-testid="row-warninglist">
						{hit.list}
					</Badge>
				</Tooltip>
			))}
		</Group>
	);
}

export function RowsTable(props: { rows: EditableRow[] } & RowActions) {
	const columns = columnsFor(props);
	const table = useTable({
		features,
		columns,
		data: props.rows,
		getRowId: (row) => `${row.firstOffset}:${row.value}`,
	});
	const rows = table.getRowModel().rows;
	const scroller = useRef<HTMLDivElement>(null);
	const virtualizer = useVirtualizer({
		count: rows.length,
		getScrollElement: () => scroller.current,
		estimateSize: () => ROW_HEIGHT,
		overscan: 10,
	});
	return (
		<Box className="object-table import-table">
			<div ref={scroller} className="object-table-scroll" data-testid="import-rows">
				<table className="object-grid" aria-label="Observables found" aria-rowcount={rows.length + 1}>
					<thead className="object-table-thead">
						{table.getHeaderGroups().map((group) => (
							<tr key={group.id} className="object-table-head" style={{ gridTemplateColumns: TRACKS }}>
								{group.headers.map((header) => (
									<th scope="col" key={header.id}>
										{header.isPlaceholder ? null : <table.FlexRender header={header} />}
									</th>
								))}
							</tr>
						))}
					</thead>
					<tbody style={{ height: virtualizer.getTotalSize() }}>
						{virtualizer.getVirtualItems().map((item) => {
							const row = rows[item.index];
							if (row === undefined) return null;
							return (
								<tr
									key={row.id}
									data-index={item.index}
									data-testid="import-row"
									data-kind={row.original.kind}
									data-value={row.original.value}
									aria-rowindex={item.index + 2}
									className="object-table-row"
									style={{
										gridTemplateColumns: TRACKS,
										height: ROW_HEIGHT,
										transform: `translateY(${item.start}px)`,
									}}
								>
									{row.getAllCells().map((cell) => (
										<td key={cell.id}>
											<table.FlexRender cell={cell} />
										</td>
									))}
								</tr>
							);
						})}
					</tbody>
				</table>
			</div>
		</Box>
	);
}
