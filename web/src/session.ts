// Where the UI keeps what outlives a page load but not the tab: the bearer token and the chosen purpose.
import { DEFAULT_PURPOSE, PURPOSES, type Purpose } from "./api/types.ts";

const TOKEN_KEY = "entente.token";
const PURPOSE_KEY = "entente.purpose";

/** The signed-in token of this tab, if any. sessionStorage: closing the tab signs out, other tabs sign in apart. */
export function storedToken(): string | undefined {
	return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function storeToken(token: string): void {
	sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
	sessionStorage.removeItem(TOKEN_KEY);
}

export function storedPurpose(): Purpose {
	const value = sessionStorage.getItem(PURPOSE_KEY);
	return PURPOSES.find((purpose) => purpose === value) ?? DEFAULT_PURPOSE;
}

export function storePurpose(purpose: Purpose): void {
	sessionStorage.setItem(PURPOSE_KEY, purpose);
}
