// Words to objects: every word must match, names before descriptions, re-indexing and removal forget the old words.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TextIndex, tokensOf } from "./text-index.ts";

const any = () => true;

describe("tokensOf", () => {
	it("keeps ids whole, lower-cases, and leaves addresses and hashes to the value index", () => {
		assert.deepEqual(tokensOf("Command and Scripting Interpreter: PowerShell (T1059.001)"), [
			"command",
			"and",
			"scripting",
			"interpreter",
			"powershell",
			"t1059.001",
		]);
		assert.deepEqual(tokensOf("CVE-2021-44228 at 10.0.0.1, d41d8cd98f00b204e9800998ecf8427e"), [
			"cve-2021-44228",
			"at",
		]);
		assert.deepEqual(tokensOf("a b c d", 2), ["a", "b"]);
		assert.deepEqual(tokensOf("x".repeat(65)), []);
	});
});

describe("TextIndex", () => {
	it("finds objects holding every word, a name match before a description match", () => {
		const text = new TextIndex();
		text.put(1, { strong: ["APT28"], description: "a Russian group using PowerShell" });
		text.put(2, { strong: ["PowerShell"], description: "Russian scripting" });
		text.put(3, { strong: ["Other"], description: "nothing relevant" });
		assert.deepEqual(text.search("powershell", 10, any), [2, 1]);
		assert.deepEqual(text.search("Russian PowerShell", 10, any), [2, 1]);
		assert.deepEqual(text.search("apt28 russian", 10, any), [1]);
		assert.deepEqual(text.search("apt28 missing", 10, any), []);
		assert.deepEqual(
			text.search("powershell", 10, (object) => object !== 2),
			[1],
		);
		assert.deepEqual(text.search("powershell", 1, any), [2]);
		// Only the first words of a pasted megabyte count.
		assert.deepEqual(text.search(`powershell russian ${"word ".repeat(200_000)}`, 10, any), []);
		assert.deepEqual(text.search(`powershell russian ${"\u0000".repeat(1_000_000)}`, 10, any), [2, 1]);
	});

	it("forgets an object's old words when it is re-indexed or removed, also after a sweep", () => {
		const text = new TextIndex();
		text.put(1, { strong: ["old name"] });
		text.put(1, { strong: ["new name"] });
		assert.deepEqual(text.search("old", 10, any), []);
		assert.deepEqual(text.search("new", 10, any), [1]);
		text.remove(1);
		assert.deepEqual(text.search("new", 10, any), []);
		for (let i = 0; i < 30_000; i++) text.put(i % 100, { strong: [`word${i % 7}`, "common"] });
		// Object o's last words are word((29_900 + o) % 7): word3 for o = 0, 7, …, 98.
		assert.equal(text.search("common word3", 200, any).length, 15);
		assert.equal(text.search("common", 1000, any).length, 100);
	});
});
