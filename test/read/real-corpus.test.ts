/**
 * The reader against workbooks written by real spreadsheet programs (Excel for Windows and Mac, LibreOffice, WPS,
 * Numbers, Google Sheets, generators), compared cell by cell with what a reference reader (openpyxl) finds.
 * The workbooks live outside the repository, in ../shared/corpus (see its README.md); where that folder is absent,
 * as in a user's clone, the test is skipped and says so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileError } from '../../src/core/issues.js';
import { columnLetter, fileCells, type CellValue } from '../../src/read/cells.js';
import { openXlsx } from '../../src/read/xlsx.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const present = existsSync(join(CORPUS, 'xlsx')) && existsSync(join(CORPUS, 'expected'));

/** A reference value: as cells.ts writes them, plus a time of day and "either reading is fair". */
type Expected = CellValue | { time: string } | { any: string };

interface Reference {
  date1904?: boolean;
  sheets?: Record<string, Record<string, Expected>>;
  /** The reference reader failed on this workbook, or read nothing from it: not a reference. */
  unreadable?: string;
  note?: string;
}

/** Cells on which ecops is known to differ from the reference, by `file!sheet!A1`, each with its reason. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

/** Excel's day 0, where a time-only value sits, in either date system. */
const DAY_ZERO = ['1899-12-30', '1899-12-31', '1904-01-01'];

function agrees(want: Expected, got: CellValue | undefined): boolean {
  if (typeof want !== 'object') {
    // openpyxl writes 1.0 for a float that is whole; JSON reads both as the number 1.
    return got === want;
  }
  if ('any' in want) return true;
  if (got === undefined || typeof got !== 'object') return false;
  if ('time' in want) return 'date' in got && DAY_ZERO.includes(got.date.slice(0, 10)) && got.date.slice(11) === want.time;
  if ('date' in want) return 'date' in got && got.date === want.date;
  return 'error' in got && got.error === want.error;
}

function show(v: Expected | undefined): string {
  return v === undefined ? '(empty)' : JSON.stringify(v);
}

const files = present ? readdirSync(join(CORPUS, 'xlsx')).filter((f) => f.endsWith('.xlsx')).sort() : [];

describe.skipIf(!present)('real-world workbooks (../shared/corpus)', () => {
  it('holds the workbooks its README promises', () => {
    expect(files.length).toBe(67);
  });

  it.each(files)('%s', async (name) => {
    const ref = JSON.parse(readFileSync(join(CORPUS, 'expected', name.replace(/\.xlsx$/, '.json')), 'utf8')) as Reference;
    const path = join(CORPUS, 'xlsx', name);
    const isReference = ref.unreadable === undefined && ref.note === undefined;
    if (!isReference) {
      // Not a reference: reading it must end in cells or in one clear FileError, never in anything else.
      try {
        for await (const _ of fileCells({ path, file: name })) void _;
      } catch (e) {
        expect(e, String(e)).toBeInstanceOf(FileError);
      }
      return;
    }

    const book = await openXlsx(path, name);
    const date1904 = book.date1904;
    const sheets = book.sheets;
    await book.close();
    const differences: string[] = [];
    if (date1904 !== ref.date1904) differences.push(`date1904: ${date1904}, the reference ${ref.date1904}`);
    const wantSheets = Object.keys(ref.sheets ?? {});
    if (JSON.stringify(sheets) !== JSON.stringify(wantSheets)) {
      differences.push(`sheets: ${JSON.stringify(sheets)}, the reference ${JSON.stringify(wantSheets)}`);
    }

    const got = new Map<string, CellValue>();
    for await (const c of fileCells({ path, file: name })) got.set(`${c.sheet}!${columnLetter(c.col)}${c.row}`, c.value);
    const want = new Map<string, Expected>();
    for (const [sheet, cells] of Object.entries(ref.sheets ?? {})) {
      for (const [a1, v] of Object.entries(cells)) want.set(`${sheet}!${a1}`, v);
    }
    for (const key of new Set([...want.keys(), ...got.keys()])) {
      const [w, g] = [want.get(key), got.get(key)];
      // A formula without a cached result has no value for the reference reader either.
      if (w === undefined && g !== undefined && typeof g === 'object' && 'error' in g && g.error === 'formula') continue;
      if (w !== undefined ? agrees(w, g) : g === undefined) continue;
      if (`${name}!${key}` in KNOWN_DIFFERENCES) continue;
      differences.push(`${key}: ecops ${show(g)}, the reference ${show(w)}`);
    }
    expect(differences, `${name}:\n${differences.slice(0, 40).join('\n')}`).toEqual([]);
  });
});

describe.skipIf(!present)('a Strict OOXML workbook, which the reference reader reads nothing of', () => {
  it('reads every sheet: row 1 spells the sheet name (in any case), row 2 holds the codes of its letters', async () => {
    const path = join(CORPUS, 'xlsx', 'sheet_visibility_strict.xlsx');
    const rows = new Map<string, CellValue[][]>();
    for await (const c of fileCells({ path, file: 'sheet_visibility_strict.xlsx' })) {
      const sheet = rows.get(c.sheet) ?? rows.set(c.sheet, [[], []]).get(c.sheet)!;
      sheet[c.row - 1][c.col - 1] = c.value;
    }
    expect([...rows.keys()]).toEqual(['Visible', 'Hidden', 'VeryHidden']);
    for (const [sheet, [letters, codes]] of rows) {
      expect(letters.join('').toLowerCase()).toBe(sheet.toLowerCase());
      expect(codes).toEqual(letters.map((ch) => String(ch).charCodeAt(0)));
    }
  });
});

if (!present) {
  describe('real-world workbooks', () => {
    it.skip(`skipped: ${CORPUS} is absent (it is a folder beside the repository, not part of it)`, () => {});
  });
}
