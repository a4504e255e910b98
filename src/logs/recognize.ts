/** docs/inputs.md#headers: which log a table is, from its header row. */
import type { Bilingual } from '../core/lang.js';
import type { RawRow } from '../read/types.js';
import { columnsOf, LOG_KEYS, LOGS, type LogKey } from './declarations.js';
import { normalizeHeader } from './normalize.js';

/** Extra accepted headers per log and column, from the regulation file's `columns:` section. */
export type ColumnAliases = Partial<Record<LogKey, Record<string, string[]>>>;

/** normalised header → column key, per log. */
export type HeaderIndex = Record<LogKey, Map<string, string>>;

export function buildHeaderIndex(aliases: ColumnAliases = {}): HeaderIndex {
  const index = {} as HeaderIndex;
  for (const log of LOG_KEYS) {
    const map = new Map<string, string>();
    for (const [key, col] of Object.entries(columnsOf(log))) {
      for (const h of [key, col.header, ...col.aliases, ...(aliases[log]?.[key] ?? [])]) map.set(normalizeHeader(h), key);
    }
    index[log] = map;
  }
  return index;
}

/** How many of the first rows that hold anything are searched for the header (title rows above it are normal). */
export const HEADER_SEARCH_ROWS = 10;

export interface HeaderProblem {
  /** Column index (0 = A). */
  index: number;
  header: string;
  message: Bilingual;
}

export type Recognition =
  | {
      kind: 'log';
      log: LogKey;
      /** Position of the header row within the rows given. */
      at: number;
      /** Column index → column key. */
      columns: Map<number, string>;
      /** Column index → header as written. */
      headers: Map<number, string>;
      duplicates: HeaderProblem[];
    }
  | { kind: 'ambiguous'; at: number; logs: LogKey[] }
  | { kind: 'incomplete'; at: number; log: LogKey; missing: string[] }
  | { kind: 'none' };

function headerCells(row: RawRow): Map<number, string> {
  const out = new Map<number, string>();
  row.cells.forEach((c, i) => {
    if (typeof c === 'string' && c.trim() !== '') out.set(i, c.trim());
  });
  return out;
}

/**
 * The header row is the first of `rows` on which some log finds all its required columns; among those
 * logs the one matching the most header cells wins; a tie is ambiguous. When no row is complete for any
 * log, a row that holds most of one log's required columns is reported as that log with columns missing.
 */
export function recognize(rows: RawRow[], index: HeaderIndex): Recognition {
  let nearMiss: Recognition = { kind: 'none' };
  let nearMissScore = 0;
  for (let at = 0; at < rows.length; at++) {
    const cells = headerCells(rows[at]);
    if (cells.size === 0) continue;
    const normalized = [...cells.values()].map(normalizeHeader); // once per cell, not once per log
    const complete: { log: LogKey; matched: number }[] = [];
    for (const log of LOG_KEYS) {
      const keys = new Set<string>();
      for (const text of normalized) {
        const key = index[log].get(text);
        if (key) keys.add(key);
      }
      const required = LOGS[log].required;
      const missing = required.filter((k) => !keys.has(k));
      if (missing.length === 0) complete.push({ log, matched: keys.size });
      else {
        const found = required.length - missing.length;
        if (found >= 2 && found * 2 >= required.length && found > nearMissScore) {
          nearMissScore = found;
          nearMiss = { kind: 'incomplete', at, log, missing: missing.map((k) => columnsOf(log)[k].header) };
        }
      }
    }
    if (complete.length === 0) continue;
    complete.sort((a, b) => b.matched - a.matched);
    if (complete.length > 1 && complete[1].matched === complete[0].matched) {
      return { kind: 'ambiguous', at, logs: complete.filter((c) => c.matched === complete[0].matched).map((c) => c.log) };
    }
    return { kind: 'log', at, log: complete[0].log, ...mapColumns(cells, index[complete[0].log]) };
  }
  return nearMiss;
}

/**
 * The log whose required columns a row holds most of (at least one), for `ecops inspect` to name when nothing
 * is recognised; ties go to the earlier row, then the log declared first.
 */
export function closestLog(rows: RawRow[], index: HeaderIndex): { at: number; log: LogKey; missing: string[] } | undefined {
  let best: { at: number; log: LogKey; missing: string[] } | undefined;
  let bestFound = 0;
  rows.forEach((row, at) => {
    const normalized = [...headerCells(row).values()].map(normalizeHeader);
    for (const log of LOG_KEYS) {
      const keys = new Set(normalized.map((text) => index[log].get(text)));
      const missing = LOGS[log].required.filter((k) => !keys.has(k));
      const found = LOGS[log].required.length - missing.length;
      if (found > bestFound) {
        bestFound = found;
        best = { at, log, missing: missing.map((k) => columnsOf(log)[k].header) };
      }
    }
  });
  return best;
}

/** A header row's columns under one log: column index → key, and the headers as written. */
export function mapHeader(row: RawRow, index: Map<string, string>) {
  return mapColumns(headerCells(row), index);
}

function mapColumns(cells: Map<number, string>, index: Map<string, string>) {
  const columns = new Map<number, string>();
  const headers = new Map<number, string>();
  const duplicates: HeaderProblem[] = [];
  const seen = new Map<string, string>(); // column key → header that took it
  for (const [i, header] of cells) {
    headers.set(i, header);
    const key = index.get(normalizeHeader(header));
    if (!key) continue;
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({
        index: i,
        header,
        message: {
          zh: `表头「${header}」与「${first}」重复（同一列），此列不读取`,
          en: `header "${header}" duplicates "${first}" (same column); this column is not read`,
        },
      });
      continue;
    }
    seen.set(key, header);
    columns.set(i, key);
  }
  return { columns, headers, duplicates };
}
