// Import text: paste a report, a CSV or an e-mail (or drop a file), review the observables found — kind, include,
// known, warninglist hits — then build the STIX draft (POST /import/text/commit), preview who would receive what
// (POST /policy/preview) and publish (POST /objects) as the Share screen does. Nothing is stored before Publish.
import {
	Alert,
	Badge,
	Button,
	FileButton,
	Group,
	SegmentedControl,
	Stack,
	Text,
	Textarea,
	Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { DraftPreview, ImportPreview, PublishResult, Purpose, StixObject } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { DraftResults } from "../share/draft-results.tsx";
import { PublishDialog } from "../share/publish-dialog.tsx";
import { PublishedList } from "../share/published-list.tsx";
import { PurposeSelect } from "../shell/purpose-select.tsx";
import { DEFAULT_OPTIONS, type ImportOptions, ImportOptionsForm, markingsOf } from "./import-options.tsx";
import { commitRows, type EditableRow, editableRows, includedLine } from "./import-rows.ts";
import { RowsTable } from "./rows-table.tsx";

type Format = "text" | "csv" | "email";

/** The share preview of a draft, with the draft it judged and the purpose it was judged for. */
interface Shared {
	objects: StixObject[];
	preview: DraftPreview;
	purpose: Purpose;
}

export function ImportScreen() {
	const { post, purpose, me } = useSession();
	const [text, setText] = useState("");
	const [format, setFormat] = useState<Format>("text");
	const [found, setFound] = useState<ImportPreview | undefined>(undefined);
	const [rows, setRows] = useState<EditableRow[]>([]);
	const [options, setOptions] = useState<ImportOptions>(DEFAULT_OPTIONS);
	const [shared, setShared] = useState<Shared | undefined>(undefined);
	const [published, setPublished] = useState<PublishResult | undefined>(undefined);
	const [failure, setFailure] = useState<unknown>(undefined);
	const [busy, setBusy] = useState<"finding" | "previewing" | "publishing" | undefined>(undefined);
	const [confirming, setConfirming] = useState(false);
	const queryClient = useQueryClient();

	if (!canReadPolicy(me)) {
		return (
			<Stack>
				<Title order={2}>Import text</Title>
				<Text>Importing and previewing need the analyst role; yours is {me.user.role}.</Text>
			</Stack>
		);
	}

	const run = async (step: "finding" | "previewing" | "publishing", work: () => Promise<void>) => {
		setFailure(undefined);
		setBusy(step);
		try {
			await work();
		} catch (error) {
			setFailure(error);
		} finally {
			setBusy(undefined);
		}
	};

	const find = () =>
		run("finding", async () => {
			const answer = await post("/import/text/preview", { text, format, purpose });
			setFound(answer);
			setRows(editableRows(answer.rows));
			setShared(undefined);
			setPublished(undefined);
		});

	const previewSharing = () =>
		run("previewing", async () => {
			const draft = await post("/import/text/commit", {
				rows: commitRows(rows),
				as: options.as,
				markings: markingsOf(options),
				name: options.name,
				...(options.description === "" ? {} : { description: options.description }),
				...(options.confidence === undefined ? {} : { confidence: options.confidence }),
			});
			const preview = await post("/policy/preview", { objects: draft.objects, purpose });
			setShared({ objects: draft.objects, preview, purpose });
		});

	const publish = () =>
		run("publishing", async () => {
			if (shared === undefined) return;
			try {
				setPublished(await post("/objects", { objects: shared.objects, purpose: shared.purpose }));
				void queryClient.invalidateQueries();
				setShared(undefined);
			} finally {
				setConfirming(false);
			}
		});

	const change = (index: number, edit: Partial<Pick<EditableRow, "include" | "kind">>) => {
		setRows((current) => current.map((row, at) => (at === index ? { ...row, ...edit } : row)));
		setShared(undefined);
	};
	const stale = shared !== undefined && shared.purpose !== purpose;

	return (
		<Stack gap="md">
			<Stack gap={4}>
				<Title order={2}>Import text</Title>
				<Text size="sm" c="dimmed">
					Paste a report, a CSV or an e-mail: every IP address, domain, URL, e-mail address, hash, file name,
					ASN, registry key and wallet in it is found, refanged and typed. Choose the rows to keep, then
					preview who would receive what. Nothing is stored until you publish.
				</Text>
			</Stack>
			<Textarea
				label="Text"
				placeholder="Paste the report here, drop a file on it, or load one"
				autosize
				minRows={6}
				maxRows={16}
				value={text}
				onChange={(event) => setText(event.currentTarget.value)}
				onDrop={(event) => {
					const file = event.dataTransfer.files[0];
					if (file === undefined) return;
					event.preventDefault();
					void file.text().then(setText);
				}}
				data-testid="import-text"
				styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
			/>
			<Group gap="sm" align="flex-end">
				<SegmentedControl
					value={format}
					onChange={(value) => setFormat(value === "csv" || value === "email" ? value : "text")}
					data={[
						{ value: "text", label: "Report" },
						{ value: "csv", label: "CSV" },
						{ value: "email", label: "E-mail" },
					]}
				/>
				<FileButton
					onChange={(file) => void file?.text().then(setText)}
					accept="text/*,.csv,.eml,.txt,.md,.log"
				>
					{(fileProps) => (
						<Button variant="default" {...fileProps}>
							Load a file…
						</Button>
					)}
				</FileButton>
				<Button onClick={find} loading={busy === "finding"} disabled={text === ""} data-testid="import-find">
					Find observables
				</Button>
			</Group>
			{failure === undefined ? null : <ErrorAlert error={failure} />}
			{found === undefined ? null : (
				<Stack gap="sm">
					<Group gap="sm">
						<Text size="sm" data-testid="import-count">
							{includedLine(rows)}
						</Text>
						{found.truncated ? (
							<Badge color="orange" variant="light" tt="none">
								more values than shown: the rest were left out
							</Badge>
						) : null}
					</Group>
					{rows.length === 0 ? (
						<Alert color="gray" variant="light">
							No observables found in this text.
						</Alert>
					) : (
						<RowsTable rows={rows} kinds={found.kinds} onChange={change} />
					)}
					{found.references.length === 0 ? null : (
						<Group gap={6} data-testid="import-references">
							<Text size="sm" c="dimmed">
								Cited:
							</Text>
							{found.references.map((reference) => (
								<Badge key={reference.value} variant="outline" color="gray" tt="none">
									{reference.value}
								</Badge>
							))}
						</Group>
					)}
					{rows.length === 0 ? null : (
						<>
							<ImportOptionsForm
								value={options}
								onChange={(value) => {
									setOptions(value);
									setShared(undefined);
								}}
							/>
							<Group gap="sm" align="flex-end">
								<PurposeSelect label="For the purpose" />
								<Button
									onClick={previewSharing}
									loading={busy === "previewing"}
									disabled={options.name.trim() === "" || !rows.some((row) => row.include)}
									data-testid="import-preview"
								>
									Preview sharing
								</Button>
								<Button
									color="red"
									variant={shared !== undefined && !stale ? "filled" : "light"}
									disabled={shared === undefined || stale || busy !== undefined}
									onClick={() => setConfirming(true)}
									data-testid="import-publish"
								>
									Publish…
								</Button>
							</Group>
						</>
					)}
				</Stack>
			)}
			{published === undefined ? null : <PublishedList result={published} />}
			{stale ? (
				<Alert color="yellow" variant="light">
					The purpose changed since this preview: preview again before publishing.
				</Alert>
			) : null}
			{shared === undefined ? null : <DraftResults preview={shared.preview} />}
			{shared === undefined ? null : (
				<PublishDialog
					opened={confirming && !stale}
					preview={shared.preview}
					organisation={me.organization?.name ?? "your organisation"}
					publishing={busy === "publishing"}
					onCancel={() => setConfirming(false)}
					onConfirm={publish}
				/>
			)}
		</Stack>
	);
}
