// The add-a-feed form (admins, D55): name, URL, format, interval, a TLP marking, and for CSV the value column.
import { Button, Card, Group, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client.ts";
import { FEED_FORMATS } from "../api/types.ts";
import { useSession } from "../session-context.tsx";

const FORMAT_LABELS: Record<(typeof FEED_FORMATS)[number], string> = {
	text: "free text (one value per line)",
	csv: "CSV (a column of values)",
	misp: "MISP feed (folder of manifest.json)",
};
const MARKINGS = [
	{ value: "", label: "no marking" },
	{ value: "tlp:clear", label: "TLP:CLEAR" },
	{ value: "tlp:green", label: "TLP:GREEN" },
	{ value: "tlp:amber", label: "TLP:AMBER" },
	{ value: "tlp:amber+strict", label: "TLP:AMBER+STRICT" },
	{ value: "tlp:red", label: "TLP:RED" },
];

export function FeedForm(props: { onAdded: () => Promise<unknown> }) {
	const { post } = useSession();
	const [name, setName] = useState("");
	const [url, setUrl] = useState("");
	const [format, setFormat] = useState<(typeof FEED_FORMATS)[number]>("text");
	const [interval, setInterval] = useState<number | string>(3600);
	const [marking, setMarking] = useState("tlp:clear");
	const [column, setColumn] = useState("");
	const [problem, setProblem] = useState<string | undefined>();
	const [busy, setBusy] = useState(false);

	const add = async (event: FormEvent) => {
		event.preventDefault();
		setBusy(true);
		setProblem(undefined);
		try {
			const value = /^\d+$/.test(column.trim()) ? Number(column.trim()) : column.trim();
			await post("/feeds", {
				name,
				url,
				format,
				intervalSeconds: Number(interval),
				markings: marking === "" ? [] : [marking],
				...(format === "csv" ? { csv: { value } } : {}),
			});
			setName("");
			setUrl("");
			setColumn("");
			await props.onAdded();
		} catch (error) {
			setProblem(error instanceof ApiError ? `${error.message} [${error.code}]` : String(error));
		} finally {
			setBusy(false);
		}
	};

	return (
		<Card withBorder padding="sm">
			<Text fw={600} size="sm" mb="xs">
				Subscribe to a feed
			</Text>
			<form onSubmit={(event) => void add(event)} data-testid="feed-form">
				<Stack gap="xs">
					<Group gap="xs" grow align="flex-start">
						<TextInput
							label="Name"
							placeholder="blocklist.de all"
							value={name}
							onChange={(event) => setName(event.currentTarget.value)}
							required
							data-testid="feed-name"
						/>
						<Select
							label="Format"
							data={FEED_FORMATS.map((value) => ({ value, label: FORMAT_LABELS[value] }))}
							value={format}
							onChange={(next) => setFormat((next ?? "text") as (typeof FEED_FORMATS)[number])}
							allowDeselect={false}
							data-testid="feed-format"
						/>
					</Group>
					<TextInput
						label="URL"
						placeholder="https://lists.blocklist.de/lists/all.txt"
						value={url}
						onChange={(event) => setUrl(event.currentTarget.value)}
						error={problem}
						required
						data-testid="feed-url"
					/>
					<Group gap="xs" grow align="flex-start">
						<NumberInput
							label="Pull every (seconds)"
							description="0: only when pulled by hand"
							min={0}
							value={interval}
							onChange={setInterval}
						/>
						<Select
							label="Marking"
							data={MARKINGS}
							value={marking}
							onChange={(next) => setMarking(next ?? "")}
							allowDeselect={false}
						/>
						{format === "csv" ? (
							<TextInput
								label="Value column"
								description="a number from 0, or the header's name"
								value={column}
								onChange={(event) => setColumn(event.currentTarget.value)}
								required
								data-testid="feed-column"
							/>
						) : null}
					</Group>
					<Group justify="flex-end">
						<Button
							type="submit"
							loading={busy}
							disabled={name.trim() === "" || url.trim() === ""}
							data-testid="feed-add"
						>
							Subscribe
						</Button>
					</Group>
				</Stack>
			</form>
		</Card>
	);
}
