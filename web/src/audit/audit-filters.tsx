// The audit trail's filters (D66): who, which action (or family), what, words, and a time range; applied on submit.
import { Button, Card, Group, NativeSelect, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { AUDIT_ACTIONS } from "../api/types.ts";

export interface AuditFilterValues {
	actor: string;
	action: string;
	target: string;
	q: string;
	since: string;
	until: string;
}

export const NO_FILTERS: AuditFilterValues = {
	actor: "",
	action: "",
	target: "",
	q: "",
	since: "",
	until: "",
};

/** Families first (`token`: every token.*), then each action. */
const ACTION_CHOICES = [
	{ value: "", label: "any action" },
	...[...new Set(AUDIT_ACTIONS.map((action) => action.split(".")[0] ?? ""))].map((family) => ({
		value: family,
		label: `${family}.*`,
	})),
	...AUDIT_ACTIONS.map((action) => ({ value: action, label: action })),
];

export function AuditFilters(props: { onApply: (filters: AuditFilterValues) => void }) {
	const [values, setValues] = useState<AuditFilterValues>(NO_FILTERS);
	const set = (key: keyof AuditFilterValues) => (event: { currentTarget: { value: string } }) =>
		setValues({ ...values, [key]: event.currentTarget.value });
	const apply = (event: FormEvent) => {
		event.preventDefault();
		props.onApply(values);
	};
	return (
		<Card withBorder padding="sm" component="form" onSubmit={apply} aria-label="Audit filters">
			<Group align="flex-end" gap="sm">
				<TextInput
					label="Actor"
					placeholder="user name or id"
					value={values.actor}
					onChange={set("actor")}
					w={160}
				/>
				<NativeSelect
					label="Action"
					value={values.action}
					onChange={set("action")}
					data={ACTION_CHOICES}
					w={170}
				/>
				<TextInput
					label="Target"
					placeholder="object, user or feed id"
					value={values.target}
					onChange={set("target")}
					w={200}
				/>
				<TextInput
					label="Text"
					placeholder="words in any field"
					value={values.q}
					onChange={set("q")}
					w={170}
					data-testid="audit-text"
				/>
				<TextInput label="Since" type="date" value={values.since} onChange={set("since")} w={150} />
				<TextInput label="Until" type="date" value={values.until} onChange={set("until")} w={150} />
				<Button color="blue.8" type="submit" data-testid="audit-apply">
					Search
				</Button>
			</Group>
		</Card>
	);
}
