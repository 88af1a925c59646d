// Forms for the common policy changes: the node edits the YAML (POST /policy/edit, comments and layout kept) and the
// editor shows the result, so the change is seen as text before anything applies.
import { Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { PURPOSES, type Purpose, SECTORS, TLP_LEVELS } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { editPolicy, type PolicyChange } from "./policy-api.ts";
import { legalBases, sectionKeys } from "./section-keys.ts";

const KINDS = [
	{ value: "add-party", label: "Add a party" },
	{ value: "add-agreement", label: "Add an agreement" },
	{ value: "set-ceiling", label: "Change a TLP ceiling" },
	{ value: "set-purposes", label: "Change an agreement's purposes" },
	{ value: "set-legal-basis-window", label: "Change a legal basis's window" },
] as const;
type Kind = (typeof KINDS)[number]["value"];

type TlpLevel = (typeof TLP_LEVELS)[number];
type Sector = (typeof SECTORS)[number];

/** `value` if it is one of `list`, else `fallback` (a Select answers strings). */
function oneOf<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
	return list.find((entry) => entry === value) ?? fallback;
}

/** The form's fields, all as text or lists; `changeOf` turns them into the route's change. */
interface Fields {
	key: string;
	id: string;
	name: string;
	node: string;
	sector: Sector;
	trustTier: string;
	jurisdictions: string[];
	parties: string[];
	purposes: Purpose[];
	tlpCeiling: TlpLevel;
	target: string;
	agreementKind: string;
	jurisdiction: string;
	basis: string;
	from: string;
	until: string;
}

const EMPTY: Fields = {
	key: "",
	id: "",
	name: "",
	node: "",
	sector: "government",
	trustTier: "2",
	jurisdictions: [],
	parties: [],
	purposes: [],
	tlpCeiling: "amber",
	target: "",
	agreementKind: "bilateral",
	jurisdiction: "",
	basis: "",
	from: "",
	until: "",
};

