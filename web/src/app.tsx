// The application: sign-in until a token is accepted, then the shell with the screen the URL names.
import { Center, Loader, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { apiGet } from "./api/client.ts";
import type { MeResult, Purpose } from "./api/types.ts";
import { AuditScreen } from "./audit/audit-screen.tsx";
import { ErrorAlert } from "./components/error-alert.tsx";
import { FeedsScreen } from "./feeds/feeds-screen.tsx";
import { HomeScreen } from "./home/home-screen.tsx";
import { ImportScreen } from "./import/import-screen.tsx";
import { ObjectScreen } from "./object/object-screen.tsx";
import { ObjectsScreen } from "./objects/objects-screen.tsx";
import { PolicyScreen } from "./policy/policy-screen.tsx";
import { QuarantineScreen } from "./quarantine/quarantine-screen.tsx";
import { Link, type Route, useRoute } from "./router.tsx";
import { MatchScreen } from "./search/match-screen.tsx";
import { ValueScreen } from "./search/value-screen.tsx";
import { forgetToken, storedPurpose, storedToken, storePurpose, storeToken } from "./session.ts";
import { SessionProvider } from "./session-context.tsx";
import { ShareScreen } from "./share/share-screen.tsx";
import { EntenteShell } from "./shell/app-shell.tsx";
import { SignInScreen } from "./sign-in/sign-in-screen.tsx";
import { UsersScreen } from "./users/users-screen.tsx";
import { WatchScreen } from "./watch/watch-screen.tsx";

type Auth =
	| { state: "checking"; token: string }
	| { state: "signed-out"; notice?: string }
	| { state: "signed-in"; token: string; me: MeResult };

function initialAuth(): Auth {
	const token = storedToken();
	return token === undefined ? { state: "signed-out" } : { state: "checking", token };
}

export function App() {
	const route = useRoute();
	const [auth, setAuth] = useState<Auth>(initialAuth);
	const [purpose, setPurposeState] = useState<Purpose>(storedPurpose);
	const [recheckError, setRecheckError] = useState<unknown>(undefined);
	const queryClient = useQueryClient();

	// The cached answers were one user's: the next one to sign in in this tab starts with none.
	const signOut = useCallback(
		(notice?: string) => {
			forgetToken();
			queryClient.clear();
			setAuth(notice === undefined ? { state: "signed-out" } : { state: "signed-out", notice });
		},
		[queryClient],
	);
	const setPurpose = useCallback((next: Purpose) => {
		storePurpose(next);
		setPurposeState(next);
	}, []);

	// A token kept from earlier in this tab is checked again before anything is shown with it.
	useEffect(() => {
		if (auth.state !== "checking") return;
		const controller = new AbortController();
		apiGet(auth.token, "/me", { signal: controller.signal }).then(
			(me) => setAuth({ state: "signed-in", token: auth.token, me }),
			(error: unknown) => {
				if (controller.signal.aborted) return;
				if ((error as { status?: number }).status === 401) {
					signOut("The node no longer accepts the token this tab had: sign in again.");
				} else setRecheckError(error);
			},
		);
		return () => controller.abort();
	}, [auth, signOut]);

	useEffect(() => {
		document.title = `${titleOf(route)} · Entente`;
	}, [route]);

	if (auth.state === "signed-out") {
		return (
			<SignInScreen
				{...(auth.notice === undefined ? {} : { notice: auth.notice })}
				onSignedIn={(token, me) => {
					storeToken(token);
					queryClient.clear();
					setAuth({ state: "signed-in", token, me });
				}}
			/>
		);
	}
	if (auth.state === "checking") {
		return (
			<Center mih="100vh">
				{recheckError === undefined ? (
					<Loader aria-label="Checking your session" />
				) : (
					<ErrorAlert error={recheckError} onRetry={() => window.location.reload()} />
				)}
			</Center>
		);
	}
	return (
		<SessionProvider
			token={auth.token}
			me={auth.me}
			purpose={purpose}
			setPurpose={setPurpose}
			signOut={signOut}
		>
			<EntenteShell route={route}>
				<Screen route={route} />
			</EntenteShell>
		</SessionProvider>
	);
}

function Screen(props: { route: Route }) {
	const { route } = props;
	switch (route.name) {
		case "home":
			return <HomeScreen />;
		case "objects":
			return (
				<ObjectsScreen
					q={route.q}
					types={route.types}
					{...(route.added === undefined ? {} : { added: route.added })}
					{...(route.marking === undefined ? {} : { marking: route.marking })}
				/>
			);
		case "object":
			return <ObjectScreen key={route.id} id={route.id} tab={route.tab} />;
		case "policy":
			return <PolicyScreen {...(route.version === undefined ? {} : { version: route.version })} />;
		case "share":
			return <ShareScreen />;
		case "import":
			return <ImportScreen />;
		case "watch":
			return <WatchScreen />;
		case "feeds":
			return <FeedsScreen />;
		case "quarantine":
			return <QuarantineScreen />;
		case "users":
			return <UsersScreen />;
		case "audit":
			return <AuditScreen />;
		case "value":
			return <ValueScreen key={`${route.kind}:${route.value}`} kind={route.kind} value={route.value} />;
		case "match":
			return <MatchScreen />;
		case "not-found":
			return (
				<Stack data-testid="not-found">
					<Title order={2}>No such page</Title>
					<Text>
						Nothing lives at <code>{route.path}</code> in the web UI.{" "}
						<Link href="/objects">Go to the objects</Link>.
					</Text>
				</Stack>
			);
	}
}

function titleOf(route: Route): string {
	switch (route.name) {
		case "home":
			return "Home";
		case "objects":
			return route.q === "" ? "Objects" : `“${route.q}”`;
		case "object":
			return route.id;
		case "policy":
			return "Policy";
		case "share":
			return "Share";
		case "import":
			return "Import text";
		case "watch":
			return "Watch-list";
		case "feeds":
			return "Feeds";
		case "quarantine":
			return "Quarantine";
		case "users":
			return "Users";
		case "audit":
			return "Audit";
		case "value":
			return route.value;
		case "match":
			return "Match";
		case "not-found":
			return "Not found";
	}
}
