/**
 * Column types of docs/inputs.md#values. Each builder returns a column declaration whose reader turns one raw
 * cell into a typed value, or into why it cannot: a type-error / constraint-error / required-value issue.
 */
import type { Bilingual } from '../core/lang.js';
import type { IssueCode } from '../core/issues.js';
import { endOfDay, EXCEL_SERIAL_LIMIT, excelSerialToWall, formatDate, formatWall, parseDateText, startOfDay, wall, type Wall } from '../core/time.js';
import { type Cell, isDateCell, isErrorCell } from '../read/types.js';
import { foldWidth, hasWideChars, normalizeName, normalizeRuleCode, normalizeToken } from './normalize.js';

export type ColumnKind = 'text' | 'name' | 'datetime' | 'date' | 'int' | 'number' | 'bool' | 'enum';

export interface ColumnOptions<R extends boolean> {
  header: string;
  aliases?: string[];
  required?: R;
  /** Free text for the 说明 sheet, e.g. "chat: this or first_reply_seconds". */
  note?: Bilingual;
  /**
   * An identifier (order or tracking number, SKU, customer, receipt number): a number of 2^53 or more, or text in
   * scientific notation, has lost digits in Excel (precision-lost).
   */
  identifier?: boolean;
}

export interface ColumnDef<T = unknown> {
  header: string;
  aliases: string[];
  required: boolean;
  kind: ColumnKind;
  /** Canonical enum values (for templates' dropdowns and messages). */
  values?: readonly string[];
  /** Lower bound for numbers, for docs and templates. */
  min?: number;
  note?: Bilingual;
  identifier?: boolean;
  /** Reads one cell: the typed value, or why it cannot be read. The loader's hot path. */
  read: (cell: Cell) => T | Invalid;
}

/** Why a cell was rejected. */
export interface CellProblem {
  code: Extract<IssueCode, 'type-error' | 'constraint-error' | 'required-value'>;
  message: Bilingual;
}

/** A cell that cannot be read, and why. */
export class Invalid {
  constructor(readonly problem: CellProblem) {}
}

const invalid = (code: CellProblem['code'], zh: string, en: string) => new Invalid({ code, message: { zh, en } });

/** A cell as messages and issue values quote it: at most DISPLAY_CHARS characters, so one huge cell stays one line. */
function display(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell !== 'object') return clip(String(cell));
  if (cell.kind === 'error') return clip(cell.error);
  return validWall(cell.t) ? formatWall(cell.t) : String(cell.t);
}

const DISPLAY_CHARS = 200;

function clip(s: string): string {
  if (s.length <= DISPLAY_CHARS) return s;
  const cut = /[\ud800-\udbff]/.test(s[DISPLAY_CHARS - 1]) ? DISPLAY_CHARS - 1 : DISPLAY_CHARS; // never half a character
  return `${s.slice(0, cut)}…`;
}

/** A wall time that Date can format (readers only make these; guarded so a bad one is an issue, not a crash). */
const validWall = (t: number) => Number.isFinite(t) && Math.abs(t) <= 8.64e15;

const FORMULA_WITHOUT_CACHE: Bilingual = {
  zh: '公式没有计算结果（请在 Excel/WPS 中打开并保存一次）',
  en: 'formula has no cached result (open and save it once in Excel/WPS)',
};
const REQUIRED_MISSING = new Invalid({ code: 'required-value', message: { zh: '必填项为空', en: 'required value is missing' } });

/**
 * The whole reading of one cell: error cells are type errors; blank cells become the fallback, undefined,
 * or a required-value problem; anything else goes to the type's coercer.
 */
function cellReader<T>(required: boolean, coerce: (cell: Exclude<Cell, null>) => T | Invalid, fallback?: T) {
  return (cell: Cell): T | undefined | Invalid => {
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) {
      if (fallback !== undefined) return fallback;
      return required ? REQUIRED_MISSING : undefined;
    }
    if (isErrorCell(cell)) {
      return cell.error === 'formula'
        ? new Invalid({ code: 'type-error', message: FORMULA_WITHOUT_CACHE })
        : invalid('type-error', `单元格是错误值 ${cell.error}`, `cell holds the error ${cell.error}`);
    }
    return coerce(cell);
  };
}

type Out<T, R extends boolean> = R extends true ? T : T | undefined;

