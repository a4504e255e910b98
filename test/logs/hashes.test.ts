/** RowHashes (src/logs/load.ts): an open-addressing table of hashes → row, which must answer as a Map would. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowHashes } from '../../src/logs/load.js';

describe('RowHashes', () => {
  it('answers as a Map does, made at its full size or grown from small, with hashes that share low bits', () => {
    // Small hashes and multiples of 2^31 land on the same slots; the largest is 2^53 − 1 (stored as hash + 1).
    const hash = fc.oneof(fc.nat(40), fc.nat(40).map((k) => k * 2 ** 31), fc.constant(Number.MAX_SAFE_INTEGER), fc.maxSafeNat());
    // Up to 3,000 entries, past the 512 keys where a table made small grows.
    const entries = fc.array(fc.tuple(hash, fc.nat()), { maxLength: 3000, size: 'max' });
    fc.assert(
      fc.property(entries, fc.option(fc.nat(4000)), (list, expected) => {
        const table = expected === null ? new RowHashes() : new RowHashes(Math.max(expected, new Set(list.map(([h]) => h)).size));
        const model = new Map<number, number>();
        const wrong: unknown[] = [];
        for (const [h, row] of list) {
          if (table.get(h) !== model.get(h)) wrong.push(['before set', h]);
          table.set(h, row);
          model.set(h, row);
        }
        for (const [h, row] of model) if (table.get(h) !== row) wrong.push(['after', h]);
        expect(wrong).toEqual([]);
        expect([...table.keys()].sort((a, b) => a - b)).toEqual([...model.keys()].sort((a, b) => a - b));
      }),
      { numRuns: 100, endOnFailure: true },
    );
  });
});
