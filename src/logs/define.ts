import type { Bilingual } from '../core/lang.js';
import type { IssueCode, Severity, Source } from '../core/issues.js';
import { bool, text, type ColumnDef } from './columns.js';

export type Columns = Record<string, ColumnDef>;

/** A row as read and checked: one property per column, plus where the row came from. */
export type RecordOf<C extends Columns> = { [K in keyof C]: C[K] extends ColumnDef<infer T> ? T : never } & {
  source: Source;
};

/** The record a log holds: the row as read, less the columns it drops once checked. */
export type HeldRecord<L extends { columns: Columns; dropped: readonly string[] }> = Omit<RecordOf<L['columns']>, L['dropped'][number]>;

/** A problem a row check finds, on one of the row's columns. */
export interface RowProblem {
  column: string;
  code: IssueCode;
  severity: Severity;
  message: Bilingual;
}

export interface LogDef<K extends string = string, C extends Columns = Columns, D extends keyof C & string = keyof C & string> {
  key: K;
  name: Bilingual;
  columns: C;
  /**
   * Columns read and checked, then not held: nothing after the row check reads them, and the held logs of a big
   * shop's year are millions of rows (a tracking number is ~40 bytes a shipment line).
   */
  dropped: readonly D[];
  /** Keys whose columns must all be present for a table to be this log. */
  required: (keyof C & string)[];
  /** Cross-field checks on a row whose cells all coerced. */
  check?: (rec: RecordOf<C>, problem: (p: RowProblem) => void) => void;
}

/** docs/inputs.md#logs: the 豁免 / 豁免原因 pair that several logs carry. */
export const exemptColumns = {
  exempt: bool({ header: '豁免', aliases: ['客观原因'], fallback: false }),
  exempt_reason: text({ header: '豁免原因' }),
};

export function defineLog<K extends string, C extends Columns, D extends keyof C & string = never>(def: {
  key: K;
  name: Bilingual;
  columns: C;
  dropped?: readonly D[];
  check?: LogDef<K, C, D>['check'];
}): LogDef<K, C, D> {
  const required = Object.entries(def.columns)
    .filter(([, c]) => c.required)
    .map(([k]) => k);
  return { ...def, dropped: def.dropped ?? [], required };
}
