import type { Bilingual } from './lang.js';

/** Validation problems, after Frictionless Data's error types (SPEC §1.5). */
export const ISSUE_CODES = [
  'missing-column',
  'duplicate-column',
  'type-error',
  'constraint-error',
  'required-value',
  'unknown-staff',
  'unknown-sku',
  'unknown-rule',
  'duplicate-row',
  'order-error',
  'exempt-without-reason',
  'ambiguous-table',
  // Not row problems, but reported the same way so nothing is dropped silently:
  'ignored-table',
  'total-row',
  'file-error',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type Severity = 'error' | 'warning' | 'info';

/** Where a record came from, as the spreadsheet shows it (1-based row). */
export interface Source {
  file: string;
  sheet: string;
  row: number;
}

export interface Issue {
  severity: Severity;
  code: IssueCode;
  file: string;
  sheet?: string;
  row?: number;
  /** The header as written in the file. */
  column?: string;
  /** 0-based index of that column in the sheet, when known (for annotated copies). */
  columnIndex?: number;
  value?: string;
  /** Rendered in the output language only when printed or written. */
  message: Bilingual;
}

/**
 * A problem that stops a command: bad usage, a bad regulation or calendar file, a file that cannot be
 * read or written. Carries its message in both languages; the CLI prints one and exits with exitCode.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    readonly text: Bilingual,
    readonly exitCode = 2,
  ) {
    super(text.en);
  }
}

/** An input file that cannot be read at all (wrong type, encrypted, corrupt, too large). */
export class FileError extends UsageError {
  override name = 'FileError';
  constructor(
    readonly file: string,
    text: Bilingual,
  ) {
    super(text, 2);
  }
}

export function compareSource(a: Source, b: Source): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row;
}
