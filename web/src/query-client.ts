// The UI's one cache of API answers (TanStack Query): what is fetched, shared between screens, retried and refreshed.
import { QueryClient } from "@tanstack/react-query";
import { worthRetrying } from "./api/client.ts";

/** Attempts after the first for an answer worth retrying (network or 5xx); a 4xx is never repeated. */
const RETRIES = 2;

/**
 * A cache for one tab. Answers are shown from the cache at once and fetched again whenever a screen that shows
 * them mounts or the tab regains focus (TanStack's default `staleTime: 0`), so nothing on screen is older than
 * the last visit; a change made here (publish) invalidates every answer. Sign-in and sign-out empty it: the
 * answers are one user's, for one token.
 */
export function createQueryClient(): QueryClient {
	return new QueryClient({
		defaultOptions: {
			queries: { retry: (failures, error) => failures < RETRIES && worthRetrying(error) },
			mutations: { retry: false },
		},
	});
}
