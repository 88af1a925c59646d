// A POST that sends its headers and only part of its body, then waits: a server that answers before the
// rest arrives has refused (or reserved) the request on its headers alone. For tests of early refusals.
import { request } from "node:http";

export interface PartialAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface PartialPost {
	/** The server's answer, whenever it comes (before or after `finish`). */
	answer: Promise<PartialAnswer>;
	/** Whether an answer has arrived. */
	answered: () => boolean;
	/** Sends the rest of the body. */
	finish: (rest: Uint8Array) => void;
	/** Drops the connection (the client goes away mid-body). */
	abort: () => void;
}

/** Starts a POST to `url` declaring `declared` bytes and sending `first` of them now. */
export function partialPost(
	url: string,
	headers: Record<string, string>,
	declared: number,
	first: Uint8Array,
): PartialPost {
	let done = false;
	const req = request(url, {
		method: "POST",
		headers: { ...headers, "content-length": String(declared) },
	});
	const answer = new Promise<PartialAnswer>((resolve, reject) => {
		req.on("response", (res) => {
			let body = "";
			res.setEncoding("utf8").on("data", (chunk: string) => {
				body += chunk;
			});
			res.on("end", () => {
				done = true;
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
			});
		});
		// After an early answer the server may close the connection while the body is still "pending".
		req.on("error", (error) => {
			if (!done) reject(error);
		});
	});
	answer.catch(() => {});
	req.write(first);
	return {
		answer,
		answered: () => done,
		finish: (rest) => {
			req.end(rest);
		},
		abort: () => {
			done = true;
			req.destroy();
		},
	};
}
