/**
 * How one file is read (`ecops inspect`): for each table, the header row found, the log recognised (or the
 * nearest one and what it lacks), each column's mapping, and the first rows as values. The same reader and the
 * same recognition as the loader, so what it shows is what validate and score see.
 */
import { cellValue, columnLetter, type CellValue } from '../read/cells.js';
import { readTables, type DataFile } from '../read/files.js';
import type { RawRow } from '../read/types.js';
import type { LogKey } from './declarations.js';
import { normalizeHeader } from './normalize.js';
import { buildHeaderIndex, closestLog, HEADER_SEARCH_ROWS, mapHeader, recognize, type ColumnAliases } from './recognize.js';

export interface ColumnMapping {
  /** 1-based column number, and its letter. */
  col: number;
  letter: string;
  /** The header as written. */
  header: string;
  /** The log's column it is read as; null when ignored. */
  key: string | null;
  /** Set when an earlier column already has this key (a duplicated header: not read). */
  duplicateOf?: string;
}

export interface TableInspection {
  sheet: string;
  /** The spreadsheet's row number of the header; null when no row looks like any log's header. */
  headerRow: number | null;
  /** The log recognised; null when none is. */
  log: LogKey | null;
  /** When nothing is recognised: the log whose required columns the header comes closest to, and those missing. */
  nearest: { log: LogKey; missing: string[] } | null;
  /** Logs the header fits equally well (then nothing is recognised). */
  ambiguous: LogKey[];
  /** The header row's columns, under the log recognised (or the nearest, or the first of the ambiguous). */
  columns: ColumnMapping[];
  /** The first rows below the header (or from the top, with no header), blank rows skipped; cells from column A. */
  rows: { row: number; cells: (CellValue | null)[] }[];
}

export interface FileInspection {
  file: string;
  tables: TableInspection[];
}

export const INSPECT_ROWS = 5;

function isBlank(row: RawRow): boolean {
  return row.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

export async function inspectFile(
  f: DataFile,
  options: { encoding?: string; aliases?: ColumnAliases; rows?: number } = {},
): Promise<FileInspection> {
  const index = buildHeaderIndex(options.aliases);
  const wanted = options.rows ?? INSPECT_ROWS;
  const tables: TableInspection[] = [];
  for await (const table of readTables(f, { encoding: options.encoding })) {
    // The first rows that hold anything: enough to find the header (as the loader does) and show rows below it.
    const head: RawRow[] = [];
    for await (const row of table.rows) {
      if (isBlank(row)) continue;
      head.push(row);
      if (head.length >= HEADER_SEARCH_ROWS + wanted) break;
    }
    const found = recognize(head.slice(0, HEADER_SEARCH_ROWS), index);
    let at: number | undefined;
    let under: LogKey | undefined;
    const t: TableInspection = { sheet: table.sheet, headerRow: null, log: null, nearest: null, ambiguous: [], columns: [], rows: [] };
    if (found.kind === 'log') {
      [at, under, t.log] = [found.at, found.log, found.log];
    } else if (found.kind === 'ambiguous') {
      [at, under, t.ambiguous] = [found.at, found.logs[0], found.logs];
    } else {
      const near = found.kind === 'incomplete' ? found : closestLog(head.slice(0, HEADER_SEARCH_ROWS), index);
      if (near) {
        [at, under] = [near.at, near.log];
        t.nearest = { log: near.log, missing: near.missing };
      }
    }
    if (at !== undefined && under !== undefined) {
      t.headerRow = head[at].row;
      const map = index[under];
      const { columns, headers } = mapHeader(head[at], map);
      const headerOf = new Map([...columns].map(([i, key]) => [key, headers.get(i)!]));
      for (const [i, header] of headers) {
        const key = columns.get(i);
        // A header that maps to a key another column already took is a duplicate, and not read.
        const other = key === undefined ? map.get(normalizeHeader(header)) : undefined;
        t.columns.push({
          col: i + 1,
          letter: columnLetter(i + 1),
          header,
          key: key ?? null,
          ...(other !== undefined ? { duplicateOf: headerOf.get(other)! } : {}),
        });
      }
    }
    t.rows = head.slice(at === undefined ? 0 : at + 1, (at === undefined ? 0 : at + 1) + wanted).map((r) => ({
      row: r.row,
      cells: r.cells.map((c) => cellValue(c) ?? null),
    }));
    tables.push(t);
  }
  return { file: f.file, tables };
}
