// Entry point: Mantine with the server's per-response CSP nonce (for the <style> elements it injects), the query
// cache of API answers, then the app.
import "@mantine/core/styles.css";
import "./app.css";
import { MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { cspNonce } from "./csp-nonce.ts";
import { createQueryClient } from "./query-client.ts";
import { readableVariables, theme } from "./theme.ts";

const nonce = cspNonce();

const queryClient = createQueryClient();

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
createRoot(root).render(
	<StrictMode>
		<MantineProvider
			theme={theme}
			getStyleNonce={() => nonce}
			cssVariablesResolver={readableVariables}
			defaultColorScheme="light"
		>
			<QueryClientProvider client={queryClient}>
				<App />
			</QueryClientProvider>
		</MantineProvider>
	</StrictMode>,
);
