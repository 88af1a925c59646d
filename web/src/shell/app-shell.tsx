// The frame around every screen: header (node, purpose, who you are), navigation, and a skip link for keyboards.
import { Anchor, AppShell, Badge, Burger, Group, NavLink, Text, Title, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { followLink, type Route } from "../router.tsx";
import { canReadPolicy, useSession } from "../session-context.tsx";
import { PurposeSelect } from "./purpose-select.tsx";
import { WhoAmI } from "./who-am-i.tsx";

export function EntenteShell(props: { route: Route; children: ReactNode }) {
	const { me } = useSession();
	const [opened, { toggle, close }] = useDisclosure(false);
	const section =
		props.route.name === "policy" ||
		props.route.name === "share" ||
		props.route.name === "import" ||
		props.route.name === "watch" ||
		props.route.name === "feeds" ||
		props.route.name === "match"
			? props.route.name
			: "objects";
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
				<NavLink
					href="/objects"
					label="Objects"
					description="search the intelligence"
					active={section === "objects"}
					onClick={(event) => {
						followLink(event, "/objects");
						close();
					}}
				/>
				<NavLink
					href="/match"
					label="Match"
					description="a pasted list of values"
					active={section === "match"}
					onClick={(event) => {
						followLink(event, "/match");
						close();
					}}
					data-testid="nav-match"
				/>
				<NavLink
					href="/share"
					label="Share"
					description={policyAllowed ? "preview, then publish" : "needs the analyst role"}
					active={section === "share"}
					disabled={!policyAllowed}
					onClick={(event) => {
						followLink(event, "/share");
						close();
					}}
					data-testid="nav-share"
				/>
				<NavLink
					href="/import"
					label="Import text"
					description={policyAllowed ? "a report's observables" : "needs the analyst role"}
					active={section === "import"}
					disabled={!policyAllowed}
					onClick={(event) => {
						followLink(event, "/import");
						close();
					}}
					data-testid="nav-import"
				/>
				<NavLink
					href="/watch"
					label="Watch-list"
					description="alerts on your ranges and domains"
					active={section === "watch"}
					onClick={(event) => {
						followLink(event, "/watch");
						close();
					}}
					data-testid="nav-watch"
				/>
				<NavLink
					href="/feeds"
					label="Feeds"
					description={policyAllowed ? "lists and MISP feeds pulled in" : "needs the analyst role"}
					active={section === "feeds"}
					disabled={!policyAllowed}
					onClick={(event) => {
						followLink(event, "/feeds");
						close();
					}}
					data-testid="nav-feeds"
				/>
				<NavLink
					href="/policy"
					label="Policy"
					description={policyAllowed ? "who may receive what" : "needs the analyst role"}
					active={section === "policy"}
					disabled={!policyAllowed}
					onClick={(event) => {
						followLink(event, "/policy");
						close();
					}}
				/>
			</AppShell.Navbar>
			<AppShell.Main id="main" tabIndex={-1}>
				{props.children}
			</AppShell.Main>
		</AppShell>
	);
}
