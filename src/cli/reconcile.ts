/** `ecops reconcile --week YYYY-Www | --date YYYY-MM-DD`: the warehouse lead's weekly reconciliation. */
import { UsageError } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { parseDateText, parseIsoWeek, SECOND, DAY, type Wall } from '../core/time.js';
import { reconcile, reconcileJson, type ReconcileResult } from '../inventory/reconcile.js';
import { colors, issueJson, printJson, table } from '../output/console.js';
import { fenToNumber } from '../inventory/money.js';
import { addTableSheet, periodTitle, SIGN_OFF, type ReportWorkbook } from '../output/workbook.js';
import { doneStatus, INVENTORY_LOGS, langOf, loadInputs, strictStop, type CommonOptions } from './context.js';
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
  const day = /^\d{4}-\d{2}-\d{2}$/.test(opts.date!) ? parseDateText(opts.date!) : undefined;
  if (!day) throw new UsageError({ zh: `日期「${opts.date}」不对，应为 YYYY-MM-DD`, en: `date "${opts.date}" is not YYYY-MM-DD` });
  return { start: day.t, end: day.t + DAY - SECOND, label: opts.date! };
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
  const lossValue = r.lines.filter((l) => l.variance < 0).reduce((s, l) => s + l.varianceValue, 0);
  return `${table(zh ? ['项目', '数量'] : ['item', 'count'], [
    [zh ? '盘点行' : 'count lines', r.lines.length],
    [zh ? '一致' : 'matching', count('一致')],
    [zh ? '盘盈' : 'gains', count('盘盈')],
    [c.red(zh ? '盘亏' : 'losses'), count('盘亏')],
    [zh ? '盘亏金额' : 'loss value', fenToNumber(lossValue).toFixed(2)],
    [zh ? '未盘点' : 'not counted', r.notCounted.length],
    [zh ? '进货建议' : 'reorder', r.reorder.length],
    [zh ? '下架通知（紧急）' : 'delist (urgent)', `${r.delist.length} (${r.delist.filter((d) => d.urgent).length})`],
  ])}\n`;
}

export async function addReconcileSheets(wb: ReportWorkbook, r: ReconcileResult, lang: Lang): Promise<void> {
  const yes = lang === 'zh' ? '是' : 'yes';
  await addTableSheet(wb, { zh: '盘点差异', en: 'Variances' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { header: { zh: '盘点时间', en: 'countedAt' }, format: 'datetime', value: (l) => l.countedAt },
    { header: { zh: '账面数量', en: 'book' }, format: 'int', value: (l) => l.book },
    { header: { zh: '实盘数量', en: 'counted' }, format: 'int', value: (l) => l.counted },
    { header: { zh: '差异', en: 'variance' }, format: 'int', value: (l) => l.variance, alert: (l) => l.variance < 0 },
    { header: { zh: '差异金额', en: 'varianceValue' }, format: 'money', value: (l) => fenToNumber(l.varianceValue), total: true, alert: (l) => l.variance < 0 },
    { header: { zh: '差异率', en: 'varianceRate' }, format: 'percent', value: (l) => l.varianceRate },
    { header: { zh: '结果', en: 'result' }, value: (l) => l.result, alert: (l) => l.result === '盘亏' },
    { header: { zh: '系统库存', en: 'systemQty' }, format: 'int', value: (l) => l.systemQty },
    { header: { zh: '店铺差异', en: 'shopDifference' }, format: 'int', value: (l) => l.shopDifference },
    { header: { zh: '来源', en: 'source' }, value: (l) => l.sources.map((s) => `${s.file}/${s.sheet}#${s.row}`).join('; ') },
  ], r.lines, { signOff: SIGN_OFF.count });
  await addTableSheet(wb, { zh: '未盘点', en: 'Not counted' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { header: { zh: '账面数量', en: 'book' }, format: 'int', value: (l) => l.book },
  ], r.notCounted);
  await addTableSheet(wb, { zh: '进货建议', en: 'Reorder' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { header: { zh: '实盘数量', en: 'counted' }, format: 'int', value: (l) => l.counted, alert: () => true },
    { header: { zh: '警戒库存', en: 'safetyStock' }, format: 'int', value: (l) => l.safetyStock },
    { header: { zh: '最高库存', en: 'maxStock' }, format: 'int', value: (l) => l.maxStock },
    { header: { zh: '建议进货', en: 'suggested' }, format: 'int', value: (l) => l.suggested, total: true },
  ], r.reorder);
  await addTableSheet(wb, { zh: '下架通知', en: 'Delist' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { header: { zh: '状态', en: 'status' }, value: (l) => l.status },
    { header: { zh: '实盘数量', en: 'counted' }, format: 'int', value: (l) => l.counted },
    { header: { zh: '系统库存', en: 'systemQty' }, format: 'int', value: (l) => l.systemQty },
    { header: { zh: '原因', en: 'reason' }, value: (l) => l.reason },
    { header: { zh: '紧急', en: 'urgent' }, value: (l) => (l.urgent ? yes : ''), alert: (l) => l.urgent },
  ], r.delist);
}
