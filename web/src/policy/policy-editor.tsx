// Editing the policy in force: the YAML in an editor checked as you type, forms for common changes, the impact
// preview of exactly the text in the editor, and apply (admins) from the version the edit started on.
import { Alert, Button, Card, Group, Loader, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import type { PolicyResult } from "../api/types.ts";
import { formatTime } from "../format.ts";
import { useSession } from "../session-context.tsx";
import { ApplyDialog } from "./apply-dialog.tsx";
import { ChangeForm } from "./change-form.tsx";
import { DiffTable } from "./diff-table.tsx";
import { ImpactRun } from "./impact-run.tsx";
import { ImpactTable, impactSummary } from "./impact-table.tsx";
import {
	applyPolicy,
	type CurrentVersion,
	type ImpactResult,
	type PolicyFileError,
	policySchema,
	validatePolicy,
} from "./policy-api.ts";
import { canApplyPolicy, roleNote } from "./policy-roles.ts";
import { ValidationList } from "./validation-list.tsx";

const YamlEditor = lazy(() => import("./yaml-editor.tsx").then((module) => ({ default: module.YamlEditor })));

const EDITOR_HELP_ID = "policy-editor-help";

/** Drops the cached policy answers, so the screen shows the version just applied. */
export function usePolicyRefresh(): () => Promise<void> {
	const client = useQueryClient();
	return useCallback(async () => {
		await client.invalidateQueries({
			predicate: (query) => query.queryKey[0] === "api" && String(query.queryKey[1]).startsWith("/policy"),
		});
	}, [client]);
}

export function PolicyEditor(props: { current: PolicyResult }) {
	const { token, me } = useSession();
	const refresh = usePolicyRefresh();
	const [base, setBase] = useState({ version: props.current.version, text: props.current.text });
	const baseVersion = base.version;
	const [text, setText] = useState(props.current.text);
	const [revision, setRevision] = useState(0);
	const [validation, setValidation] = useState<{ text: string; errors: PolicyFileError[] } | undefined>(
		undefined,
	);
	const [preview, setPreview] = useState<{ text: string; result: ImpactResult } | undefined>(undefined);
	const [conflict, setConflict] = useState<CurrentVersion | undefined>(undefined);
	const [formOpen, setFormOpen] = useState(false);
	const [applyOpen, setApplyOpen] = useState(false);
	const [notice, setNotice] = useState<string | undefined>(undefined);
	const schema = useQuery({
		queryKey: ["policy-schema"],
		queryFn: ({ signal }) => policySchema(token, signal),
		staleTime: Infinity,
	});

	const replaceText = (next: string) => {
		setText(next);
		setRevision((value) => value + 1);
	};
	const validate = useCallback(
		async (candidate: string, signal: AbortSignal) => (await validatePolicy(token, candidate, signal)).errors,
		[token],
	);
	const errors = validation?.text === text ? validation.errors : undefined;
	const previewed = preview?.text === text ? preview.result : undefined;
	const mayApply = canApplyPolicy(me);
	const edited = text !== props.current.text;

	// A newer version in force (a rollback, another admin): an editor holding its base's text untouched follows it.
	// biome-ignore lint/correctness/useExhaustiveDependencies: only a new version in force moves the base.
	useEffect(() => {
		if (props.current.version > base.version && text === base.text) {
			setBase({ version: props.current.version, text: props.current.text });
			replaceText(props.current.text);
		}
	}, [props.current.version]);

	return (
		<Stack gap="sm">
			<Group justify="space-between" gap="sm">
				<Text size="sm" c="dimmed" data-testid="editor-base">
					Editing from version {baseVersion}
					{text === base.text ? " (unchanged)" : " (changed, not applied)"}
					{props.current.version === baseVersion ? "" : ` · version ${props.current.version} is in force`}
				</Text>
				<Group gap="xs">
					<Button variant="default" size="xs" onClick={() => setFormOpen(true)} data-testid="change-open">
						Change with a form…
					</Button>
					<Button
						variant="subtle"
						size="xs"
						disabled={!edited}
						onClick={() => {
							setBase({ version: props.current.version, text: props.current.text });
							replaceText(props.current.text);
						}}
					>
						Discard changes
					</Button>
				</Group>
			</Group>
			<Text size="xs" c="dimmed" id={EDITOR_HELP_ID}>
				Completion: Ctrl+Space. Errors appear as you type, at their line and column. Tab indents; press Escape
				then Tab to leave the editor.
			</Text>
			<Suspense fallback={<Loader aria-label="Loading the editor" />}>
				<YamlEditor
					text={text}
					revision={revision}
					schema={() => schema.data}
					validate={validate}
					onChange={(next) => {
						setText(next);
						setNotice(undefined);
					}}
					onValidated={(checked, found) => setValidation({ text: checked, errors: found })}
					label="Policy file (YAML)"
					describedBy={EDITOR_HELP_ID}
				/>
			</Suspense>
			<ValidationList errors={errors} />
			{conflict === undefined ? null : (
				<ConflictPanel
					baseVersion={baseVersion}
					current={conflict}
					onRebase={() => {
						setBase({ version: conflict.version, text: props.current.text });
						setConflict(undefined);
						setPreview(undefined);
					}}
				/>
			)}
			{notice === undefined ? null : (
				<Alert
					color="green"
					variant="light"
					role="status"
					data-testid="apply-notice"
					withCloseButton
					onClose={() => setNotice(undefined)}
				>
					{notice}
				</Alert>
			)}
			<Card withBorder padding="sm">
				<Stack gap="sm">
					<Group justify="space-between" align="flex-start">
						<ImpactRun
							text={text}
							enabled={errors?.length === 0}
							onDone={(checked, result) => setPreview({ text: checked, result })}
						/>
						<Stack gap={4} align="flex-end">
							<Button
								color="green"
								disabled={
									!mayApply ||
									previewed === undefined ||
									errors?.length !== 0 ||
									!edited ||
									conflict !== undefined
								}
								onClick={() => setApplyOpen(true)}
								data-testid="apply-open"
							>
								Apply…
							</Button>
							<Text size="xs" c="dimmed" maw={320} ta="right" data-testid="apply-why">
								{mayApply
									? previewed === undefined
										? "Preview the impact of this text first."
										: ""
									: roleNote(me)}
							</Text>
						</Stack>
					</Group>
					{previewed === undefined ? (
						preview === undefined ? null : (
							<Text size="sm" c="dimmed">
								The text changed since the last preview: preview again.
							</Text>
						)
					) : (
						<>
							<Text size="sm" fw={600} data-testid="impact-summary">
								{impactSummary(previewed)}
							</Text>
							<ImpactTable result={previewed} />
						</>
					)}
				</Stack>
			</Card>
			<ChangeForm opened={formOpen} text={text} onClose={() => setFormOpen(false)} onEdited={replaceText} />
			<ApplyDialog
				opened={applyOpen}
				title={`Apply as version ${props.current.version + 1}?`}
				confirmLabel="Apply"
				perform={(confirmCutOff) => applyPolicy(token, { text, baseVersion, confirmCutOff })}
				onApplied={(applied) => {
					setApplyOpen(false);
					setNotice(
						applied.applied
							? `Applied as version ${applied.version}.`
							: `The text equals version ${applied.version}; nothing was applied.`,
					);
					setBase({ version: applied.version, text });
					setPreview(undefined);
					void refresh();
				}}
				onConflict={(current) => {
					setApplyOpen(false);
					setNotice(undefined);
					setConflict(current);
					void refresh();
				}}
				onClose={() => setApplyOpen(false)}
			>
				<Text size="sm">{previewed === undefined ? "" : impactSummary(previewed)}</Text>
				<Text size="sm" c="dimmed">
					Every stored object is released from now on under the new version; the node keeps this one and can
					roll back to it.
				</Text>
			</ApplyDialog>
		</Stack>
	);
}

function ConflictPanel(props: { baseVersion: number; current: CurrentVersion; onRebase: () => void }) {
	const { baseVersion, current } = props;
	return (
		<Alert
			color="orange"
			variant="light"
			title={`Someone else applied version ${current.version}`}
			role="alert"
			data-testid="policy-conflict"
		>
			<Stack gap="sm">
				<Text size="sm">
					{current.appliedBy} applied version {current.version} at {formatTime(current.appliedAt)}, after you
					started from version {baseVersion}. Nothing of yours was applied and your text is kept. Rebase your
					change on version {current.version}: read what changed below, carry it into your text if needed,
					then preview the impact again.
				</Text>
				<DiffTable from={baseVersion} to={current.version} />
				<Button w="fit-content" onClick={props.onRebase} data-testid="rebase">
					Rebase my text on version {current.version}
				</Button>
			</Stack>
		</Alert>
	);
}
