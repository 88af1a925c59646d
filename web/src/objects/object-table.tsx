// The result list: TanStack Table for columns and rows, TanStack Virtual so that thousands of rows stay cheap;
// scrolling near the end asks for the next page.
import { Badge, Box, Button, Center, Group, Loader, Text } from "@mantine/core";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useRef } from "react";
import type { ObjectEntry } from "../api/types.ts";
import { IdentityName } from "../components/identity-name.tsx";
import { MarkingChips } from "../components/marking-chip.tsx";
import { displayName, formatTime, modifiedOf } from "../format.ts";
import { Link, objectHref } from "../router.tsx";

const ROW_HEIGHT = 44;
/** Ask for the next page when this few rows are left below the last one shown. */
const PREFETCH_ROWS = 20;

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, ObjectEntry>();
const columns = helper.columns([
	helper.accessor((entry) => entry.object.type, {
		id: "type",
		header: "Type",
		cell: (info) => (
			<Badge variant="light" color="gray" tt="none" radius="sm">
				{info.getValue()}
			</Badge>
		),
	}),
	helper.accessor((entry) => displayName(entry.object), {
		id: "name",
		header: "Name",
		cell: (info) => (
			<Link href={objectHref(info.row.original.object.id)} size="sm" lineClamp={1} data-testid="object-link">
				{info.getValue()}
			</Link>
		),
	}),
	helper.accessor((entry) => entry.object.object_marking_refs, {
		id: "markings",
		header: "Markings",
		cell: (info) => <MarkingChips refs={info.getValue()} size="xs" />,
	}),
	helper.accessor((entry) => entry.object.created_by_ref, {
		id: "createdBy",
		header: "Created by",
		cell: (info) => <IdentityName id={info.getValue()} size="xs" />,
	}),
	helper.accessor((entry) => modifiedOf(entry.object) ?? entry.dateAdded, {
		id: "modified",
		header: "Modified",
		cell: (info) => (
			<Text size="xs" c="dimmed" ff="monospace">
				{formatTime(info.getValue())}
			</Text>
		),
	}),
]);

/** Column widths, one CSS grid track per column id. */
const TRACKS = "136px minmax(200px, 1fr) 210px 180px 150px";

export function ObjectTable(props: {
	rows: ObjectEntry[];
	loading: boolean;
	hasMore: boolean;
	onNeedMore: () => void;
}) {
	const table = useTable({ features, columns, data: props.rows, getRowId: (entry) => entry.object.id });
	const rows = table.getRowModel().rows;
	const scroller = useRef<HTMLDivElement>(null);
	const virtualizer = useVirtualizer({
		count: rows.length,
		getScrollElement: () => scroller.current,
		estimateSize: () => ROW_HEIGHT,
		overscan: 10,
	});
	const items = virtualizer.getVirtualItems();
	const lastShown = items.at(-1)?.index ?? -1;
	const { hasMore, loading, onNeedMore } = props;

	useEffect(() => {
		if (hasMore && !loading && lastShown >= rows.length - PREFETCH_ROWS) onNeedMore();
	}, [lastShown, rows.length, hasMore, loading, onNeedMore]);

	// Up and down arrows move between the rows' links, scrolling rows that are not rendered yet into view:
	// with virtual rows, Tab alone would leave the table after the last rendered one.
	function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
		if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
		const from = Number((event.target as HTMLElement).closest("tr")?.dataset.index);
		if (!Number.isInteger(from)) return;
		event.preventDefault();
		const target = Math.max(0, Math.min(rows.length - 1, from + (event.key === "ArrowDown" ? 1 : -1)));
		virtualizer.scrollToIndex(target);
		requestAnimationFrame(() =>
			scroller.current?.querySelector<HTMLElement>(`tr[data-index="${target}"] a`)?.focus(),
		);
	}

	return (
		<Box className="object-table">
			<div ref={scroller} className="object-table-scroll" data-testid="object-table-scroll">
				<table className="object-grid" aria-label="Objects" aria-rowcount={rows.length + 1}>
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
					<tbody style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
						{items.map((item) => {
							const row = rows[item.index];
							if (row === undefined) return null;
							return (
								<tr
									key={row.id}
									data-index={item.index}
									data-object-id={row.id}
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
				{rows.length === 0 && !loading ? (
					<Center p="xl">
						<Text c="dimmed" data-testid="objects-none">
							No objects match, among those released to you for this purpose.
						</Text>
					</Center>
				) : null}
			</div>
			<Group justify="space-between" px="sm" py={6} className="object-table-foot">
				<Text size="xs" c="dimmed" data-testid="row-count" aria-live="polite">
					{rows.length.toLocaleString("en")} object(s) loaded{hasMore ? "; more below" : ""}
				</Text>
				{loading ? (
					<Group gap={6}>
						<Loader size="xs" />
						<Text size="xs">loading…</Text>
					</Group>
				) : hasMore ? (
					<Button size="compact-xs" variant="subtle" onClick={onNeedMore}>
						Load more
					</Button>
				) : null}
			</Group>
		</Box>
	);
}
