// E-mail as pasted from a mail client's "show original": a quoted-printable body cuts long lines with "=\n" and
// writes "=" as "=3D", so a phishing URL is broken across lines until decoded. Base64 parts are not decoded
// (D52): paste their decoded text.

const QUOTED_PRINTABLE = /^content-transfer-encoding:[ \t]*quoted-printable/im;
const HEADER_END = /\r?\n\r?\n/;

/**
 * `message` with its body's quoted-printable soft line breaks removed and `=XX` runs decoded as UTF-8, when
 * its headers declare quoted-printable anywhere; otherwise `message` itself. The headers stay as written.
 */
export function decodeQuotedPrintableBody(message: string): string {
	if (!QUOTED_PRINTABLE.test(message)) return message;
	const headerEnd = HEADER_END.exec(message);
	const bodyStart = headerEnd === null ? 0 : headerEnd.index + headerEnd[0].length;
	const body = message
		.slice(bodyStart)
		.replace(/=\r?\n/g, "")
		.replace(/(?:=[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replaceAll("=", ""), "hex").toString("utf8"));
	return message.slice(0, bodyStart) + body;
}
