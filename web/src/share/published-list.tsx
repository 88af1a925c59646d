// After publishing: what happened to each object, with a link to each one stored.
import { Alert, Badge, Group, Stack, Text } from "@mantine/core";
import type { PublishResult } from "../api/types.ts";
import { Link, objectHref } from "../router.tsx";

const STATUS_COLOURS = {
	stored: "green",
	duplicate: "gray",
	quarantined: "orange",
	rejected: "red",
} as const;

export function PublishedList(props: { result: PublishResult }) {
	const { counts, results } = props.result;
	const failed = counts.rejected + counts.quarantined > 0;
	return (
		<Alert
			color={failed ? "orange" : "green"}
			variant="light"
			title={`Published: ${counts.stored} stored, ${counts.duplicate} already here, ${counts.quarantined} in conflict, ${counts.rejected} rejected`}
			data-testid="published"
		>
			<Stack gap={4}>
				{results.map((result) => (
					<Group key={`${result.index}:${result.id ?? ""}`} gap="xs" wrap="nowrap">
						<Badge size="sm" color={STATUS_COLOURS[result.status]} variant="light" radius="sm" w={96}>
							{result.status}
						</Badge>
						{result.id !== undefined && (result.status === "stored" || result.status === "duplicate") ? (
							<Link
								href={objectHref(result.id, "receivers")}
								size="sm"
								ff="monospace"
								data-testid="published-link"
							>
								{result.id}
							</Link>
						) : (
							<Text size="sm" ff="monospace">
								{result.id ?? `object #${result.index + 1}`}
							</Text>
						)}
						{result.reason === undefined ? null : (
							<Text size="xs" c="dimmed">
								{result.reason}
							</Text>
						)}
					</Group>
				))}
			</Stack>
		</Alert>
	);
}
