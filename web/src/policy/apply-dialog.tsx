// The confirmation before a policy version is applied (an edit or a rollback): what it changes, then, when the node
// answers that it would cut off every partner, a second and explicit confirmation naming them.
import { Alert, Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import type { PolicyApplied } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { type CurrentVersion, conflictOf, cutOffPartiesOf } from "./policy-api.ts";

type Step = { name: "confirm" } | { name: "cut-off"; parties: string[] } | { name: "failed"; error: unknown };

export function ApplyDialog(props: {
	opened: boolean;
	title: string;
	/** What applying does, in words and counts (the impact preview's summary). */
	children: ReactNode;
	confirmLabel: string;
	/** False until the impact of what would apply has been previewed (the default is true). */
	ready?: boolean;
	perform: (confirmCutOff: boolean) => Promise<PolicyApplied>;
	onApplied: (applied: PolicyApplied) => void;
	onConflict: (current: CurrentVersion) => void;
	onClose: () => void;
}) {
	const [step, setStep] = useState<Step>({ name: "confirm" });
	const [busy, setBusy] = useState(false);

	const close = () => {
		setStep({ name: "confirm" });
		props.onClose();
	};
	const apply = async (confirmCutOff: boolean) => {
		setBusy(true);
		try {
			const applied = await props.perform(confirmCutOff);
			setStep({ name: "confirm" });
			props.onApplied(applied);
		} catch (error) {
			const conflict = conflictOf(error);
			const parties = cutOffPartiesOf(error);
			if (conflict !== undefined) {
				setStep({ name: "confirm" });
				props.onConflict(conflict);
			} else if (parties !== undefined && !confirmCutOff) setStep({ name: "cut-off", parties });
			else setStep({ name: "failed", error });
		} finally {
			setBusy(false);
		}
	};

	return (
		<Modal
			opened={props.opened}
			onClose={close}
			title={props.title}
			size="lg"
			lockScroll={false}
			closeButtonProps={{ "aria-label": "Close the dialog" }}
			data-testid="apply-dialog"
		>
			<Stack gap="md">
				{props.children}
				{step.name === "cut-off" ? (
					<Alert color="red" variant="light" title="This cuts the node off from every partner" role="alert">
						<Stack gap="xs">
							<Text size="sm">
								Under this version no partner party would receive anything from this node:
							</Text>
							<List size="sm">
								{step.parties.map((party) => (
									<List.Item key={party}>{party}</List.Item>
								))}
							</List>
							<Text size="sm">Apply it only if that is what you mean (an emergency stop, say).</Text>
						</Stack>
					</Alert>
				) : null}
				{step.name === "failed" ? <ErrorAlert error={step.error} /> : null}
				<Group justify="flex-end" gap="sm">
					<Button variant="default" onClick={close} disabled={busy}>
						Cancel
					</Button>
					{step.name === "cut-off" ? (
						<Button color="red" loading={busy} onClick={() => void apply(true)} data-testid="apply-cut-off">
							Apply and cut off every partner
						</Button>
					) : (
						<Button
							loading={busy}
							disabled={props.ready === false}
							onClick={() => void apply(false)}
							data-testid="apply-confirm"
						>
							{props.confirmLabel}
						</Button>
					)}
				</Group>
			</Stack>
		</Modal>
	);
}
