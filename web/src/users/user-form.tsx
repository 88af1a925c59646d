// Add a user to your organisation (admins, D66): a name and a role; the answer's token goes to the shown-once dialog.
import { Button, Card, Group, NativeSelect, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client.ts";
import { ROLES } from "../api/types.ts";
import { useSession } from "../session-context.tsx";
import type { MintedToken } from "./users-screen.tsx";

export function UserForm(props: { onCreated: (minted: MintedToken) => Promise<unknown> }) {
	const { post } = useSession();
	const [name, setName] = useState("");
	const [role, setRole] = useState<(typeof ROLES)[number]>("analyst");
	const [problem, setProblem] = useState<string | undefined>();
	const [busy, setBusy] = useState(false);

	const add = async (event: FormEvent) => {
		event.preventDefault();
		setBusy(true);
		setProblem(undefined);
		try {
			const created = await post("/users", { name, role });
			setName("");
			await props.onCreated(created);
		} catch (error) {
			setProblem(error instanceof ApiError ? `${error.message} [${error.code}]` : String(error));
		} finally {
			setBusy(false);
		}
	};

	return (
		<Card withBorder padding="sm" component="form" onSubmit={add} aria-label="Add a user">
			<Text fw={600} size="sm" mb="xs">
				Add a user
			</Text>
			<Group align="flex-end" gap="sm">
				<TextInput
					label="User name"
					value={name}
					onChange={(event) => setName(event.currentTarget.value)}
					required
					data-testid="user-name"
				/>
				<NativeSelect
					label="Role"
					value={role}
					onChange={(event) => setRole(event.currentTarget.value as (typeof ROLES)[number])}
					data={[...ROLES]}
					data-testid="user-role"
				/>
				<Button color="blue.8" type="submit" loading={busy} data-testid="user-add">
					Add user
				</Button>
			</Group>
			{problem === undefined ? null : (
				<Text size="sm" c="red.9" mt="xs" role="alert">
					{problem}
				</Text>
			)}
		</Card>
	);
}