function build<T, R extends boolean>(
  kind: ColumnKind,
  o: ColumnOptions<R>,
  coerce: (cell: Exclude<Cell, null>) => T | Invalid,
  extra: Partial<ColumnDef> & { fallback?: T } = {},
): ColumnDef<Out<T, R>> {
  const { fallback, ...rest } = extra;
  const required = o.required === true;
  const read = cellReader(required, coerce, fallback);
  return {
    header: o.header,
    aliases: o.aliases ?? [],
    required,
    kind,
    note: o.note,
    ...(o.identifier ? { identifier: true } : {}),
    ...rest,
    read: read as (cell: Cell) => Out<T, R> | Invalid,
  };
}

function cleanText(cell: Exclude<Cell, null>): string | Invalid {
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (isDateCell(cell) && validWall(cell.t)) return cell.t === startOfDay(cell.t) ? formatDate(cell.t) : formatWall(cell.t);
  return invalid('type-error', `「${display(cell)}」无法读取为文本`, `"${display(cell)}" cannot be read as text`);
}

export function text<R extends boolean = false>(o: ColumnOptions<R>) {
  return build<string, R>('text', o, cleanText);
}

/** A rule code of the incidents log, normalised once here (normalizeRuleCode) for every later stage. */
export function ruleCode<R extends boolean = false>(o: ColumnOptions<R>) {
  return build<string, R>('text', o, (cell) => {
    const t = cleanText(cell);
    return t instanceof Invalid ? t : normalizeRuleCode(t);
  });
}

/**
 * Digits Excel has already lost in an identifier cell: a number of 2^53 or more (Excel keeps 15 significant
 * digits, so two order numbers may have become one), or text in scientific notation such as `3.99E+18`.
 */
export function lostDigits(cell: Cell): boolean {
  if (typeof cell === 'number') return Math.abs(cell) >= 2 ** 53;
  return typeof cell === 'string' && SCIENTIFIC.test(cell);
}
const SCIENTIFIC = /^\s*[+-]?\d+(\.\d+)?[eE][+-]?\d+\s*$/;

/** A staff name: compared after trimming and folding full-width spaces. */
export function name<R extends boolean = false>(o: ColumnOptions<R>) {
  return build<string, R>('name', o, (cell) => {
    const t = cleanText(cell);
    return t instanceof Invalid ? t : normalizeName(t);
  });
}

/** The dates Excel can show: 1900-01-01 up to 9999-12-31 (anything else cannot be formatted or compared sanely). */
const MIN_WALL = wall(1899, 12, 30);
const MAX_WALL = wall(10000, 1, 1);

/** Reads an instant; `dateOnly` says which instant a bare date stands for (counts close their day). */
function readInstant(cell: Exclude<Cell, null>, dateOnly: 'start' | 'end'): Wall | Invalid {
  let t: Wall | undefined;
  let hasTime = true;
  if (isDateCell(cell)) {
    if (Number.isFinite(cell.t) && cell.t >= MIN_WALL && cell.t < MAX_WALL) {
      t = cell.t;
      hasTime = t !== startOfDay(t);
    }
  } else if (typeof cell === 'number') {
    if (cell >= 1 && cell < EXCEL_SERIAL_LIMIT) {
      t = excelSerialToWall(cell);
      hasTime = !Number.isInteger(cell);
    }
  } else if (typeof cell === 'string') {
    const s = hasWideChars(cell) ? foldWidth(cell).trim() : cell.trim();
    const parsed = parseDateText(s);
    if (parsed) {
      // Within Excel's calendar, like every other date: year 1000 is a typing slip, not a business date.
      if (parsed.t >= MIN_WALL && parsed.t < MAX_WALL) ({ t, hasTime } = parsed);
    }
    else if (/^\d+(\.\d+)?$/.test(s) && Number(s) >= 1 && Number(s) < EXCEL_SERIAL_LIMIT) {
      // A serial number typed as text, as it is when a date column was pasted as values.
      t = excelSerialToWall(Number(s));
      hasTime = s.includes('.');
    }
  }
  if (t === undefined) {
    return invalid('type-error', `「${display(cell)}」不是有效的日期时间`, `"${display(cell)}" is not a valid date/time`);
  }
  return !hasTime && dateOnly === 'end' ? endOfDay(t) : t;
}

export function datetime<R extends boolean = false>(o: ColumnOptions<R> & { dateOnly?: 'start' | 'end' }) {
  const dateOnly = o.dateOnly ?? 'start';
  return build<Wall, R>('datetime', o, (cell) => readInstant(cell, dateOnly));
}

