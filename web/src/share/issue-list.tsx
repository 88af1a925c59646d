// Validation issues beside the JSON: which object, where in it (a JSONPath), what is wrong, and its code.
import { Alert, Badge, Group, Stack, Text } from "@mantine/core";
import type { InputIssue, StixIssue } from "../api/types.ts";

/** An issue located in the pasted JSON: the object's position (if any) and a JSONPath within it. */
export interface LocatedIssue {
	object?: number;
	path: string;
	code: string;
	message: string;
	severity: "error" | "warning";
}

/** `["body", "objects", 1, "granular_markings", 0]` → object 1, `$.granular_markings[0]`. */
export function locate(issue: InputIssue): LocatedIssue {
	const [location, list, index, ...rest] = issue.path;
	const inObject = location === "body" && list === "objects" && typeof index === "number";
	const segments = inObject ? rest : issue.path.slice(1);
	const path = `$${segments.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("")}`;
	return {
		...(inObject ? { object: index } : {}),
		path,
		code: issue.code,
		message: issue.message,
		severity: "error",
	};
}

/** A preview's warning for the object at `index`. */
export function warningAt(index: number, issue: StixIssue): LocatedIssue {
	return { object: index, path: issue.path, code: issue.code, message: issue.message, severity: "warning" };
}

/** What the object at `index` is called in the list: its type and name from the pasted JSON. */
function objectLabel(objects: readonly unknown[], index: number): string {
	const object = objects[index];
	const record = typeof object === "object" && object !== null ? (object as Record<string, unknown>) : {};
	const type = typeof record.type === "string" ? record.type : "object";
	const name = typeof record.name === "string" ? ` “${record.name}”` : "";
	return `#${index + 1} ${type}${name}`;
}

export function IssueList(props: { issues: readonly LocatedIssue[]; objects: readonly unknown[] }) {
	const errors = props.issues.filter((issue) => issue.severity === "error").length;
	return (
		<Alert
			color={errors > 0 ? "red" : "yellow"}
			variant="light"
			title={
				errors > 0
					? `${errors} problem(s) to fix before anything can be previewed or published`
					: `${props.issues.length} warning(s): the objects are accepted, but look again`
			}
			data-testid="draft-issues"
		>
			<Stack gap={8} component="ul" className="plain-list">
				{props.issues.map((issue, position) => (
					<li
						// biome-ignore lint/suspicious/noArrayIndexKey: issues are a fixed list from one answer.
						key={position}
						data-testid="draft-issue"
						data-path={issue.path}
						data-object={issue.object ?? ""}
					>
						<Group gap={6} wrap="nowrap" align="flex-start">
							<Badge
								size="xs"
								color={issue.severity === "error" ? "red" : "yellow"}
								variant="filled"
								radius="sm"
								style={{ flex: "none" }}
							>
								{issue.severity}
							</Badge>
							<Stack gap={0}>
								<Text size="sm" ff="monospace">
									{issue.object === undefined ? "" : `${objectLabel(props.objects, issue.object)} · `}
									{issue.path}
								</Text>
								<Text size="sm">
									{issue.message}{" "}
									<Text span size="xs" c="dimmed">
										[{issue.code}]
									</Text>
								</Text>
							</Stack>
						</Group>
					</li>
				))}
			</Stack>
		</Alert>
	);
}
