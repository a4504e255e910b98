/** `reconcile`: the warehouse lead's weekly stock-count reconciliation (docs/outputs.md#reconcile). */
import { issueJson, UsageError } from '../core/issues.js';
import { parseIsoWeek, type Wall } from '../core/time.js';
import { reconcile as reconcileCounts, reconcileJson, type ReconcileJson, type ReconcileResult } from '../inventory/reconcile.js';
import { parseDay } from '../inventory/stock.js';
import { addReconcileSheets } from '../output/reconcile.js';
import { periodTitle } from '../output/workbook.js';
import { checkInputs, dataSettings, INVENTORY_LOGS, langOf, loadInputs, regulationOf, strictCheck, type DataOptions, type OutputOptions } from './inputs.js';
import { writeReport, type CommandRun } from './report.js';

export interface ReconcileInput extends DataOptions, OutputOptions {
  /** The ISO week counted, `YYYY-Www` (--week); or else `date`. */
  week?: string;
  /** One day's counts, `YYYY-MM-DD` (--date). */
  date?: string;
  /** A variance up to this quantity is 一致 (--tolerance; default 0). */
  tolerance?: number | string;
}

/** What `ecops reconcile --json` prints, and the workbook written. */
export type ReconcileOutput = ReconcileJson & { issues: ReturnType<typeof issueJson>[]; written: string[] };

export type ReconcileRun = CommandRun<ReconcileOutput, ReconcileResult>;

function periodOf(input: ReconcileInput): { start: Wall; end: Wall; label: string } {
  if (Boolean(input.week) === Boolean(input.date)) {
    throw new UsageError({ zh: '请给出 --week YYYY-Www 或 --date YYYY-MM-DD 之一', en: 'give one of --week YYYY-Www or --date YYYY-MM-DD' });
  }
  if (input.week) {
    const week = parseIsoWeek(input.week);
    if (!week) throw new UsageError({ zh: `周「${input.week}」不对，应为 ISO 周，如 2024-W21`, en: `week "${input.week}" is not an ISO week such as 2024-W21` });
    return week;
  }
  const day = parseDay(input.date!);
  if (!day) throw new UsageError({ zh: `日期「${input.date}」不对，应为 YYYY-MM-DD`, en: `date "${input.date}" is not YYYY-MM-DD` });
  return day;
}

function toleranceOf(text: number | string | undefined): number {
  const n = Number(text ?? 0);
  if (!Number.isFinite(n) || n < 0) throw new UsageError({ zh: `--tolerance「${text}」须是 ≥ 0 的数`, en: `--tolerance "${text}" must be a number ≥ 0` });
  return n;
}

export async function reconcileRun(input: ReconcileInput): Promise<ReconcileRun> {
  const lang = langOf(input);
  const period = periodOf(input);
  const tolerance = toleranceOf(input.tolerance);
  const regulation = regulationOf(input);
  const data = await loadInputs(input, { ...dataSettings(regulation), logs: INVENTORY_LOGS });
  checkInputs(input, data, ['skus', 'stock_counts']);
  const result = reconcileCounts(data.records, { period, tolerance });
  const issues = [...data.issues, ...result.issues];
  strictCheck(input, issues);
  const written: string[] = [];
  if (input.write) {
    const doc = { company: regulation.company, period: periodTitle(period, lang) };
    written.push(await writeReport(input, lang, `reconcile-${period.label}.xlsx`, issues, doc, (wb) => addReconcileSheets(wb, result, lang)));
  }
  const output = { ...reconcileJson(result), issues: issues.map((i) => issueJson(i, lang)), written };
  return { output, result, issues, tables: data.tables };
}

/** The reconciliation of a week's or a day's stock counts (`ecops reconcile`). */
export async function reconcile(input: ReconcileInput): Promise<ReconcileOutput> {
  return (await reconcileRun(input)).output;
}
