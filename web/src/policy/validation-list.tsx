// The node's verdict on the editor's text: "valid", or every error at its line:column (the same errors the editor
// marks inline), announced politely to screen readers.
import { List, Text } from "@mantine/core";
import type { PolicyFileError } from "./policy-api.ts";

export function ValidationList(props: { errors: PolicyFileError[] | undefined }) {
	const { errors } = props;
	return (
		<div aria-live="polite" data-testid="policy-validation">
			{errors === undefined ? (
				<Text size="sm" c="dimmed">
					Checking…
				</Text>
			) : errors.length === 0 ? (
				<Text size="sm" c="green.8">
					The node accepts this text.
				</Text>
			) : (
				<>
					<Text size="sm" c="red.8" fw={600}>
						{errors.length} {errors.length === 1 ? "error" : "errors"}: nothing can be previewed or applied
						until they are fixed.
					</Text>
					<List size="sm" spacing={2}>
						{errors.map((error) => (
							<List.Item key={`${error.line}:${error.column}:${error.message}`} data-testid="policy-error">
								<Text span ff="monospace" size="sm">
									{error.line}:{error.column}
								</Text>{" "}
								{error.path === "" ? "" : `${error.path}: `}
								{error.message}
							</List.Item>
						))}
					</List>
				</>
			)}
		</div>
	);
}
