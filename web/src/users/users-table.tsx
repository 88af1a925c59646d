// The organisation's users (D66): role (changeable, except your own), the token's prefix, when it was minted and
// last used, and its state; a new token for anyone (yourself included), a revoke after a confirmation.
import { Badge, Button, Card, Group, Modal, NativeSelect, Table, Text } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../api/client.ts";
import { ROLES, type UserView } from "../api/types.ts";
import { formatTime } from "../format.ts";
import { useSession } from "../session-context.tsx";
import type { MintedToken } from "./users-screen.tsx";

export function UsersTable(props: {
	users: readonly UserView[];
	selfId: string;
	onMinted: (minted: MintedToken) => Promise<unknown>;
	onChanged: () => Promise<unknown>;
}) {
	const { post } = useSession();
	const [problem, setProblem] = useState<string | undefined>();
	const [revoking, setRevoking] = useState<UserView | undefined>();
	const [busy, setBusy] = useState<string | undefined>();

	const act = async (key: string, work: () => Promise<unknown>) => {
		setBusy(key);
		setProblem(undefined);
		try {
			await work();
		} catch (error) {
			setProblem(error instanceof ApiError ? `${error.message} [${error.code}]` : String(error));
		} finally {
			setBusy(undefined);
		}
	};
	const changeRole = (user: UserView, role: string) =>
		act(`role:${user.id}`, async () => {
			await post("/users/{id}/role", { role: role as UserView["role"] }, { params: { id: user.id } });
			await props.onChanged();
		});
	const mint = (user: UserView) =>
		act(`token:${user.id}`, async () => {
			await props.onMinted(await post("/users/{id}/token", {}, { params: { id: user.id } }));
		});
	const revoke = (user: UserView) =>
		act(`revoke:${user.id}`, async () => {
			setRevoking(undefined);
			await post("/users/{id}/token/revoke", {}, { params: { id: user.id } });
			await props.onChanged();
		});

	return (
		<Card withBorder padding="sm">
			{problem === undefined ? null : (
				<Text size="sm" c="red.9" mb="xs" role="alert">
					{problem}
				</Text>
			)}
			<Table data-testid="users-table" verticalSpacing={6}>
				<Table.Thead>
					<Table.Tr>
						<Table.Th>User</Table.Th>
						<Table.Th>Role</Table.Th>
						<Table.Th>Token</Table.Th>
						<Table.Th>Last used</Table.Th>
						<Table.Th>
							<span className="visually-hidden">Actions</span>
						</Table.Th>
					</Table.Tr>
				</Table.Thead>
				<Table.Tbody>
					{props.users.map((user) => {
						const self = user.id === props.selfId;
						const revoked = user.token.revokedAt !== null;
						return (
							<Table.Tr key={user.id} data-testid="user-row" data-user={user.name}>
								<Table.Td>
									<Text size="sm" fw={600}>
										{user.name}
										{self ? " (you)" : ""}
									</Text>
									<Text size="xs" c="gray.7">
										since {formatTime(user.createdAt)}
									</Text>
								</Table.Td>
								<Table.Td>
									<NativeSelect
										aria-label={`Role of ${user.name}`}
										value={user.role}
										data={[...ROLES]}
										disabled={self || busy !== undefined}
										title={self ? "ask another admin to change your own role" : undefined}
										onChange={(event) => void changeRole(user, event.currentTarget.value)}
										size="xs"
									/>
								</Table.Td>
								<Table.Td>
									<Group gap={6} wrap="nowrap">
										<Text size="xs" ff="monospace">
											{user.token.prefix === null ? "(older token)" : `${user.token.prefix}…`}
										</Text>
										{revoked ? (
											<Badge color="red.9" variant="outline" size="sm" data-testid="token-revoked">
												revoked
											</Badge>
										) : null}
									</Group>
									{user.token.createdAt === null ? null : (
										<Text size="xs" c="gray.7">
											minted {formatTime(user.token.createdAt)}
										</Text>
									)}
								</Table.Td>
								<Table.Td>
									<Text size="xs" data-testid="token-last-used">
										{user.token.lastUsedAt === null ? "never" : formatTime(user.token.lastUsedAt)}
									</Text>
								</Table.Td>
								<Table.Td>
									<Group gap={6} wrap="nowrap" justify="flex-end">
										<Button
											size="compact-xs"
											variant="default"
											loading={busy === `token:${user.id}`}
											onClick={() => void mint(user)}
											aria-label={`${revoked ? "New" : "Rotate"} token of ${user.name}`}
										>
											{revoked ? "New token" : "Rotate"}
										</Button>
										<Button
											size="compact-xs"
											variant="outline"
											color="red.9"
											disabled={self || revoked}
											title={self ? "rotate your own token instead" : undefined}
											loading={busy === `revoke:${user.id}`}
											onClick={() => setRevoking(user)}
											aria-label={`Revoke token of ${user.name}`}
										>
											Revoke
										</Button>
									</Group>
								</Table.Td>
							</Table.Tr>
						);
					})}
				</Table.Tbody>
			</Table>
			<Modal
				// The scroll lock injects a <style> without the page's CSP nonce (react-remove-scroll): keep it off.
				lockScroll={false}
				closeButtonProps={{ "aria-label": "Cancel" }}
				opened={revoking !== undefined}
				onClose={() => setRevoking(undefined)}
				title={revoking === undefined ? "" : `Revoke ${revoking.name}'s token?`}
			>
				{revoking === undefined ? null : (
					<>
						<Text size="sm">
							The token {revoking.token.prefix === null ? "" : `${revoking.token.prefix}… `}stops working at
							once: its next request is refused, on every process serving this node. {revoking.name} stays,
							without a token, until you mint a new one.
						</Text>
						<Group justify="flex-end" mt="md">
							<Button color="blue.8" variant="default" onClick={() => setRevoking(undefined)}>
								Cancel
							</Button>
							<Button color="red.8" onClick={() => void revoke(revoking)} data-testid="confirm-revoke">
								Revoke token
							</Button>
						</Group>
					</>
				)}
			</Modal>
		</Card>
	);
}
