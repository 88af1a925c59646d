// Runs an impact preview of a policy text on the node (POST /policy/impact) and shows its progress (the job polled)
// until the node answers, per party, what the change gains and loses.
import { Button, Group, Progress, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { type ImpactResult, impactJob, startImpact } from "./policy-api.ts";

/** What a job's progress counts, in words. */
const PHASES = {
	reading: "Reading the stored objects",
	deciding: "Deciding for every party",
	"per-object": "Deciding object by object",
} as const;

/** How often a running job is asked for its progress, in milliseconds. */
const POLL_INTERVAL = 400;

export function ImpactRun(props: {
	text: string;
	/** False while the text has errors: the node would refuse it. */
	enabled: boolean;
	/** Called once per finished preview with the text it previewed. */
	onDone: (text: string, result: ImpactResult) => void;
	label?: string;
}) {
	const { token, purpose } = useSession();
	const [started, setStarted] = useState<{ job: string; text: string } | undefined>(undefined);
	const [startError, setStartError] = useState<unknown>(undefined);
	const [starting, setStarting] = useState(false);
	const job = useQuery({
		queryKey: ["policy-impact", started?.job],
		queryFn: ({ signal }) => impactJob(token, started?.job ?? "", signal),
		enabled: started !== undefined,
		refetchInterval: (query) =>
			query.state.data?.state === "done" || query.state.data?.state === "failed" ? false : POLL_INTERVAL,
		gcTime: 0,
		retry: false,
	});
	const onDone = useRef(props.onDone);
	onDone.current = props.onDone;
	const reported = useRef<string | undefined>(undefined);
	useEffect(() => {
		const result = job.data?.result;
		if (started === undefined || result === undefined || reported.current === started.job) return;
		reported.current = started.job;
		onDone.current(started.text, result);
	}, [job.data, started]);

	const run = async () => {
		setStarting(true);
		setStartError(undefined);
		try {
			const answer = await startImpact(token, props.text, purpose);
			setStarted({ job: answer.job, text: props.text });
		} catch (error) {
			setStartError(error);
		} finally {
			setStarting(false);
		}
	};

	const state = job.data;
	const running = starting || (started !== undefined && (state === undefined || state.state === "running"));
	const percent = state === undefined || state.total === 0 ? 0 : Math.round((100 * state.done) / state.total);
	return (
		<Stack gap="xs">
			<Group gap="sm">
				<Button
					onClick={() => void run()}
					disabled={!props.enabled || running}
					loading={running}
					data-testid="impact-run"
				>
					{props.label ?? "Preview impact"}
				</Button>
				{running && state !== undefined ? (
					<Text size="sm" c="dimmed" data-testid="impact-progress" aria-live="polite">
						{PHASES[state.phase ?? "deciding"]}: {state.done.toLocaleString()} of{" "}
						{state.total.toLocaleString()}
					</Text>
				) : null}
			</Group>
			{running ? <Progress value={percent} aria-label="Impact preview progress" animated size="sm" /> : null}
			{startError === undefined ? null : <ErrorAlert error={startError} />}
			{job.error === null ? null : <ErrorAlert error={job.error} />}
			{state?.state === "failed" ? (
				<Text c="red" size="sm" role="alert">
					The impact preview failed: {state.error ?? "the node gave no reason"}
				</Text>
			) : null}
		</Stack>
	);
}
