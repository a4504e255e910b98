/**
 * Property: random tables (built in memory as the readers would yield them: titles above the header, headers
 * by canonical name or alias, missing and duplicated columns, blank and total rows, ragged rows, valid and
 * garbage cells of every type) through loadFiles never throw, and every data row read is either used (a
 * record) or excluded with an error issue on that row: used + excluded = read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wall } from '../../src/core/time.js';
import { columnsOf, LOG_KEYS, LOGS, type LogKey } from '../../src/logs/declarations.js';
import { loadFiles } from '../../src/logs/load.js';
import type { DataFile } from '../../src/read/files.js';
import type { Cell, RawRow, RawTable } from '../../src/read/types.js';
import { anyCell } from './arbitraries.js';
import { PROPERTY_RUNS } from '../helpers/property.js';

const NAMES = ['张三', '李四', '王五', '赵六 ', '　孙八'];
const SKUS = ['A1', 'A2', 'B1'];
const RULES = ['CS-REPLY-1', 'ED-5', 'LD-3', 'XX-1', 'cs-docs-1'];

/** A plausible value for a column (what a careful user types), so that many rows are used. */
function goodValue(log: LogKey, key: string): fc.Arbitrary<Cell> {
  const col = columnsOf(log)[key];
  if (key === 'sku' || key === 'product') return fc.constantFrom(...SKUS);
  if (key === 'rule') return fc.constantFrom(...RULES);
  if (key === 'points') return fc.constantFrom(1, 2, 3, 5, 0.5);
  switch (col.kind) {
    case 'name':
      return fc.constantFrom(...NAMES);
    case 'text':
      return fc.constantFrom('备注', 'T1', 'T2', '顺丰', '出差');
    case 'datetime':
    case 'date':
      return fc.integer({ min: 0, max: 60 * 24 * 60 }).chain((minutes) => {
        const t = wall(2024, 4, 20) + minutes * 60_000;
        return fc.constantFrom<Cell>({ kind: 'date', t }, new Date(t).toISOString().slice(0, 16).replace('T', ' '));
      });
    case 'int':
      return fc.integer({ min: 0, max: 30 });
    case 'number':
      return fc.constantFrom(0, 1.5, 12, '３０', '1,200');
    case 'bool':
      return fc.constantFrom('是', '否', true, false, null);
    case 'enum':
      return fc.constantFrom(...(col.values ?? []));
  }
}

interface Table {
  sheet: string;
  rows: RawRow[];
}

/** One table: maybe a title and blank rows, a header of the log's columns (shuffled, sometimes missing or twice), rows. */
function table(sheet: string): fc.Arbitrary<Table> {
  return fc.constantFrom(...LOG_KEYS, 'junk' as const).chain((log) => {
    const keys = log === 'junk' ? [] : Object.keys(columnsOf(log));
    const required: string[] = log === 'junk' ? [] : [...(LOGS[log].required as readonly string[])];
    const optional = keys.filter((k) => !required.includes(k));
    // Mostly every required column and some optional ones; now and then one required column short.
    const chosen = fc
      .tuple(fc.subarray(optional), fc.integer({ min: 0, max: 7 }))
      .map(([opt, drop]) => [...required.filter((_, i) => !(drop === 0 && i === 0)), ...opt])
      .chain((cols) => fc.shuffledSubarray(cols, { minLength: cols.length }));
    return fc
      .record({
        pre: fc.array(fc.constantFrom<Cell[]>([], ['2024年5月记录'], [null, '制表：王五']), { maxLength: 3 }),
        columns: chosen,
        aliasPick: fc.array(fc.nat(), { minLength: keys.length + 1, maxLength: keys.length + 1 }),
        duplicate: fc.boolean(),
        extra: fc.boolean(),
        rowCount: fc.integer({ min: 0, max: 6 }),
        seed: fc.nat(),
      })
      .chain(({ pre, columns, aliasPick, duplicate, extra, rowCount }) => {
        const header: Cell[] = columns.map((k, i) => {
          const col = columnsOf(log as LogKey)[k];
          const names = [col.header, ...col.aliases, k];
          return names[aliasPick[i] % names.length];
        });
        if (log === 'junk') header.push('名称', '数量');
        if (duplicate && header.length > 0) header.push(header[0]);
        if (extra) header.push('备注2');
        const cellFor = (k: string | undefined): fc.Arbitrary<Cell> =>
          k === undefined || log === 'junk' ? anyCell : fc.oneof({ weight: 4, arbitrary: goodValue(log as LogKey, k) }, { weight: 1, arbitrary: anyCell });
        const dataRow: fc.Arbitrary<Cell[]> = fc.oneof(
          { weight: 8, arbitrary: fc.tuple(...header.map((_, i) => cellFor(columns[i]))).map((cells) => cells as Cell[]) },
          { weight: 1, arbitrary: fc.constant<Cell[]>([]) },
          { weight: 1, arbitrary: fc.constant<Cell[]>(['合计', null, 10]) },
          { weight: 1, arbitrary: fc.array(anyCell, { maxLength: header.length + 3 }) },
        );
        return fc.array(dataRow, { minLength: rowCount, maxLength: rowCount }).map((data) => {
          const all = [...pre, header, ...data];
          let row = 0;
          const rows = all.map((cells, i) => {
            row += i > 0 && i % 4 === 0 ? 2 : 1; // rows with gaps, as a workbook leaves blank rows out
            return { row, cells };
          });
          return { sheet, rows };
        });
      });
  });
}

