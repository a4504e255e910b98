import type { Wall } from '../core/time.js';

/** A cell as a reader found it, before any log's column type is applied. */
export type Cell = null | string | number | boolean | DateCell | ErrorCell;

/** A cell Excel shows as a date (a date-formatted number, or a date-typed cell), as wall time. */
export interface DateCell {
  kind: 'date';
  t: Wall;
}

/** A cell with no usable value: a cached error such as `#N/A`, or a formula with no cached result. */
export interface ErrorCell {
  kind: 'error';
  /** `#N/A`, `#REF!`, … or `formula` when the formula has no cached result. */
  error: string;
  formula?: string;
}

/** One spreadsheet row: its own 1-based number and its cells, index 0 = column A. */
export interface RawRow {
  row: number;
  cells: Cell[];
}

/** One worksheet or one CSV file, read lazily row by row. */
export interface RawTable {
  /** File name relative to the data folder, as users name it in messages. */
  file: string;
  /** Worksheet name; for a CSV the file's base name. */
  sheet: string;
  rows: AsyncIterable<RawRow>;
}

export function isDateCell(c: Cell): c is DateCell {
  return typeof c === 'object' && c !== null && c.kind === 'date';
}

export function isErrorCell(c: Cell): c is ErrorCell {
  return typeof c === 'object' && c !== null && c.kind === 'error';
}
