// Invitations: a one-time code with the inviter's URL, name and key, as one copy-pasteable string.
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors/index.ts";
import { checkPeerUrl } from "./peer-url.ts";

const PREFIX = "entente-invite:";

/** What an invitation tells the invitee; the code is the only secret and works once. */
export interface Invitation {
	v: 1;
	node: string;
	url: string;
	code: string;
	/** The inviter's current key id (JWK thumbprint) and SPKI fingerprint, to confirm out of band. */
	keyId: string;
	fingerprint: string;
	agreements: string[];
	expiresAt: string;
}

/** A fresh one-time code: 24 random bytes, base64url. */
export function newInvitationCode(): string {
	return randomBytes(24).toString("base64url");
}

/** How the code is stored: SHA-256 hex (the code is high-entropy, so no slow hash is needed). */
export function hashInvitationCode(code: string): string {
	return createHash("sha256").update(code).digest("hex");
}

/** The invitation as one line. */
export function encodeInvitation(invitation: Invitation): string {
	return `${PREFIX}${Buffer.from(JSON.stringify(invitation)).toString("base64url")}`;
}

/**
 * Reads an invitation string back, checking every field.
 * @throws AppError E_FEDERATION_INVITATION_INVALID naming what is wrong.
 */
export function decodeInvitation(text: string): Invitation {
	const trimmed = text.trim();
	if (!trimmed.startsWith(PREFIX)) bad(`an invitation starts with "${PREFIX}"`);
	let value: Record<string, unknown>;
	try {
		value = JSON.parse(Buffer.from(trimmed.slice(PREFIX.length), "base64url").toString("utf8"));
	} catch {
		return bad("the invitation is damaged (not base64url JSON); copy it again in full");
	}
	if (typeof value !== "object" || value === null || value.v !== 1) bad("unknown invitation version");
	for (const field of ["node", "url", "code", "keyId", "fingerprint", "expiresAt"] as const) {
		if (typeof value[field] !== "string" || value[field] === "") bad(`the invitation has no ${field}`);
	}
	const agreements = value.agreements;
	if (!Array.isArray(agreements) || !agreements.every((a) => typeof a === "string")) {
		bad("agreements must be a list of names");
	}
	return {
		v: 1,
		node: value.node as string,
		url: checkPeerUrl(value.url as string),
		code: value.code as string,
		keyId: value.keyId as string,
		fingerprint: value.fingerprint as string,
		agreements: agreements as string[],
		expiresAt: value.expiresAt as string,
	};
}

function bad(message: string): never {
	throw new AppError("E_FEDERATION_INVITATION_INVALID", message);
}
