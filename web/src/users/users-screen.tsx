// The Users screen (D66): an admin's organisation's users with their roles and tokens (prefix, minted, last used,
// revoked); add a user, change a role, mint a new token or revoke one. A new token is shown once, in a dialog.
import { Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { UserView } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";
import { NewTokenDialog } from "./new-token-dialog.tsx";
import { UserForm } from "./user-form.tsx";
import { UsersTable } from "./users-table.tsx";

/** A token just minted, to show once. */
export interface MintedToken {
	user: UserView;
	token: string;
}

export function UsersScreen() {
	const { me } = useSession();
	const queryClient = useQueryClient();
	const users = useApiQuery("/users", undefined, { enabled: me.user.role === "admin" });
	const [minted, setMinted] = useState<MintedToken | undefined>();
	const refresh = () => queryClient.invalidateQueries({ queryKey: ["api", "/users"] });
	const shown = async (token: MintedToken) => {
		setMinted(token);
		await refresh();
	};
	return (
		<Stack gap="md">
			<div>
				<Title order={2}>Users</Title>
				<Text size="sm" c="gray.7">
					{users.data === undefined ? "Your organisation's" : `${users.data.organization.name}'s`} users,
					their roles and API tokens. A token is shown once, when it is minted; the node keeps only its hash
					and its first characters.
				</Text>
			</div>
			{me.user.role === "admin" ? (
				<UserForm onCreated={shown} />
			) : (
				<Text size="sm" role="status">
					Managing users needs the admin role.
				</Text>
			)}
			{users.error === null ? null : <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
			{users.data === undefined ? null : (
				<UsersTable users={users.data.users} selfId={me.user.id} onMinted={shown} onChanged={refresh} />
			)}
			<NewTokenDialog minted={minted} onClose={() => setMinted(undefined)} />
		</Stack>
	);
}
