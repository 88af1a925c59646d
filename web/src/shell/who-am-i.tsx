// Who is signed in (GET /me): user, role, organisation and its party in the policy, with sign-out.
import { Avatar, Badge, Button, Group, Popover, Stack, Text, UnstyledButton } from "@mantine/core";
import { useSession } from "../session-context.tsx";

export function WhoAmI() {
	const { me, signOut } = useSession();
	const organisation = me.organization?.name ?? "no organisation";
	return (
		// A popover (a dialog), not a Menu: it holds text and one button, and a menu may hold only menu items.
		<Popover position="bottom-end" width={320} withArrow trapFocus returnFocus>
			<Popover.Target>
				<UnstyledButton aria-label={`Signed in as ${me.user.name}; account menu`} data-testid="who-am-i">
					<Group gap="xs" wrap="nowrap">
						<Avatar color="blue" radius="xl" size="sm">
							{me.user.name.slice(0, 2).toUpperCase()}
						</Avatar>
						<Stack gap={0} visibleFrom="sm">
							<Text size="sm" fw={600} lh={1.2}>
								{me.user.name}{" "}
								<Badge size="xs" variant="light">
									{me.user.role}
								</Badge>
							</Text>
							<Text size="xs" c="dimmed" lh={1.2} maw={260} truncate="end">
								{organisation}
							</Text>
						</Stack>
					</Group>
				</UnstyledButton>
			</Popover.Target>
			<Popover.Dropdown aria-label="Your account">
				<Stack gap={6} p="xs">
					<Text size="sm">
						<b>{me.user.name}</b> ({me.user.role})
					</Text>
					<Text size="xs" c="dimmed">
						Organisation
					</Text>
					<Text size="sm">{organisation}</Text>
					<Text size="xs" c="dimmed">
						Party in the sharing policy
					</Text>
					<Text size="sm" data-testid="my-party">
						{me.party === null
							? "none: your organisation is not a party of the applied policy"
							: `${me.party.name} · ${me.party.sector} · node ${me.party.node}${me.party.local ? " (this node)" : ""}`}
					</Text>
					<Button size="xs" variant="light" mt="xs" onClick={() => signOut()}>
						Sign out
					</Button>
				</Stack>
			</Popover.Dropdown>
		</Popover>
	);
}
