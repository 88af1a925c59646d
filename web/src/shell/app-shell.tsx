// The frame around every screen: header (node, purpose, who you are), navigation, and a skip link for keyboards.
import { Anchor, AppShell, Badge, Burger, Group, NavLink, Text, Title, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { followLink, type Route } from "../router.tsx";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { PurposeSelect } from "./purpose-select.tsx";
import { WhoAmI } from "./who-am-i.tsx";

/** One entry of the navigation: a screen's section, where it lives and what it is for. */
interface Section {
	section: Route["name"];
	href: string;
	label: string;
	description: string;
	/** Shown disabled, saying why, to a user who may not read the policy. */
	analystOnly?: boolean;
	/** Shown disabled, saying why, to a user who is not an admin. */
	adminOnly?: boolean;
}

/** The navigation, in order. A new screen adds one line here. */
const SECTIONS: readonly Section[] = [
	{
		section: "home",
		href: "/home",
		label: "Home",
		description: "the node at a glance",
		analystOnly: true,
	},
	{ section: "objects", href: "/objects", label: "Objects", description: "search the intelligence" },
	{ section: "match", href: "/match", label: "Match", description: "a pasted list of values" },
	{
		section: "share",
		href: "/share",
		label: "Share",
		description: "preview, then publish",
		analystOnly: true,
	},
	{
		section: "import",
		href: "/import",
		label: "Import text",
		description: "a report's observables",
		analystOnly: true,
	},
	{ section: "watch", href: "/watch", label: "Watch-list", description: "alerts on your ranges and domains" },
	{
		section: "feeds",
		href: "/feeds",
		label: "Feeds",
		description: "lists and MISP feeds pulled in",
		analystOnly: true,
	},
	{
		section: "policy",
		href: "/policy",
		label: "Policy",
		description: "who may receive what",
		analystOnly: true,
	},
	{
		section: "quarantine",
		href: "/quarantine",
		label: "Quarantine",
		description: "held for review",
		adminOnly: true,
	},
	{ section: "users", href: "/users", label: "Users", description: "roles and API tokens", adminOnly: true },
	{ section: "audit", href: "/audit", label: "Audit", description: "who did what", adminOnly: true },
];

export function EntenteShell(props: { route: Route; children: ReactNode }) {
	const { me } = useSession();
	const [opened, { toggle, close }] = useDisclosure(false);
	const section = SECTIONS.find((entry) => entry.section === props.route.name)?.section ?? "objects";
	const policyAllowed = canReadPolicy(me);
	return (
		<AppShell
			header={{ height: 60 }}
			navbar={{ width: 200, breakpoint: "sm", collapsed: { mobile: !opened } }}
			padding="md"
		>
			<Anchor href="#main" className="skip-link">
				Skip to content
			</Anchor>
			<AppShell.Header>
				<Group h="100%" px="md" justify="space-between" wrap="nowrap">
					<Group gap="sm" wrap="nowrap">
						<Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
						<Title order={1} size="h3" c="blue.9">
							Entente
						</Title>
						{me.party === null ? null : (
							<Tooltip label="The node you are signed in to">
								<Badge variant="outline" color="gray" tt="none" visibleFrom="sm">
									{me.party.local ? me.party.node : "partner view"}
								</Badge>
							</Tooltip>
						)}
					</Group>
					<Group gap="md" wrap="nowrap">
						<Group gap={6} wrap="nowrap" visibleFrom="md">
							<Text size="xs" c="dimmed" component="label" htmlFor="header-purpose">
								Purpose
							</Text>
							<PurposeSelect label="" id="header-purpose" />
						</Group>
						<WhoAmI />
					</Group>
				</Group>
			</AppShell.Header>
			<AppShell.Navbar p="xs" aria-label="Sections">
				<div className="navbar-purpose">
					<PurposeSelect label="Purpose" />
				</div>
				{SECTIONS.map((entry) => {
					const needs =
						entry.adminOnly === true && me.user.role !== "admin"
							? "needs the admin role"
							: entry.analystOnly === true && !policyAllowed
								? "needs the analyst role"
								: undefined;
					const disabled = needs !== undefined;
					return (
						<NavLink
							key={entry.section}
							href={entry.href}
							label={entry.label}
							description={needs ?? entry.description}
							active={section === entry.section}
							aria-current={section === entry.section ? "page" : undefined}
							disabled={disabled}
							onClick={(event) => {
								followLink(event, entry.href);
								close();
							}}
							data-testid={`nav-${entry.section}`}
						/>
					);
				})}
			</AppShell.Navbar>
			<AppShell.Main id="main" tabIndex={-1}>
				{props.children}
			</AppShell.Main>
		</AppShell>
	);
}
