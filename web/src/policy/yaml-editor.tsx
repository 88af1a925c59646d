// The policy's YAML in CodeMirror 6 (its own chunk, loaded by the policy screen only): completion from the policy's
// JSON Schema, and the node's own validation as inline diagnostics at line:column while typing.
import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import { type Diagnostic, linter, lintGutter } from "@codemirror/lint";
import { EditorState, type Text } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import { cspNonce } from "../csp-nonce.ts";
import type { JsonSchema, PolicyFileError } from "./policy-api.ts";
import { cursorPlace, schemaOptions, siblingKeys } from "./schema-completion.ts";

/** Milliseconds of quiet typing before the node validates the text. */
const VALIDATE_DELAY = 350;

export interface YamlEditorProps {
	/** The text to show; a change of `revision` replaces the editor's text with it (a form edit, a rebase). */
	text: string;
	revision: number;
	/** Read on every completion, so the schema may arrive after the editor. */
	schema: () => JsonSchema | undefined;
	validate: (text: string, signal: AbortSignal) => Promise<PolicyFileError[]>;
	onChange: (text: string) => void;
	/** Every validation answered for the text still in the editor (stale answers are dropped). */
	onValidated: (text: string, errors: PolicyFileError[]) => void;
	label: string;
	describedBy: string;
}

/** The document range an error's 1-based line:column names: from the column to the end of its word. */
export function rangeOf(doc: Text, error: PolicyFileError): { from: number; to: number } {
	const line = doc.line(Math.min(Math.max(error.line, 1), doc.lines));
	const from = Math.min(line.from + Math.max(error.column - 1, 0), line.to);
	const word = /^[^\s,:\]}]+/.exec(line.text.slice(from - line.from))?.[0] ?? "";
	return { from, to: Math.max(from + word.length, Math.min(from + 1, line.to)) };
}

/**
 * Tab writes two spaces (YAML indents with spaces). Escape then Tab leaves the editor instead: CodeMirror's tab-focus
 * mode, which ignores Tab bindings for the next key.
 */
function indentTwoSpaces(view: EditorView): boolean {
	view.dispatch(view.state.replaceSelection("  "), { scrollIntoView: true, userEvent: "input" });
	return true;
}

function completionSource(schema: () => JsonSchema | undefined) {
	return (context: CompletionContext): CompletionResult | null => {
		const root = schema();
		if (root === undefined) return null;
		const line = context.state.doc.lineAt(context.pos);
		const before = line.text.slice(0, context.pos - line.from);
		const lines = context.state.doc.toString().split("\n");
		const place = cursorPlace(lines.slice(0, line.number - 1), before);
		if (place === undefined || (place.word === "" && !context.explicit && place.kind === "key")) return null;
		const indent = before.length - before.trimStart().replace(/^(-\s+)+/, "").length;
		const present = place.kind === "key" ? siblingKeys(lines, line.number - 1, indent) : new Set<string>();
		const options = schemaOptions(root, place, present);
		if (options.length === 0) return null;
		return {
			from: context.pos - place.word.length,
			options: options.map((option) => ({
				label: option.label,
				type: option.kind === "key" ? "property" : "enum",
				...(option.detail === undefined ? {} : { info: option.detail }),
				...(option.kind === "key" ? { apply: `${option.label}: ` } : {}),
			})),
			validFor: /^[A-Za-z0-9_+-]*$/,
		};
	};
}

function validationSource(
	validate: YamlEditorProps["validate"],
	onValidated: () => YamlEditorProps["onValidated"],
) {
	let running: AbortController | undefined;
	return async (view: EditorView): Promise<Diagnostic[]> => {
		running?.abort();
		const controller = new AbortController();
		running = controller;
		const doc = view.state.doc;
		const text = doc.toString();
		let errors: PolicyFileError[];
		try {
			errors = await validate(text, controller.signal);
		} catch {
			return [];
		}
		// A newer text is being validated, or the editor moved on: this answer is stale.
		if (controller.signal.aborted || view.state.doc.toString() !== text) return [];
		onValidated()(text, errors);
		return errors.map((error) => ({
			...rangeOf(doc, error),
			severity: "error",
			message: `${error.line}:${error.column} ${error.path === "" ? "" : `${error.path}: `}${error.message}`,
		}));
	};
}

export function YamlEditor(props: YamlEditorProps) {
	const host = useRef<HTMLDivElement>(null);
	const view = useRef<EditorView | undefined>(undefined);
	const latest = useRef(props);
	latest.current = props;

	// biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once; later props reach it through `latest` and the revision effect.
	useEffect(() => {
		if (host.current === null) return;
		const editor = new EditorView({
			parent: host.current,
			state: EditorState.create({
				doc: props.text,
				extensions: [
					basicSetup,
					keymap.of([{ key: "Tab", run: indentTwoSpaces }]),
					yaml(),
					yamlLanguage.data.of({ autocomplete: completionSource(() => latest.current.schema()) }),
					autocompletion({ activateOnTyping: true }),
					linter(
						validationSource(
							(text, signal) => latest.current.validate(text, signal),
							() => latest.current.onValidated,
						),
						{ delay: VALIDATE_DELAY },
					),
					lintGutter(),
					EditorView.cspNonce.of(cspNonce()),
					EditorView.contentAttributes.of({
						"aria-label": props.label,
						// Explicitly in the tab order, so checkers see the scrolling region's focusable content.
						tabindex: "0",
						"aria-describedby": props.describedBy,
					}),
					EditorView.updateListener.of((update) => {
						if (update.docChanged) latest.current.onChange(update.state.doc.toString());
					}),
				],
			}),
		});
		view.current = editor;
		return () => {
			editor.destroy();
			view.current = undefined;
		};
	}, []);

	// biome-ignore lint/correctness/useExhaustiveDependencies: only a new revision replaces the text; typing changes `text` too.
	useEffect(() => {
		const editor = view.current;
		if (editor === undefined || editor.state.doc.toString() === props.text) return;
		editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: props.text } });
	}, [props.revision]);

	return <div ref={host} className="policy-editor" data-testid="policy-yaml" />;
}
