// Loads something asynchronously for a component: data, error and loading state, cancelled when inputs change.
import { type DependencyList, useCallback, useEffect, useState } from "react";

export interface Resource<T> {
	data: T | undefined;
	error: unknown;
	loading: boolean;
	reload: () => void;
}

/**
 * Runs `load` when `deps` change (aborting the previous run) and keeps its result.
 * @example const me = useResource((signal) => apiGet<MeResult>(token, "/me", {}, signal), [token]);
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
	const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
		data: undefined,
		error: undefined,
		loading: true,
	});
	const [generation, setGeneration] = useState(0);
	// biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new closure each render; `deps` say when to rerun.
	useEffect(() => {
		const controller = new AbortController();
		setState({ data: undefined, error: undefined, loading: true });
		load(controller.signal).then(
			(data) => {
				if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
			},
			(error: unknown) => {
				if (!controller.signal.aborted) setState({ data: undefined, error, loading: false });
			},
		);
		return () => controller.abort();
	}, [...deps, generation]);
	const reload = useCallback(() => setGeneration((value) => value + 1), []);
	return { ...state, reload };
}
