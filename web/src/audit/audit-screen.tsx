// The Audit screen (D66): who did what on the node, searched by actor, action, target, words and time, newest first,
// paged by cursor into a virtualised table; the same lines exported as CSV or JSON Lines.
import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { apiUrl } from "../api/client.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { AuditFilters, type AuditFilterValues, NO_FILTERS } from "./audit-filters.tsx";
import { AuditTable } from "./audit-table.tsx";

const PAGE_SIZE = 200;

/** The API's query of the filters: empty ones left out, a date's `until` meaning through that day. */
function queryOf(filters: AuditFilterValues): Record<string, string> {
	const query: Record<string, string> = {};
	for (const [key, value] of Object.entries(filters)) if (value.trim() !== "") query[key] = value.trim();
	if (query.until !== undefined) {
		const next = new Date(`${query.until}T00:00:00Z`);
		next.setUTCDate(next.getUTCDate() + 1);
		query.until = next.toISOString().slice(0, 10);
	}
	return query;
}

export function AuditScreen() {
	const { me, get, token } = useSession();
	const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
	const [exportProblem, setExportProblem] = useState<string | undefined>();
	const query = useMemo(() => queryOf(filters), [filters]);
	const pages = useInfiniteQuery({
		queryKey: ["audit", query],
		queryFn: ({ pageParam, signal }) =>
			get("/audit", {
				query: { ...query, limit: PAGE_SIZE, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
				signal,
			}),
		initialPageParam: undefined as string | undefined,
		getNextPageParam: (last) => last.next ?? undefined,
		enabled: me.user.role === "admin",
	});
	const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.entries) ?? [], [pages.data]);

	const download = async (format: "csv" | "jsonl") => {
		setExportProblem(undefined);
		try {
			const response = await fetch(apiUrl("/audit/export", { ...query, format }), {
				headers: { authorization: `Bearer ${token}` },
				credentials: "omit",
			});
			if (!response.ok) throw new Error(`the node answered ${response.status}`);
			const url = URL.createObjectURL(await response.blob());
			const link = document.createElement("a");
			link.href = url;
			link.download = `entente-audit.${format}`;
			link.click();
			setTimeout(() => URL.revokeObjectURL(url), 10_000);
		} catch (error) {
			setExportProblem(error instanceof Error ? error.message : String(error));
		}
	};

	return (
		<Stack gap="md">
			<div>
				<Title order={2}>Audit</Title>
				<Text size="sm" c="gray.7">
					Who did what on this node: publishes, deletions, policy versions, token use (once a minute per
					token), user, token and feed changes. Newest first.
				</Text>
			</div>
			{me.user.role !== "admin" ? (
				<Text size="sm" role="status">
					The audit trail needs the admin role.
				</Text>
			) : (
				<>
					<AuditFilters onApply={setFilters} />
					<Group gap="sm">
						<Button variant="default" size="xs" onClick={() => void download("csv")} data-testid="export-csv">
							Export CSV
						</Button>
						<Button
							variant="default"
							size="xs"
							onClick={() => void download("jsonl")}
							data-testid="export-jsonl"
						>
							Export JSON Lines
						</Button>
						{exportProblem === undefined ? null : (
							<Text size="sm" c="red.9" role="alert">
								Export failed: {exportProblem}
							</Text>
						)}
					</Group>
					{pages.error === null ? null : (
						<ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} />
					)}
					<AuditTable
						rows={rows}
						loading={pages.isFetching}
						hasMore={pages.data === undefined || pages.hasNextPage}
						onNeedMore={() => {
							if (!pages.isFetching && pages.hasNextPage) void pages.fetchNextPage();
						}}
					/>
				</>
			)}
		</Stack>
	);
}
