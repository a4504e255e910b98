/** RowList (src/core/collections.ts): row numbers kept as small steps come back exactly, in order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendRows, pushRow, rowList, rowsOf } from '../../src/core/collections.js';
import { PROPERTY_RUNS } from '../helpers/property.js';

const listOf = (rows: readonly number[]) => {
  const list = rowList();
  for (const r of rows) pushRow(list, r);
  return list;
};

describe('RowList', () => {
  it('gives back any row numbers in the order pushed, and two lists appended', () => {
    const rows = fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 300 });
    fc.assert(
      fc.property(rows, rows, (a, b) => {
        const list = listOf(a);
        expect([...rowsOf(list)]).toEqual(a);
        expect(list.count).toBe(a.length);
        appendRows(list, listOf(b));
        expect([...rowsOf(list)]).toEqual([...a, ...b]);
        expect(list.count).toBe(a.length + b.length);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('holds a person’s rows of a big sheet in about a byte each, also after a trip through a message', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => 2 + 30 * i + (i % 7));
    const list = structuredClone(listOf(rows));
    expect([...rowsOf(list)]).toEqual(rows);
    expect(list.used).toBeLessThan(1.05 * rows.length);
  });
});