/** A calendar date, held as 00:00:00 of that day; a time, if written, is ignored. */
export function date<R extends boolean = false>(o: ColumnOptions<R>) {
  return build<Wall, R>('date', o, (cell) => {
    const t = readInstant(cell, 'start');
    return t instanceof Invalid ? t : startOfDay(t);
  });
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * No quantity, duration, count or price in these logs comes near 10^11; beyond it a number is a slip (a
 * pasted order number, a row of 9s), and money arithmetic (docs/outputs.md#inventory, exact to the fen) would lose digits.
 */
export const MAX_MAGNITUDE = 1e11;

function readNumber(cell: Exclude<Cell, null>): number | Invalid {
  let n: number | undefined;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string') {
    let s = hasWideChars(cell) ? foldWidth(cell).trim() : cell.trim();
    if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) n = Number(s);
  }
  if (n === undefined || Number.isNaN(n)) return invalid('type-error', `「${display(cell)}」不是数字`, `"${display(cell)}" is not a number`);
  if (!(Math.abs(n) <= MAX_MAGNITUDE)) {
    return invalid('constraint-error', `「${display(cell)}」数值过大（超过 10^11）`, `"${display(cell)}" is too large (over 10^11)`);
  }
  return n;
}

function bounded(n: number, min: number | undefined, minExclusive: boolean): number | Invalid {
  if (min !== undefined && (minExclusive ? n <= min : n < min)) {
    const op = minExclusive ? '>' : '≥';
    return invalid('constraint-error', `${n} 不符合要求（须 ${op} ${min}）`, `${n} is out of range (must be ${op} ${min})`);
  }
  return n;
}

interface NumberOptions {
  /** Inclusive lower bound, or exclusive with `positive`. */
  min?: number;
  positive?: boolean;
  fallback?: number;
}

export function int<R extends boolean = false>(o: ColumnOptions<R> & NumberOptions) {
  const min = o.positive ? 0 : o.min;
  return build<number, R>(
    'int',
    o,
    (cell) => {
      const n = readNumber(cell);
      if (n instanceof Invalid) return n;
      if (!Number.isInteger(n)) return invalid('type-error', `「${display(cell)}」不是整数`, `"${display(cell)}" is not a whole number`);
      return bounded(n, min, o.positive === true);
    },
    { min: o.positive ? 1 : o.min, fallback: o.fallback },
  );
}

export function number<R extends boolean = false>(o: ColumnOptions<R> & NumberOptions) {
  const min = o.positive ? 0 : o.min;
  return build<number, R>(
    'number',
    o,
    (cell) => {
      const n = readNumber(cell);
      return n instanceof Invalid ? n : bounded(n, min, o.positive === true);
    },
    { min: o.min, fallback: o.fallback },
  );
}

const TRUE_WORDS = ['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对'];
const FALSE_WORDS = ['否', 'n', 'no', 'false', '0', '×', '✗', '✘', 'x'];
const BOOL_WORDS = new Map<string, boolean>([
  ...TRUE_WORDS.map((w) => [w, true] as const),
  ...FALSE_WORDS.map((w) => [w, false] as const),
]);

export function bool(o: ColumnOptions<false> & { fallback: boolean }) {
  return build<boolean, true>(
    'bool',
    { ...o, required: true },
    (cell) => {
      if (typeof cell === 'boolean') return cell;
      if (typeof cell === 'number' && (cell === 0 || cell === 1)) return cell === 1;
      const b = typeof cell === 'string' ? BOOL_WORDS.get(normalizeToken(cell)) : undefined;
      return b ?? invalid('type-error', `「${display(cell)}」不是 是/否`, `"${display(cell)}" is not yes/no`);
    },
    { values: ['是', '否'], fallback: o.fallback, required: false },
  );
}

/** Enum values with their synonyms, e.g. `{ 旺旺: ['千牛', 'chat'] }`; matched like headers. */
export function oneOf<V extends string, R extends boolean = false>(
  o: ColumnOptions<R> & { values: Record<V, string[]>; fallback?: V },
) {
  const values = Object.keys(o.values) as V[];
  const lookup = new Map<string, V>();
  for (const v of values) for (const word of [v, ...o.values[v]]) lookup.set(normalizeToken(word), v);
  const list = values.join('/');
  return build<V, R>(
    'enum',
    o,
    (cell) =>
      (typeof cell === 'string' ? lookup.get(normalizeToken(cell)) : undefined) ??
      invalid('constraint-error', `「${display(cell)}」不是可选值（${list}）`, `"${display(cell)}" is not one of ${list}`),
    { values, fallback: o.fallback, required: o.fallback !== undefined ? false : o.required === true },
  );
}

export { display as displayCell };
