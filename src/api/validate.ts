/** `validate`: every table, its rows, and every problem (docs/issues.md#checks). */
import { issueJson, type Issue } from '../core/issues.js';
import type { TableInfo } from '../logs/load.js';
import { DISCARD_CONSULTATIONS } from '../logs/sink.js';
import { dataSettings, langOf, loadInputs, ownFolders, regulationOf, type DataOptions } from './inputs.js';

export interface ValidateInput extends DataOptions {
  /** Write a marked-up .xlsx copy of every input file with issues into this folder (--annotate). */
  annotate?: string;
}

/** What `ecops validate --json` prints, and the annotated copies written. */
export interface ValidateOutput {
  tables: { file: string; sheet: string; log: TableInfo['log']; rows: number }[];
  issues: ReturnType<typeof issueJson>[];
  written: string[];
}

export interface ValidateRun {
  output: ValidateOutput;
  issues: Issue[];
  tables: TableInfo[];
}

export async function validateRun(input: ValidateInput): Promise<ValidateRun> {
  const lang = langOf(input);
  // validate reports the consultations' problems; it never needs their records.
  const data = await loadInputs(input, { ...dataSettings(regulationOf(input)), consultations: DISCARD_CONSULTATIONS });
  const written: string[] = [];
  if (input.annotate) {
    const files = { data: input.data ?? '.', encoding: input.encoding, recursive: input.recursive, skip: await ownFolders(input) };
    written.push(...(await (await import('../output/annotate.js')).annotate(data.issues, data.tables, files, input.annotate, lang)));
  }
  const output = {
    tables: data.tables.map((t) => ({ file: t.file, sheet: t.sheet, log: t.log, rows: t.rows })),
    issues: data.issues.map((i) => issueJson(i, lang)),
    written,
  };
  return { output, issues: data.issues, tables: data.tables };
}

/** Every table of the logs in `data` and every problem found (`ecops validate`); `strict` does not apply. */
export async function validate(input: ValidateInput): Promise<ValidateOutput> {
  return (await validateRun(input)).output;
}
