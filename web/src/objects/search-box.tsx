// The search box: free text (Enter searches) with suggestions from GET /autocomplete (choosing one opens that object).
import { Badge, Combobox, Group, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { navigate, objectHref } from "../router.tsx";
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
		"/autocomplete",
		{ query: { prefix: debounced, limit: 10, purpose } },
		{ enabled: debounced !== "", placeholderData: keepPreviousData },
	);
	const suggestions = debounced === "" || answer.error !== null ? [] : (answer.data?.items ?? []);
	const loading = answer.isFetching;

	return (
		<Combobox
			store={combobox}
			onOptionSubmit={(id) => {
				combobox.closeDropdown();
				navigate(objectHref(id));
			}}
			withinPortal
		>
			<Combobox.Target>
				<TextInput
					ref={input}
					label="Search"
					description="Name, description, pattern or value. Enter searches; pick a suggestion to open it. Press / to come back here."
					placeholder="e.g. qakbot, 198.51.100.23, phishing"
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
						<Combobox.Option value={suggestion.id} key={suggestion.id}>
							<Group justify="space-between" wrap="nowrap" gap="xs">
								<Text size="sm" truncate="end">
									{suggestion.text}
								</Text>
								<Badge size="xs" variant="light" color="gray" tt="none">
									{suggestion.type}
								</Badge>
							</Group>
						</Combobox.Option>
					))}
				</Combobox.Options>
			</Combobox.Dropdown>
		</Combobox>
	);
}
