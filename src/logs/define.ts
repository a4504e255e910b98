import type { Bilingual } from '../core/lang.js';
import type { IssueCode, Severity, Source } from '../core/issues.js';
import { bool, text, type ColumnDef } from './columns.js';

export type Columns = Record<string, ColumnDef>;

/** The typed record a log's rows become: one property per column, plus where the row came from. */
export type RecordOf<C extends Columns> = { [K in keyof C]: C[K] extends ColumnDef<infer T> ? T : never } & {
  source: Source;
};

/** A problem a row check finds, on one of the row's columns. */
export interface RowProblem {
  column: string;
  code: IssueCode;
  severity: Severity;
  message: Bilingual;
}

export interface LogDef<K extends string = string, C extends Columns = Columns> {
  key: K;
  name: Bilingual;
  columns: C;
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

export function defineLog<K extends string, C extends Columns>(def: {
  key: K;
  name: Bilingual;
  columns: C;
  check?: LogDef<K, C>['check'];
}): LogDef<K, C> {
  const required = Object.entries(def.columns)
    .filter(([, c]) => c.required)
    .map(([k]) => k);
  return { ...def, required };
}
