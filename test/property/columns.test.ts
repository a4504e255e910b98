/**
 * Property: every column coercer of every log (src/logs/columns.ts via the declarations), given any cell a
 * reader can yield, never throws, and gives either a value of its type within its bounds or issues with one
 * of the codes of docs/issues.md#checks and a short message in both languages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOfDay, wall } from '../../src/core/time.js';
import { MAX_MAGNITUDE, Invalid, type ColumnDef, type ColumnKind } from '../../src/logs/columns.js';
import { columnsOf, LOG_KEYS } from '../../src/logs/declarations.js';
import type { Cell } from '../../src/read/types.js';
import { anyCell } from './arbitraries.js';
import { PROPERTY_RUNS } from '../helpers/property.js';

const CODES = ['type-error', 'constraint-error', 'required-value'];

const columns: { where: string; col: ColumnDef }[] = LOG_KEYS.flatMap((log) =>
  Object.entries(columnsOf(log)).map(([key, col]) => ({ where: `${log}.${key}`, col })),
);
const kinds = [...new Set(columns.map((c) => c.col.kind))].sort();

function checkValue(col: ColumnDef, value: unknown): void {
  if (value === undefined) {
    expect(col.required).toBe(false);
    return;
  }
  switch (col.kind) {
    case 'text':
    case 'name':
      expect(typeof value).toBe('string');
      expect((value as string).trim()).toBe(value);
      expect(value).not.toBe('');
      if (col.kind === 'name') expect(value).not.toMatch(/\u3000|\s{2}/);
      break;
    case 'datetime':
    case 'date':
      expect(Number.isSafeInteger(value)).toBe(true);
      expect(value as number).toBeGreaterThanOrEqual(wall(1899, 12, 30));
      expect(value as number).toBeLessThan(wall(10000, 1, 1));
      if (col.kind === 'date') expect(startOfDay(value as number)).toBe(value);
      break;
    case 'int':
    case 'number':
      expect(Number.isFinite(value)).toBe(true);
      expect(Math.abs(value as number)).toBeLessThanOrEqual(MAX_MAGNITUDE);
      if (col.kind === 'int') expect(Number.isInteger(value)).toBe(true);
      if (col.min !== undefined) expect(value as number).toBeGreaterThanOrEqual(col.min);
      break;
    case 'bool':
      expect(typeof value).toBe('boolean');
      break;
    case 'enum':
      expect(col.values).toContain(value);
      break;
  }
}

describe('column coercers on random cells', () => {
  it('covers every column kind', () => {
    expect(kinds).toEqual(['bool', 'date', 'datetime', 'enum', 'int', 'name', 'number', 'text'] satisfies ColumnKind[]);
  });

  for (const kind of kinds) {
    const ofKind = columns.filter((c) => c.col.kind === kind);
    it(`${kind} (${ofKind.length} columns): never throws; a typed value or an issue code`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...ofKind), anyCell, ({ where, col }, cell: Cell) => {
          const read = col.read(cell);
          if (!(read instanceof Invalid)) {
            checkValue(col, read);
            return;
          }
          const p = read.problem;
          expect(CODES, where).toContain(p.code);
          for (const text of [p.message.zh, p.message.en]) {
            expect(text.length).toBeGreaterThan(0);
            expect(text.length).toBeLessThan(400); // a huge cell is quoted clipped, never whole
          }
          const blank = cell === null || (typeof cell === 'string' && cell.trim() === '');
          if (blank) expect(p.code).toBe('required-value');
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });
  }
});
