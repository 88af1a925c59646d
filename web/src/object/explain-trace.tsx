// One party's decision on a stored object (GET /policy/explain), step by step.
import { Loader } from "@mantine/core";
import { DecisionTrace } from "../components/decision-trace.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";

export function ExplainTrace(props: { objectId: string; partyId: string; partyName: string }) {
	const { purpose } = useSession();
	const explained = useApiQuery("/policy/explain", {
		query: { object: props.objectId, to: props.partyId, purpose },
	});
	if (explained.isPending)
		return <Loader size="sm" aria-label={`Loading the decision for ${props.partyName}`} />;
	if (explained.error !== null)
		return <ErrorAlert error={explained.error} onRetry={() => void explained.refetch()} />;
	const decision = explained.data?.decision;
	if (decision === undefined) return null;
	return (
		<DecisionTrace
			decision={decision}
			partyId={props.partyId}
			partyName={props.partyName}
			purpose={purpose}
		/>
	);
}
