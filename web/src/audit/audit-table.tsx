// The audit lines, newest first, in a virtualised table: thousands of rows stay cheap; scrolling near the end (or
// "Load more") asks for the next page. Arrow keys move between rows.
import { Badge, Box, Button, Center, Group, Loader, Text } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useRef } from "react";
import type { AuditEntryView } from "../api/types.ts";
import { formatTime } from "../format.ts";

const ROW_HEIGHT = 40;
const PREFETCH_ROWS = 20;
const TRACKS = "150px 140px 130px minmax(160px, 1fr) minmax(240px, 2fr)";

export function AuditTable(props: {
	rows: readonly AuditEntryView[];
	loading: boolean;
	hasMore: boolean;
	onNeedMore: () => void;
}) {
	const { rows, loading, hasMore, onNeedMore } = props;
	const scroller = useRef<HTMLDivElement>(null);
	const virtualizer = useVirtualizer({
		count: rows.length,
		getScrollElement: () => scroller.current,
		estimateSize: () => ROW_HEIGHT,
		overscan: 10,
	});
	const items = virtualizer.getVirtualItems();
	const lastShown = items.at(-1)?.index ?? -1;
	useEffect(() => {
		if (hasMore && !loading && lastShown >= rows.length - PREFETCH_ROWS) onNeedMore();
	}, [lastShown, rows.length, hasMore, loading, onNeedMore]);

	function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
		if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
		const from = Number((event.target as HTMLElement).closest("tr")?.dataset.index);
		if (!Number.isInteger(from)) return;
		event.preventDefault();
		const target = Math.max(0, Math.min(rows.length - 1, from + (event.key === "ArrowDown" ? 1 : -1)));
		virtualizer.scrollToIndex(target);
		requestAnimationFrame(() =>
			scroller.current?.querySelector<HTMLElement>(`tr[data-index="${target}"]`)?.focus(),
		);
	}

	return (
		<Box className="object-table">
			<div ref={scroller} className="object-table-scroll" data-testid="audit-scroll">
				<table className="object-grid" aria-label="Audit trail" aria-rowcount={rows.length + 1}>
					<thead className="object-table-thead">
						<tr className="object-table-head" style={{ gridTemplateColumns: TRACKS }}>
							<th scope="col">When</th>
							<th scope="col">Who</th>
							<th scope="col">Action</th>
							<th scope="col">Target</th>
							<th scope="col">What</th>
						</tr>
					</thead>
					<tbody style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
						{items.map((item) => {
							const entry = rows[item.index];
							if (entry === undefined) return null;
							return (
								<tr
									key={entry.seq}
									data-index={item.index}
									data-testid="audit-row"
									data-action={entry.action}
									aria-rowindex={item.index + 2}
									tabIndex={item.index === 0 ? 0 : -1}
									className="object-table-row"
									style={{
										gridTemplateColumns: TRACKS,
										height: ROW_HEIGHT,
										transform: `translateY(${item.start}px)`,
									}}
								>
									<td>
										<Text size="xs" ff="monospace">
											{formatTime(entry.at)}
										</Text>
									</td>
									<td>
										<Text size="xs" lineClamp={1} title={`${entry.actor.name} via ${entry.actor.channel}`}>
											{entry.actor.name} ({entry.actor.channel})
										</Text>
									</td>
									<td>
										<Badge variant="outline" color="dark" tt="none" radius="sm" size="sm">
											{entry.action}
										</Badge>
									</td>
									<td>
										<Text size="xs" ff="monospace" lineClamp={1} title={entry.target}>
											{entry.target}
										</Text>
									</td>
									<td>
										<Text size="xs" lineClamp={1} title={entry.summary}>
											{entry.summary}
										</Text>
									</td>
								</tr>
							);
						})}
					</tbody>
				</table>
				{rows.length === 0 && !loading ? (
					<Center p="xl">
						<Text c="gray.7">No line matches.</Text>
					</Center>
				) : null}
			</div>
			<Group justify="space-between" px="sm" py={6} className="object-table-foot">
				<Text size="xs" c="gray.7" data-testid="audit-count" aria-live="polite">
					{rows.length.toLocaleString("en")} line(s) loaded{hasMore ? "; more below" : ""}
				</Text>
				{loading ? (
					<Group gap={6}>
						<Loader size="xs" />
						<Text size="xs">loading…</Text>
					</Group>
				) : hasMore ? (
					<Button color="blue.8" size="compact-xs" variant="subtle" onClick={onNeedMore}>
						Load more
					</Button>
				) : null}
			</Group>
		</Box>
	);
}
