// The nonce the node put in this page's Content-Security-Policy (src/server/web-ui.ts), for the <style> elements
// Mantine and CodeMirror inject; browsers expose a nonce only as a property.
export function cspNonce(): string {
	return document.querySelector<HTMLMetaElement>("meta[property=csp-nonce]")?.nonce ?? "";
}
