/** `ecops reconcile --week YYYY-Www | --date YYYY-MM-DD`: the warehouse lead's weekly reconciliation. */
import { UsageError } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { parseIsoWeek, type Wall } from '../core/time.js';
import { parseDay } from '../inventory/stock.js';
import { reconcile, reconcileJson, type ReconcileResult } from '../inventory/reconcile.js';
import { colors, issueJson, printJson, table } from '../output/console.js';
import { fenToNumber } from '../inventory/money.js';
import { addReconcileSheets } from '../output/reconcile.js';
import { periodTitle } from '../output/workbook.js';
import { checkInputs, doneStatus, INVENTORY_LOGS, langOf, loadInputs, strictStop, type CommonOptions } from './context.js';
import { reportFooter, writeReport } from './report.js';
import { dataSettings, regulationOf } from './regulation.js';

export interface ReconcileOptions extends CommonOptions {
  week?: string;
  date?: string;
  tolerance?: string;
}

function periodOf(opts: ReconcileOptions): { start: Wall; end: Wall; label: string } {
  if (Boolean(opts.week) === Boolean(opts.date)) {
    throw new UsageError({ zh: '请给出 --week YYYY-Www 或 --date YYYY-MM-DD 之一', en: 'give one of --week YYYY-Www or --date YYYY-MM-DD' });
  }
  if (opts.week) {
    const week = parseIsoWeek(opts.week);
    if (!week) throw new UsageError({ zh: `周「${opts.week}」不对，应为 ISO 周，如 2024-W21`, en: `week "${opts.week}" is not an ISO week such as 2024-W21` });
    return week;
  }
  const day = parseDay(opts.date!);
  if (!day) throw new UsageError({ zh: `日期「${opts.date}」不对，应为 YYYY-MM-DD`, en: `date "${opts.date}" is not YYYY-MM-DD` });
  return day;
}

function toleranceOf(text: string | undefined): number {
  const n = Number(text ?? 0);
  if (!Number.isFinite(n) || n < 0) throw new UsageError({ zh: `--tolerance「${text}」须是 ≥ 0 的数`, en: `--tolerance "${text}" must be a number ≥ 0` });
  return n;
}

export async function reconcileCommand(opts: ReconcileOptions): Promise<number> {
  const lang = langOf(opts);
  const period = periodOf(opts);
  const tolerance = toleranceOf(opts.tolerance);
  const regulation = regulationOf(opts);
  const data = await loadInputs(opts, { ...(await dataSettings(opts, regulation)), logs: INVENTORY_LOGS });
  const unfit = checkInputs(opts, data, ['skus', 'stock_counts'], lang);
  if (unfit) return unfit;
  const result = reconcile(data.records, { period, tolerance });
  const issues = [...data.issues, ...result.issues];
  const stopped = strictStop(opts, issues, lang);
  if (stopped) return stopped;
  if (opts.json) {
    printJson({ ...reconcileJson(result), issues: issues.map((i) => issueJson(i, lang)) });
    return doneStatus(opts, issues, lang);
  }
  const path = await writeReport(opts, lang, `reconcile-${period.label}.xlsx`, issues, { company: regulation.company, period: periodTitle(period, lang) }, (wb) => addReconcileSheets(wb, result, lang));
  if (!opts.quiet) {
    process.stdout.write(summary(result, lang));
    const excluded = data.tables.reduce((n, t) => n + t.excluded, 0);
    process.stdout.write(reportFooter(lang, issues, excluded, [path]));
  }
  return doneStatus(opts, issues, lang);
}

function summary(r: ReconcileResult, lang: Lang): string {
  const c = colors();
  const zh = lang === 'zh';
  const count = (res: string) => r.lines.filter((l) => l.result === res).length;
  return `${table(zh ? ['项目', '数量'] : ['item', 'count'], [
    [zh ? '盘点行' : 'count lines', r.lines.length],
    [zh ? '一致' : 'matching', count('一致')],
    [zh ? '盘盈' : 'gains', count('盘盈')],
    [c.red(zh ? '盘亏' : 'losses'), count('盘亏')],
    [zh ? '盘盈金额' : 'gains value', fenToNumber(r.totals.gainsValue).toFixed(2)],
    [zh ? '盘亏金额' : 'loss value', fenToNumber(r.totals.lossesValue).toFixed(2)],
    [zh ? '净差异金额' : 'net value', fenToNumber(r.totals.netValue).toFixed(2)],
    [zh ? '未盘点' : 'not counted', r.notCounted.length],
    [zh ? '进货建议' : 'reorder', r.reorder.length],
    [zh ? '下架通知（紧急）' : 'delist (urgent)', `${r.delist.length} (${r.delist.filter((d) => d.urgent).length})`],
  ])}\n`;
}
