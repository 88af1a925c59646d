// The JSON being shared, pasted or loaded from a file, with what is wrong with it listed beside it.
import { Button, FileButton, Grid, Group, Stack, Text, Textarea } from "@mantine/core";
import { IssueList, type LocatedIssue } from "./issue-list.tsx";

export function DraftEditor(props: {
	text: string;
	onChange: (text: string) => void;
	issues: readonly LocatedIssue[];
	/** The objects the text holds, to name them in the issues. */
	objects: readonly unknown[];
	/** Why the text holds no objects (it does not parse), if so. */
	unreadable?: string;
}) {
	return (
		<Grid gap="md">
			<Grid.Col span={{ base: 12, md: 7 }}>
				<Stack gap="xs">
					<Textarea
						label="STIX 2.1 JSON"
						description="A bundle, { &quot;objects&quot;: [...] }, a list of objects or one object"
						value={props.text}
						onChange={(event) => props.onChange(event.currentTarget.value)}
						autosize
						minRows={14}
						maxRows={18}
						spellCheck={false}
						styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
						data-testid="share-json"
					/>
					<Group gap="xs">
						<FileButton
							accept="application/json,.json"
							onChange={(file) => {
								file?.text().then(props.onChange, () => props.onChange(""));
							}}
						>
							{(button) => (
								<Button variant="light" size="xs" {...button} data-testid="share-file">
									Load a file…
								</Button>
							)}
						</FileButton>
						<Text size="xs" c="dimmed">
							Read in this browser only; nothing is sent until you preview.
						</Text>
					</Group>
				</Stack>
			</Grid.Col>
			<Grid.Col span={{ base: 12, md: 5 }}>
				{props.unreadable !== undefined ? (
					<IssueList
						issues={[{ path: "$", code: "json", message: props.unreadable, severity: "error" }]}
						objects={[]}
					/>
				) : props.issues.length > 0 ? (
					<IssueList issues={props.issues} objects={props.objects} />
				) : (
					<Text size="sm" c="dimmed" mt={28}>
						The node checks every object as its import would: STIX 2.1 validity with every problem located,
						STIX 2.0 upgraded, markings against its catalogue. Problems show here, beside the JSON.
					</Text>
				)}
			</Grid.Col>
		</Grid>
	);
}
