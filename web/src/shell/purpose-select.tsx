// The purpose every request declares: agreements and transfer routes are purpose-bound, so it changes what you see.
import { Select } from "@mantine/core";
import { PURPOSES, type Purpose } from "../api/types.ts";
import { words } from "../format.ts";
import { useSession } from "../session-context.tsx";

export function PurposeSelect(props: { label?: string; id?: string }) {
	const { purpose, setPurpose } = useSession();
	return (
		<Select
			{...(props.id === undefined ? {} : { id: props.id })}
			label={props.label ?? "Purpose"}
			data={PURPOSES.map((value) => ({ value, label: words(value) }))}
			value={purpose}
			onChange={(value) => {
				const chosen = PURPOSES.find((candidate) => candidate === value);
				if (chosen !== undefined) setPurpose(chosen as Purpose);
			}}
			allowDeselect={false}
			w={220}
			size="xs"
			comboboxProps={{ withinPortal: true }}
			data-testid="purpose-select"
		/>
	);
}
