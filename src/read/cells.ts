/**
 * Every non-empty cell of a data file as plain JSON values: what `ecops inspect --cells --json` prints, one line
 * a cell, and what the reader's own tests compare with other readers. One implementation for both.
 */
import { formatWall } from '../core/time.js';
import { readTables, type DataFile } from './files.js';
import type { Cell } from './types.js';

/** A cell's value as JSON: a date is its wall-clock time, an error its code (`formula`: no cached result). */
export type CellValue = string | number | boolean | { date: string } | { error: string };

export interface CellLine {
  sheet: string;
  /** 1-based, as the spreadsheet shows them. */
  row: number;
  col: number;
  value: CellValue;
}

/** 1 → A, 28 → AB. */
export function columnLetter(col: number): string {
  let s = '';
  for (let i = col; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** undefined for an empty cell (nothing, or an empty string). */
export function cellValue(cell: Cell): CellValue | undefined {
  if (cell === null || cell === '') return undefined;
  if (typeof cell !== 'object') return cell;
  return cell.kind === 'date' ? { date: formatWall(cell.t) } : { error: cell.error };
}

/** The file's non-empty cells, sheet by sheet, row by row, left to right. */
export async function* fileCells(f: DataFile, options: { encoding?: string } = {}): AsyncGenerator<CellLine> {
  for await (const table of readTables(f, options)) {
    for await (const { row, cells } of table.rows) {
      for (let i = 0; i < cells.length; i++) {
        const value = cellValue(cells[i]);
        if (value !== undefined) yield { sheet: table.sheet, row, col: i + 1, value };
      }
    }
  }
}
