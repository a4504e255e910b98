/** `ecops stock --date YYYY-MM-DD`: the warehouse's daily check of the book against 警戒库存, orders and seasons. */
import { UsageError } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { parseDay, stockJson, stockOn, type StockResult } from '../inventory/stock.js';
import { issueJson, printJson, table } from '../output/console.js';
import { addStockSheets } from '../output/stock.js';
import { periodTitle } from '../output/workbook.js';
import { checkInputs, doneStatus, INVENTORY_LOGS, langOf, loadInputs, strictStop, type CommonOptions } from './context.js';
import { dataSettings, regulationOf } from './regulation.js';
import { reportFooter, writeReport } from './report.js';

export async function stockCommand(opts: CommonOptions & { date?: string }): Promise<number> {
  const lang = langOf(opts);
  const day = parseDay(opts.date ?? '');
  if (!day) throw new UsageError({ zh: `日期「${opts.date ?? ''}」不对，应为 YYYY-MM-DD，如 2024-05-14`, en: `date "${opts.date ?? ''}" is not YYYY-MM-DD, e.g. 2024-05-14` });
  const regulation = regulationOf(opts);
  const data = await loadInputs(opts, { ...(await dataSettings(opts, regulation)), logs: INVENTORY_LOGS });
  const unfit = checkInputs(opts, data, ['skus'], lang);
  if (unfit) return unfit;
  const result = stockOn(data.records, day);
  const issues = [...data.issues, ...result.issues];
  const stopped = strictStop(opts, issues, lang);
  if (stopped) return stopped;
  if (opts.json) {
    printJson({ ...stockJson(result), issues: issues.map((i) => issueJson(i, lang)) });
    return doneStatus(opts, issues, lang);
  }
  const doc = { company: regulation.company, period: periodTitle(day, lang) };
  const path = await writeReport(opts, lang, `stock-${day.label}.xlsx`, issues, doc, (wb) => addStockSheets(wb, result, lang));
  if (!opts.quiet) {
    process.stdout.write(summary(result, lang));
    process.stdout.write(reportFooter(lang, issues, data.tables.reduce((n, t) => n + t.excluded, 0), [path]));
  }
  return doneStatus(opts, issues, lang);
}

function summary(r: StockResult, lang: Lang): string {
  const zh = lang === 'zh';
  return `${table(zh ? ['项目', '数量'] : ['item', 'count'], [
    [zh ? '商品' : 'SKUs', r.lines.length],
    [zh ? '低于警戒库存（建议进货）' : 'at or under safety stock (reorder)', r.reorder.length],
    [zh ? '缺货' : 'short', r.shortages.length],
    [zh ? '过季待下架' : 'out of season, to delist', r.delist.length],
  ])}\n`;
}
