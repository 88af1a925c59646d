// One party's decision step by step: every rule the gate consulted, in order, in its own words.
import { Badge, Group, Stack, Text, Timeline } from "@mantine/core";
import type { Decision, TraceOutcome } from "../api/types.ts";
import { words } from "../format.ts";
import { MarkingChips } from "./marking-chip.tsx";
import { VerdictBadge, verdictMeaning } from "./verdict-badge.tsx";

const OUTCOMES: Readonly<Record<TraceOutcome, { color: string; label: string; mark: string }>> = {
	pass: { color: "green", label: "passes", mark: "✓" },
	restrict: { color: "yellow", label: "restricts", mark: "!" },
	transform: { color: "orange", label: "transforms", mark: "~" },
	deny: { color: "red", label: "denies", mark: "✕" },
};

export function DecisionTrace(props: {
	decision: Decision;
	partyId: string;
	partyName: string;
	purpose: string;
}) {
	const { decision } = props;
	return (
		<Stack gap="sm" data-testid="explain-trace" data-party-id={props.partyId}>
			<Group gap="xs">
				<Text size="sm">
					Why <b>{props.partyName}</b> gets
				</Text>
				<VerdictBadge verdict={decision.verdict} />
				<Text size="sm" c="dimmed">
					— {verdictMeaning(decision.verdict)} — for {words(props.purpose)}:
				</Text>
			</Group>
			<Timeline bulletSize={22} lineWidth={2} active={decision.trace.length}>
				{decision.trace.map((step, index) => {
					const look = OUTCOMES[step.outcome] ?? { color: "gray", label: step.outcome, mark: "?" };
					return (
						<Timeline.Item
							// Rules may repeat (one per judged reference); their order is the meaning.
							// biome-ignore lint/suspicious/noArrayIndexKey: the trace is a fixed, ordered list.
							key={index}
							color={look.color}
							bullet={<span aria-hidden="true">{look.mark}</span>}
							title={
								<Group gap={6}>
									<Text size="sm" fw={600}>
										{index + 1}. {step.rule}
									</Text>
									<Badge size="xs" color={look.color} variant="light" data-outcome={step.outcome}>
										{look.label}
									</Badge>
								</Group>
							}
							data-testid="trace-step"
						>
							<Text size="sm" c="dimmed">
								{step.reason}
							</Text>
						</Timeline.Item>
					);
				})}
			</Timeline>
			{decision.addMarkings.length === 0 ? null : (
				<Group gap={6}>
					<Text size="sm">The copy also carries</Text>
					<MarkingChips refs={decision.addMarkings} size="xs" />
				</Group>
			)}
		</Stack>
	);
}
