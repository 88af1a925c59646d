// Blocks containing and within a block, against a brute-force model over random addresses and blocks.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { IpBlocks, type ParsedBlock, parseBlock } from "./ip-blocks.ts";

/** Addresses in small spaces (10.0.0.0/20, 10.0.0.0/26) so that random blocks overlap often and meet at their edges. */
const v4Block = fc
	.oneof(
		fc.record({ low: fc.integer({ min: 0, max: 4095 }), prefix: fc.integer({ min: 16, max: 32 }) }),
		fc.record({ low: fc.integer({ min: 0, max: 63 }), prefix: fc.integer({ min: 26, max: 32 }) }),
	)
	.map(({ low, prefix }) => {
		const number = (10 << 24) + low;
		const address = `10.0.${(number >>> 8) & 255}.${number & 255}`;
		return parseBlock(prefix === 32 ? address : `${address}/${prefix}`) as ParsedBlock;
	});

const v6Block = fc
	.oneof(
		fc.record({ low: fc.integer({ min: 0, max: 0xffff }), prefix: fc.integer({ min: 96, max: 128 }) }),
		fc.record({ low: fc.integer({ min: 0, max: 63 }), prefix: fc.integer({ min: 122, max: 128 }) }),
	)
	.map(({ low, prefix }) => {
		const address = `2001:db8::${low.toString(16)}`;
		return parseBlock(prefix === 128 ? address : `${address}/${prefix}`) as ParsedBlock;
	});

const v4Host = parseBlock("10.0.0.1") as ParsedBlock;

function rangeOf(block: ParsedBlock): [bigint, bigint] {
	const bits = block.version === 4 ? 32 : 128;
	const start = block.version === 4 ? BigInt(block.network) : BigInt(`0x${block.network}`);
	return [start, start + (1n << BigInt(bits - block.prefix)) - 1n];
}

/** Whether `outer` strictly contains `inner` (a larger block holding it). */
function strictlyContains(outer: ParsedBlock, inner: ParsedBlock): boolean {
	const [a, b] = rangeOf(outer);
	const [c, d] = rangeOf(inner);
	return outer.prefix < inner.prefix && a <= c && d <= b;
}

function collect(visit: (see: (ordinal: number) => boolean) => void): number[] {
	const seen: number[] = [];
	visit((ordinal) => seen.push(ordinal) > 0);
	return seen.sort((a, b) => a - b);
}

/** Asks about a random block, or (a nat) about one of the held blocks, where edges meet most. */
function checkAgainstModel(blocks: ParsedBlock[], removed: number[], asked: ParsedBlock | number): void {
	const query = typeof asked === "number" ? (blocks[asked % Math.max(1, blocks.length)] ?? v4Host) : asked;
	const index = new IpBlocks();
	const unique = new Map(blocks.map((b) => [`${b.network}/${b.prefix}`, b]));
	const held = [...unique.values()];
	held.forEach((block, ordinal) => {
		index.add(block, ordinal, ordinal % 2 === 0);
	});
	const gone = new Set(removed.filter((r) => r < held.length));
	for (const ordinal of gone) index.remove(held[ordinal] as ParsedBlock, ordinal);
	const live = held.map((block, ordinal) => ({ block, ordinal })).filter((e) => !gone.has(e.ordinal));
	const same = (e: { block: ParsedBlock }) => e.block.version === query.version;
	assert.deepEqual(
		collect((see) => index.containing(query, see)),
		live.filter((e) => same(e) && strictlyContains(e.block, query)).map((e) => e.ordinal),
	);
	assert.deepEqual(
		collect((see) => index.within(query, see)),
		live.filter((e) => same(e) && strictlyContains(query, e.block)).map((e) => e.ordinal),
	);
}

describe("IpBlocks", () => {
	it("finds the IPv4 blocks containing a block, and the addresses and blocks within it, as a scan of all would", () => {
		fc.assert(
			fc.property(
				fc.array(v4Block, { minLength: 10, maxLength: 80 }),
				fc.array(fc.nat(80)),
				fc.oneof(v4Block, fc.nat()),
				checkAgainstModel,
			),
			{ numRuns: 300 },
		);
	});

	it("does the same for IPv6 and never mixes the versions", () => {
		fc.assert(
			fc.property(
				fc.array(fc.oneof(v6Block, v4Block), { minLength: 10, maxLength: 80 }),
				fc.array(fc.nat(80)),
				fc.oneof(v6Block, v4Block, fc.nat()),
				checkAgainstModel,
			),
			{ numRuns: 300 },
		);
	});

	it("finds a /8 containing an address and the address inside the /8, beyond the small run's size", () => {
		const index = new IpBlocks();
		for (let i = 0; i < 10_000; i++) index.add(parseBlock(`192.168.${i >> 8}.${i & 255}`) as ParsedBlock, i);
		index.add(parseBlock("10.0.0.0/8") as ParsedBlock, 10_000);
		index.add(parseBlock("10.1.2.3") as ParsedBlock, 10_001);
		assert.deepEqual(
			collect((see) => index.containing(parseBlock("10.200.0.1") as ParsedBlock, see)),
			[10_000],
		);
		assert.deepEqual(
			collect((see) => index.within(parseBlock("10.0.0.0/8") as ParsedBlock, see)),
			[10_001],
		);
		assert.equal(
			collect((see) => index.within(parseBlock("192.168.0.0/16") as ParsedBlock, see)).length,
			10_000,
		);
	});

	it("parses normal forms and refuses what is not an address", () => {
		assert.deepEqual(parseBlock("10.1.2.3/8"), { version: 4, network: 10 * 2 ** 24, prefix: 8 });
		assert.deepEqual(parseBlock("::ffff:1.2.3.4"), {
			version: 6,
			network: "00000000000000000000ffff01020304",
			prefix: 128,
		});
		assert.deepEqual(parseBlock("2001:db8::/33"), {
			version: 6,
			network: "20010db8000000000000000000000000",
			prefix: 33,
		});
		for (const bad of ["1.2.3", "1.2.3.256", "1.2.3.4/33", "2001:db8::1::2", "::/129", "evil.com", ""])
			assert.equal(parseBlock(bad), undefined, bad);
	});
});
