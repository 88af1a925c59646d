// Builds the web UI into web/dist (git-ignored), which the node serves at "/" (src/server/web-ui.ts).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
	plugins: [react()],
	html: {
		// Replaced by a fresh nonce in every index.html response: CSP_NONCE_PLACEHOLDER in src/server/web-ui.ts.
		cspNonce: "__ENTENTE_CSP_NONCE__",
	},
	build: {
		outDir: "dist",
		emptyOutDir: true,
		target: "es2022",
		// The graph view (sigma, graphology) is loaded on demand, so the first screen does not wait for it.
		chunkSizeWarningLimit: 700,
	},
	server: {
		// `npm run dev:web`: the UI with hot reload, its API calls sent to a node started with `npm start`.
		proxy: { "/api": "http://127.0.0.1:4300" },
	},
});
