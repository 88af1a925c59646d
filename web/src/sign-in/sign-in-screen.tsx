// Sign in with an API token: checked against GET /me before it is kept (in this tab's sessionStorage only).
import { Alert, Button, Card, Center, Code, List, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { apiGet } from "../api/client.ts";
import type { MeResult } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";

export function SignInScreen(props: { notice?: string; onSignedIn: (token: string, me: MeResult) => void }) {
	const [token, setToken] = useState("");
	const [error, setError] = useState<unknown>(undefined);
	const [checking, setChecking] = useState(false);

	async function submit(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const candidate = token.trim();
		if (candidate === "") {
			setError(new Error("Paste a token first: it starts with ent_."));
			return;
		}
		setChecking(true);
		setError(undefined);
		try {
			const me = await apiGet(candidate, "/me");
			props.onSignedIn(candidate, me);
		} catch (failure) {
			setError(failure);
		} finally {
			setChecking(false);
		}
	}

	return (
		<Center mih="100vh" p="md" bg="gray.0">
			<Card withBorder shadow="sm" radius="md" p="xl" w={520} component="main">
				<form onSubmit={submit} aria-labelledby="sign-in-title">
					<Stack gap="md">
						<div>
							<Title order={1} size="h2" id="sign-in-title">
								Sign in to Entente
							</Title>
							<Text c="dimmed" size="sm">
								This node's threat intelligence, and who it would be shared with.
							</Text>
						</div>
						{props.notice === undefined ? null : (
							<Alert color="yellow" variant="light" role="status">
								{props.notice}
							</Alert>
						)}
						<PasswordInput
							label="API token"
							description="Your bearer token; it stays in this browser tab only."
							placeholder="ent_…"
							value={token}
							onChange={(event) => setToken(event.currentTarget.value)}
							autoComplete="off"
							spellCheck={false}
							data-autofocus
							autoFocus
							name="token"
						/>
						{error === undefined ? null : error instanceof Error && !("status" in error) ? (
							<Alert color="red" variant="light" role="alert" data-testid="error">
								{error.message}
							</Alert>
						) : (
							<ErrorAlert error={error} />
						)}
						<Button type="submit" loading={checking}>
							Sign in
						</Button>
						<Text size="sm" fw={500}>
							Where tokens come from
						</Text>
						<List size="sm" spacing={4}>
							<List.Item>
								the admin token the node printed when it first started (<Code>npm start</Code>, or{" "}
								<Code>entente init</Code>);
							</List.Item>
							<List.Item>
								a token for a user of your organisation:{" "}
								<Code>entente users add --party PARTY_ID --name NAME --role analyst</Code>.
							</List.Item>
						</List>
					</Stack>
				</form>
			</Card>
		</Center>
	);
}
