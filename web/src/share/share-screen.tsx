// Share: write or paste STIX, preview who would receive what (POST /policy/preview, nothing stored), then publish
// (POST /objects) after a confirmation — never content or a purpose the preview did not show.
import { Alert, Button, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../api/client.ts";
import type { DraftPreview, InputIssue, PublishResult, StixObject } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { PurposeSelect } from "../shell/purpose-select.tsx";
import { DraftEditor } from "./draft-editor.tsx";
import { DraftResults } from "./draft-results.tsx";
import { bundleText, parseDraft } from "./draft-text.ts";
import { IndicatorForm } from "./indicator-form.tsx";
import { type LocatedIssue, locate, warningAt } from "./issue-list.tsx";
import { PublishDialog } from "./publish-dialog.tsx";
import { PublishedList } from "./published-list.tsx";

/** A preview is shown for one text and one purpose; publishing needs both unchanged since. */
const keyOf = (text: string, purpose: string): string => `${purpose}\u0000${text}`;

/** The located issues of a 400 answer to a preview or publish, or undefined for any other error. */
function issuesOf(error: unknown): LocatedIssue[] | undefined {
	if (!(error instanceof ApiError) || error.code !== "E_API_PARAMETER") return undefined;
	const issues = error.details.issues;
	return Array.isArray(issues) ? (issues as InputIssue[]).map(locate) : undefined;
}

export function ShareScreen() {
	const { post, purpose, me } = useSession();
	const [tab, setTab] = useState<string | null>("json");
	const [text, setText] = useState("");
	const [shown, setShown] = useState<{ key: string; preview: DraftPreview } | undefined>(undefined);
	const [issues, setIssues] = useState<LocatedIssue[]>([]);
	const [unreadable, setUnreadable] = useState<string | undefined>(undefined);
	const [failure, setFailure] = useState<unknown>(undefined);
	const [busy, setBusy] = useState<"previewing" | "publishing" | undefined>(undefined);
	const [confirming, setConfirming] = useState(false);
	const [published, setPublished] = useState<PublishResult | undefined>(undefined);
	const queryClient = useQueryClient();

	if (!canReadPolicy(me)) {
		return (
			<Stack>
				<Title order={2}>Share</Title>
				<Text>Previewing and publishing need the analyst role; yours is {me.user.role}.</Text>
			</Stack>
		);
	}
	const draft = parseDraft(text);
	const objects = draft.ok ? draft.objects : [];
	const current = shown !== undefined && shown.key === keyOf(text, purpose);

	const preview = async () => {
		setPublished(undefined);
		setFailure(undefined);
		if (!draft.ok) {
			setUnreadable(draft.message);
			setIssues([]);
			return;
		}
		setUnreadable(undefined);
		setBusy("previewing");
		try {
			const answer = await post("/policy/preview", { objects: draft.objects, purpose });
			setShown({ key: keyOf(text, purpose), preview: answer });
			setIssues(answer.objects.flatMap((object) => object.warnings.map((w) => warningAt(object.index, w))));
		} catch (error) {
			setShown(undefined);
			const located = issuesOf(error);
			setIssues(located ?? []);
			if (located === undefined) setFailure(error);
		} finally {
			setBusy(undefined);
		}
	};

	const publish = async () => {
		if (!draft.ok) return;
		setBusy("publishing");
		try {
			setPublished(await post("/objects", { objects: draft.objects, purpose }));
			// What was stored changes lists, counts, previews and neighbourhoods: every cached answer is refetched
			// when next shown (at once where shown now).
			void queryClient.invalidateQueries();
			setShown(undefined);
			setConfirming(false);
		} catch (error) {
			setConfirming(false);
			setFailure(error);
		} finally {
			setBusy(undefined);
		}
	};

	const written = (indicator: StixObject) => {
		setText(bundleText([indicator], crypto.randomUUID()));
		setTab("json");
	};

	return (
		<Stack gap="md">
			<Stack gap={4}>
				<Title order={2}>Share</Title>
				<Text size="sm" c="dimmed">
					See who would receive what before anything is shared. Previewing stores nothing; publishing stores
					the objects as {me.organization?.name ?? "your organisation"} and the federation sends each peer
					what the gate releases to it, at once.
				</Text>
			</Stack>
			<Tabs value={tab} onChange={setTab} keepMounted={false}>
				<Tabs.List>
					<Tabs.Tab value="json" data-testid="share-tab-json">
						JSON
					</Tabs.Tab>
					<Tabs.Tab value="form" data-testid="share-tab-form">
						New indicator
					</Tabs.Tab>
				</Tabs.List>
				<Tabs.Panel value="json" pt="md">
					<DraftEditor
						text={text}
						onChange={setText}
						issues={issues}
						objects={objects}
						{...(unreadable === undefined ? {} : { unreadable })}
					/>
				</Tabs.Panel>
				<Tabs.Panel value="form" pt="md">
					<IndicatorForm onBuilt={written} />
				</Tabs.Panel>
			</Tabs>
			{tab !== "json" ? null : (
				<Group gap="sm" align="flex-end">
					<PurposeSelect label="For the purpose" />
					<Button onClick={preview} loading={busy === "previewing"} data-testid="share-preview">
						Preview
					</Button>
					<Button
						color="red"
						variant={current ? "filled" : "light"}
						disabled={!current || busy !== undefined}
						onClick={() => setConfirming(true)}
						data-testid="share-publish"
					>
						Publish…
					</Button>
					{!current && shown === undefined && published === undefined ? (
						<Text size="sm" c="dimmed">
							Publishing needs a preview of exactly this JSON for this purpose.
						</Text>
					) : null}
				</Group>
			)}
			{failure === undefined ? null : <ErrorAlert error={failure} />}
			{published === undefined ? null : <PublishedList result={published} />}
			{shown !== undefined && !current ? (
				<Alert color="yellow" variant="light" data-testid="preview-stale">
					The JSON or the purpose changed since this preview: preview again before publishing.
				</Alert>
			) : null}
			{shown === undefined ? null : <DraftResults preview={shown.preview} />}
			{shown === undefined ? null : (
				<PublishDialog
					opened={confirming && current}
					preview={shown.preview}
					organisation={me.organization?.name ?? "your organisation"}
					publishing={busy === "publishing"}
					onCancel={() => setConfirming(false)}
					onConfirm={publish}
				/>
			)}
		</Stack>
	);
}
