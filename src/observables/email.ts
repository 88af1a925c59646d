// E-mail addresses: the domain part normalised like any domain, the local part kept as written.
import { normalDomain } from "./domain.ts";

const MAX_LOCAL_LENGTH = 64;

/**
 * The normal form of an e-mail address, or a sentence saying why it is none. `mailto:`, `<…>` around the
 * address and a display name before it (`Alice <alice@evil.example>`, as headers write it) are dropped; the domain is normalised (lower case, punycode); the local part keeps its case, since
 * RFC 5321 §2.4 leaves its meaning to the receiving host (D45).
 */
export function normalEmail(text: string): string | { error: string } {
	let address = text.endsWith(">") && text.includes("<") ? text.slice(text.lastIndexOf("<") + 1, -1) : text;
	if (address.length > 7 && address.slice(0, 7).toLowerCase() === "mailto:") address = address.slice(7);
	const at = address.lastIndexOf("@");
	if (at === -1) return { error: "it has no @: write local-part@domain (alice@example.com)" };
	const local = address.slice(0, at);
	if (local.length === 0) return { error: "its local part (before the @) is empty" };
	if (local.length > MAX_LOCAL_LENGTH)
		return {
			error: `its local part is ${local.length} characters long; RFC 5321 allows at most ${MAX_LOCAL_LENGTH}`,
		};
	for (let i = 0; i < local.length; i++) {
		const c = local.charCodeAt(i);
		if (c <= 32 || c === 127) return { error: "its local part contains a space or a control character" };
	}
	const domain = normalDomain(address.slice(at + 1));
	if (typeof domain !== "string") return { error: `its domain part ${domain.error}` };
	return `${local}@${domain}`;
}