function optional<K extends string, V>(key: K, value: V | "" | undefined): Partial<Record<K, V>> {
	return value === "" || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function changeOf(kind: Kind, fields: Fields): PolicyChange {
	switch (kind) {
		case "add-party":
			return {
				kind,
				key: fields.key,
				party: {
					id: fields.id,
					name: fields.name,
					sector: fields.sector,
					jurisdictions: fields.jurisdictions,
					trustTier: Number(fields.trustTier),
					...optional("node", fields.node),
				},
			};
		case "add-agreement":
			return {
				kind,
				key: fields.key,
				agreement: {
					name: fields.name,
					kind: fields.agreementKind === "multilateral" ? "multilateral" : "bilateral",
					parties: fields.parties,
					purposes: fields.purposes,
					tlpCeiling: fields.tlpCeiling,
					validity: { from: fields.from, ...optional("until", fields.until) },
				},
			};
		case "set-ceiling": {
			const [target, key] = fields.target.split(":");
			return {
				kind,
				target: target === "party" ? "party" : "agreement",
				key: key ?? "",
				tlpCeiling: fields.tlpCeiling,
			};
		}
		case "set-purposes":
			return { kind, agreement: fields.target, purposes: fields.purposes };
		case "set-legal-basis-window":
			return {
				kind,
				jurisdiction: fields.jurisdiction,
				basis: fields.basis,
				from: fields.from,
				...optional("until", fields.until),
			};
	}
}

function KindFields(props: {
	kind: Kind;
	fields: Fields;
	set: (patch: Partial<Fields>) => void;
	text: string;
}) {
	const { kind, fields, set, text } = props;
	const parties = sectionKeys(text, "parties");
	const agreements = sectionKeys(text, "agreements");
	const jurisdictions = sectionKeys(text, "jurisdictions");
	const key = (
		<TextInput
			label="Key (lower-case letters, digits, '-')"
			value={fields.key}
			onChange={(event) => set({ key: event.currentTarget.value })}
			required
		/>
	);
	const name = (
		<TextInput
			label="Name"
			value={fields.name}
			onChange={(event) => set({ name: event.currentTarget.value })}
			required
		/>
	);
	const ceiling = (
		<Select
			label="TLP ceiling"
			data={[...TLP_LEVELS]}
			value={fields.tlpCeiling}
			onChange={(value) => set({ tlpCeiling: oneOf(TLP_LEVELS, value, "amber") })}
			allowDeselect={false}
		/>
	);
	const purposes = (
		<MultiSelect
			label="Purposes"
			data={[...PURPOSES]}
			value={fields.purposes}
			onChange={(value) => set({ purposes: value.map((entry) => oneOf(PURPOSES, entry, "network-defence")) })}
		/>
	);
	switch (kind) {
		case "add-party":
			return (
				<>
					{key}
					<TextInput
						label="STIX identity id"
						placeholder="identity--…"
						value={fields.id}
						onChange={(event) => set({ id: event.currentTarget.value })}
						required
					/>
					{name}
					<Select
						label="Sector"
						data={[...SECTORS]}
						value={fields.sector}
						onChange={(value) => set({ sector: oneOf(SECTORS, value, fields.sector) })}
						required
					/>
					<Select
						label="Trust tier (1 is the most trusted)"
						data={["1", "2", "3", "4"]}
						value={fields.trustTier}
						onChange={(value) => set({ trustTier: value ?? "2" })}
						allowDeselect={false}
					/>
					<TextInput
						label="Node (its Entente node's name)"
						value={fields.node}
						onChange={(event) => set({ node: event.currentTarget.value })}
					/>
					<MultiSelect
						label="Jurisdictions"
						data={jurisdictions}
						value={fields.jurisdictions}
						onChange={(value) => set({ jurisdictions: value })}
						searchable
					/>
				</>
			);
		case "add-agreement":
			return (
				<>
					{key}
					{name}
					<Select
						label="Kind"
						data={["bilateral", "multilateral"]}
						value={fields.agreementKind}
						onChange={(value) => set({ agreementKind: value ?? "bilateral" })}
						allowDeselect={false}
					/>
					<MultiSelect
						label="Parties"
						data={parties}
						value={fields.parties}
						onChange={(value) => set({ parties: value })}
						searchable
					/>
					{purposes}
					{ceiling}
					<TextInput
						label="Valid from (YYYY-MM-DD)"
						value={fields.from}
						onChange={(event) => set({ from: event.currentTarget.value })}
						required
					/>
					<TextInput
						label="Valid until (YYYY-MM-DD; empty for open)"
						value={fields.until}
						onChange={(event) => set({ until: event.currentTarget.value })}
					/>
				</>
			);
		case "set-ceiling":
			return (
				<>
					<Select
						label="Party or agreement"
						data={[
							{
								group: "Parties",
								items: parties.map((party) => ({ value: `party:${party}`, label: party })),
							},
							{
								group: "Agreements",
								items: agreements.map((agreement) => ({ value: `agreement:${agreement}`, label: agreement })),
							},
						]}
						value={fields.target}
						onChange={(value) => set({ target: value ?? "" })}
						searchable
					/>
					{ceiling}
				</>
			);
		case "set-purposes":
			return (
				<>
					<Select
						label="Agreement"
						data={agreements}
						value={fields.target}
						onChange={(value) => set({ target: value ?? "" })}
						searchable
					/>
					{purposes}
				</>
			);
		case "set-legal-basis-window":
			return (
				<>
					<Select
						label="Jurisdiction"
						data={jurisdictions}
						value={fields.jurisdiction}
						onChange={(value) => set({ jurisdiction: value ?? "", basis: "" })}
					/>
					<Select
						label="Legal basis"
						data={legalBases(text)[fields.jurisdiction] ?? []}
						value={fields.basis}
						onChange={(value) => set({ basis: value ?? "" })}
					/>
					<TextInput
						label="Valid from (YYYY-MM-DD)"
						value={fields.from}
						onChange={(event) => set({ from: event.currentTarget.value })}
						required
					/>
					<TextInput
						label="Valid until (YYYY-MM-DD; empty for open)"
						value={fields.until}
						onChange={(event) => set({ until: event.currentTarget.value })}
					/>
				</>
			);
	}
}

export function ChangeForm(props: {
	opened: boolean;
	text: string;
	onClose: () => void;
	onEdited: (text: string) => void;
}) {
	const { token } = useSession();
	const [kind, setKind] = useState<Kind>("set-ceiling");
	const [fields, setFields] = useState<Fields>(EMPTY);
	const [error, setError] = useState<unknown>(undefined);
	const [busy, setBusy] = useState(false);
	const set = (patch: Partial<Fields>) => setFields((current) => ({ ...current, ...patch }));

	const submit = async () => {
		setBusy(true);
		setError(undefined);
		try {
			const edited = await editPolicy(token, props.text, changeOf(kind, fields));
			props.onEdited(edited.text);
			setFields(EMPTY);
			props.onClose();
		} catch (caught) {
			setError(caught);
		} finally {
			setBusy(false);
		}
	};

	return (
		<Modal
			opened={props.opened}
			onClose={props.onClose}
			title="Change the policy with a form"
			size="md"
			lockScroll={false}
			closeButtonProps={{ "aria-label": "Close the dialog" }}
		>
			<form
				onSubmit={(event) => {
					event.preventDefault();
					void submit();
				}}
			>
				<Stack gap="sm">
					<Select
						label="Change"
						data={KINDS.map((entry) => ({ ...entry }))}
						value={kind}
						onChange={(value) => setKind((value as Kind | null) ?? "set-ceiling")}
						allowDeselect={false}
						data-testid="change-kind"
					/>
					<KindFields kind={kind} fields={fields} set={set} text={props.text} />
					{error === undefined ? null : <ErrorAlert error={error} />}
					<Group justify="flex-end">
						<Button variant="default" onClick={props.onClose}>
							Cancel
						</Button>
						<Button type="submit" loading={busy} data-testid="change-submit">
							Write the change into the editor
						</Button>
					</Group>
				</Stack>
			</form>
		</Modal>
	);
}
