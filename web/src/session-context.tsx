// The signed-in session every screen reads: who you are (GET /me), the purpose you ask for, and an API getter bound to your token.
import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import { ApiError, apiGet, apiPost } from "./api/client.ts";
import type { AnswerOf, BodyOf, PathOf, RequestArgs, RouteOf } from "./api/routes.ts";
import type { MeResult, Purpose } from "./api/types.ts";
import { createNameCache, type NameCache } from "./names.ts";

export interface Session {
	token: string;
	me: MeResult;
	purpose: Purpose;
	setPurpose: (purpose: Purpose) => void;
	/** GET under /api/v1 with this session's token; a 401 ends the session (the token was revoked). */
	get: <P extends PathOf<"GET">>(
		path: P,
		...request: RequestArgs<RouteOf<"GET", P>>
	) => Promise<AnswerOf<RouteOf<"GET", P>>>;
	/** POST of a JSON body under /api/v1 with this session's token; a 401 ends the session too. */
	post: <P extends PathOf<"POST">>(
		path: P,
		body: BodyOf<RouteOf<"POST", P>>,
		...request: RequestArgs<RouteOf<"POST", P>>
	) => Promise<AnswerOf<RouteOf<"POST", P>>>;
	signOut: (reason?: string) => void;
	/** Names of identities (created_by_ref, parties), cached for the session. */
	names: NameCache;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider(props: {
	token: string;
	me: MeResult;
	purpose: Purpose;
	setPurpose: (purpose: Purpose) => void;
	signOut: (reason?: string) => void;
	children: ReactNode;
}) {
	const { token, me, purpose, setPurpose, signOut, children } = props;
	const endsOn401 = useCallback(
		async <T,>(call: Promise<T>): Promise<T> => {
			try {
				return await call;
			} catch (error) {
				if (error instanceof ApiError && error.status === 401) {
					signOut("The node no longer accepts your token (it may have been revoked): sign in again.");
				}
				throw error;
			}
		},
		[signOut],
	);
	const get = useCallback(
		<P extends PathOf<"GET">>(path: P, ...request: RequestArgs<RouteOf<"GET", P>>) =>
			endsOn401(apiGet(token, path, ...request)),
		[token, endsOn401],
	);
	const post = useCallback(
		<P extends PathOf<"POST">>(
			path: P,
			body: BodyOf<RouteOf<"POST", P>>,
			...request: RequestArgs<RouteOf<"POST", P>>
		) => endsOn401(apiPost(token, path, body, ...request)),
		[token, endsOn401],
	);
	const names = useMemo(
		() =>
			createNameCache(async (id) => {
				if (id === me.organization?.id) return me.organization.name;
				const { object } = await apiGet(token, "/objects/{id}", { params: { id } });
				return typeof object.name === "string" ? object.name : undefined;
			}),
		[token, me],
	);
	const value = useMemo(
		() => ({ token, me, purpose, setPurpose, get, post, signOut, names }),
		[token, me, purpose, setPurpose, get, post, signOut, names],
	);
	return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session; only screens rendered after sign-in call it. */
export function useSession(): Session {
	const session = useContext(SessionContext);
	if (session === undefined) throw new Error("useSession outside a signed-in session");
	return session;
}

/** True when the role may explain and preview decisions and read the policy (analyst or admin). */
export function canReadPolicy(me: MeResult): boolean {
	return me.user.role !== "reader";
}