const dataset = fc.array(fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }).chain((files) =>
  fc.tuple(...files.map((sheets, f) => fc.tuple(...sheets.map((_, s) => table(`S${s}`))).map((tables) => ({ file: `f${f}.xlsx`, tables })))),
);

const isBlank = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

describe('loadFiles on random tables', () => {
  it('never throws; used + excluded = read for every table; every excluded row has an error issue', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (files) => {
        const list: DataFile[] = files.map((f) => ({ path: f.file, file: f.file }));
        const read = async function* (d: DataFile): AsyncGenerator<RawTable> {
          for (const t of files.find((f) => f.file === d.file)!.tables) {
            yield { file: d.file, sheet: t.sheet, rows: (async function* () { yield* t.rows.map((r) => ({ row: r.row, cells: [...r.cells] })); })() };
          }
        };
        const incidentRules = new Map([['CS-REPLY-1', { points: 0.5, enabled: true, manual: true }], ['ED-5', { points: [2, 4] as const, enabled: true, manual: true }]]);
        const data = await loadFiles(list, { incidentRules }, read);

        const used = new Map<string, Set<number>>();
        for (const log of LOG_KEYS) {
          for (const r of data.records[log] as { source: { file: string; sheet: string; row: number } }[]) {
            const k = `${r.source.file}/${r.source.sheet}`;
            if (!used.has(k)) used.set(k, new Set());
            expect(used.get(k)!.has(r.source.row), 'one record per row').toBe(false);
            used.get(k)!.add(r.source.row);
          }
        }
        // Rows left out: those with an error, and repeats of an earlier row (a warning); a table repeating
        // another whole is left out with one duplicate-table warning.
        const errorRows = new Map<string, Set<number>>();
        const copies = new Set(data.issues.filter((i) => i.code === 'duplicate-table').map((i) => `${i.file}/${i.sheet}`));
        for (const i of data.issues) {
          expect(i.file).toBeTruthy();
          if ((i.severity === 'error' || i.code === 'duplicate-row') && i.row !== undefined) {
            const k = `${i.file}/${i.sheet}`;
            if (!errorRows.has(k)) errorRows.set(k, new Set());
            errorRows.get(k)!.add(i.row);
          }
          if (i.row !== undefined) expect(i.sheet).toBeTruthy();
        }
        for (const info of data.tables) {
          const k = `${info.file}/${info.sheet}`;
          const t = files.find((f) => f.file === info.file)!.tables.find((x) => x.sheet === info.sheet)!;
          const dataRows = t.rows.filter(
            (r) => r.row > info.headerRow && !isBlank(r.cells) && !(typeof r.cells.find((c) => !isBlank([c])) === 'string' && /^(合计|总计|小计)/.test((r.cells.find((c) => !isBlank([c])) as string).trim())),
          );
          const usedRows = used.get(k) ?? new Set<number>();
          expect(info.rows).toBe(dataRows.length);
          expect(usedRows.size + info.excluded).toBe(info.rows);
          for (const r of dataRows) {
            const isUsed = usedRows.has(r.row);
            const hasError = copies.has(k) || (errorRows.get(k)?.has(r.row) ?? false);
            expect(isUsed, `${k} row ${r.row}: used, or excluded with an error or a repeat issue`).toBe(!hasError);
          }
        }
        // Records only come from tables that were read as logs.
        for (const k of used.keys()) expect(data.tables.some((t) => `${t.file}/${t.sheet}` === k)).toBe(true);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  }, 60_000);
});
