// The search box: a value or text (Enter searches) with suggestions as you type from GET /suggest: a value opens its
// page, a name searches for it; what was typed opens as a value's page when it already reads as one (flagged when it
// is on a warninglist).
import { Badge, Combobox, Group, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { hrefOf, navigate, valueHref } from "../router.tsx";
import { useSession } from "../session-context.tsx";
import { useApiQuery } from "../use-api-query.ts";

export function SearchBox(props: { value: string; onSearch: (q: string) => void }) {
	const { purpose } = useSession();
	const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
	const [text, setText] = useState(props.value);
	const [debounced] = useDebouncedValue(text.trim(), 150);
	const input = useRef<HTMLInputElement>(null);

	useEffect(() => setText(props.value), [props.value]);

	// "/" anywhere outside a text field focuses the search, as on most search pages.
	useEffect(() => {
		function onKey(event: KeyboardEvent) {
			const target = event.target as HTMLElement | null;
			if (event.key !== "/" || target?.closest("input, textarea, [contenteditable=true]") != null) return;
			event.preventDefault();
			input.current?.focus();
		}
		window.addEventListener("keydown", onKey);
		return () => window.removeEventListener("keydown", onKey);
	}, []);

	// While the next prefix's answer is on its way the previous suggestions stay; a failed answer suggests nothing.
	const answer = useApiQuery(
		"/suggest",
		{ query: { q: debounced, limit: 10, purpose } },
		{ enabled: debounced !== "", placeholderData: keepPreviousData },
	);
	const data = debounced === "" || answer.error !== null ? undefined : answer.data;
	const typedValue = data?.value;
	const suggestions = [
		...(typedValue === undefined
			? []
			: [
					{
						key: `value ${typedValue.kind} ${typedValue.value}`,
						label: typedValue.value,
						kind: typedValue.kind,
						open: true,
						listed: (data?.warninglists ?? []).length > 0,
					},
				]),
		...(data?.items ?? [])
			.filter((item) => item.kind !== typedValue?.kind || item.label !== typedValue.value)
			.map((item) => ({
				key: item.kind === "name" ? `name ${item.label}` : `value ${item.kind} ${item.label}`,
				label: item.label,
				kind: item.kind,
				open: false,
				listed: false,
			})),
	];
	const loading = answer.isFetching;

	return (
		<Combobox
			store={combobox}
			onOptionSubmit={(key) => {
				combobox.closeDropdown();
				const [what, kind, ...rest] = key.split(" ");
				if (what === "value" && kind !== undefined) navigate(valueHref(kind, rest.join(" ")));
				else navigate(hrefOf({ name: "objects", q: key.slice("name ".length), types: [] }));
			}}
			withinPortal
		>
			<Combobox.Target>
				<TextInput
					ref={input}
					label="Search"
					description="A value (IP, range, domain, URL, hash; defanged is fine) or words. Enter searches; pick a value to open its page. Press / to come back here."
					placeholder="e.g. qakbot, 198.51.100.23, evil[.]example[.]com, T1059"
					value={text}
					onChange={(event) => {
						setText(event.currentTarget.value);
						combobox.openDropdown();
						combobox.updateSelectedOptionIndex();
					}}
					onFocus={() => combobox.openDropdown()}
					onBlur={() => combobox.closeDropdown()}
					onKeyDown={(event) => {
						if (event.key === "Enter" && combobox.getSelectedOptionIndex() === -1) {
							event.preventDefault();
							combobox.closeDropdown();
							props.onSearch(text.trim());
						}
					}}
					rightSection={loading ? <Loader size="xs" /> : null}
					data-testid="search-input"
					type="search"
				/>
			</Combobox.Target>
			<Combobox.Dropdown hidden={suggestions.length === 0 || text.trim() === ""}>
				<Combobox.Options aria-label="Suggestions" data-testid="suggestions">
					{suggestions.map((suggestion) => (
						<Combobox.Option value={suggestion.key} key={suggestion.key}>
							<Group justify="space-between" wrap="nowrap" gap="xs">
								<Text size="sm" truncate="end">
									{suggestion.open ? `Open ${suggestion.label}` : suggestion.label}
								</Text>
								<Group gap={4} wrap="nowrap">
									{suggestion.listed ? (
										<Badge
											size="xs"
											variant="light"
											color="orange"
											tt="none"
											title={data?.warninglists?.map((hit) => hit.list).join("; ")}
											data-testid="suggestion-warninglist"
										>
											warninglist
										</Badge>
									) : null}
									<Badge
										size="xs"
										variant="light"
										color={suggestion.kind === "name" ? "gray" : "blue"}
										tt="none"
									>
										{suggestion.kind === "name" ? "name" : suggestion.kind}
									</Badge>
								</Group>
							</Group>
						</Combobox.Option>
					))}
				</Combobox.Options>
			</Combobox.Dropdown>
		</Combobox>
	);
}
