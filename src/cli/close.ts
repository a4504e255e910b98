/** `ecops close --month YYYY-MM`: finance's month-end inventory movement and loss workbooks. */
import { requireMonth } from '../core/time.js';
import { closeJson, closeMonth } from '../inventory/close.js';
import { fenToNumber } from '../inventory/money.js';
import { issueJson, printJson, table } from '../output/console.js';
import { addInventorySheet, kpiRows } from '../output/inventory.js';
import { addLossSheet } from '../output/loss.js';
import { periodTitle } from '../output/workbook.js';
import { checkInputs, doneStatus, INVENTORY_LOGS, langOf, loadInputs, strictStop, type CommonOptions } from './context.js';
import { reportFooter, reportPaths, writeReport } from './report.js';
import { dataSettings, regulationOf } from './regulation.js';


export async function closeCommand(opts: CommonOptions & { month?: string }): Promise<number> {
  const lang = langOf(opts);
  const month = requireMonth(opts.month);
  const regulation = regulationOf(opts);
  const data = await loadInputs(opts, { ...(await dataSettings(opts, regulation)), logs: INVENTORY_LOGS });
  const unfit = checkInputs(opts, data, ['skus'], lang);
  if (unfit) return unfit;
  const result = closeMonth(data.records, { month, costing: regulation.inventory.costing });
  const issues = [...data.issues, ...result.issues];
  const stopped = strictStop(opts, issues, lang);
  if (stopped) return stopped;
  if (opts.json) {
    printJson({ ...closeJson(result), issues: issues.map((i) => issueJson(i, lang)) });
    return doneStatus(opts, issues, lang);
  }
  await reportPaths(opts, [`inventory-${month.label}.xlsx`, `loss-${month.label}.xlsx`]); // both checked before either is written
  const doc = { company: regulation.company, period: periodTitle(month, lang) };
  const inventory = await writeReport(opts, lang, `inventory-${month.label}.xlsx`, issues, doc, (wb) => addInventorySheet(wb, result, lang, regulation.company));
  const loss = await writeReport(opts, lang, `loss-${month.label}.xlsx`, issues, doc, (wb) => addLossSheet(wb, result, lang, regulation.company));
  if (!opts.quiet) {
    const zh = lang === 'zh';
    const t = result.totals;
    process.stdout.write(
      `${table(zh ? ['项目', '金额'] : ['item', 'amount'], [
        [zh ? '期初金额' : 'opening value', fenToNumber(t.openingValue).toFixed(2)],
        [zh ? '入库金额' : 'inbound value', fenToNumber(t.inboundValue).toFixed(2)],
        [zh ? '发货金额' : 'shipped value', fenToNumber(t.shippedValue).toFixed(2)],
        [zh ? '退货入库金额' : 'returned value', fenToNumber(t.returnedValue).toFixed(2)],
        [zh ? '盘盈金额' : 'gains value', fenToNumber(t.gainsValue).toFixed(2)],
        [zh ? '盘亏金额' : 'losses value', fenToNumber(t.lossesValue).toFixed(2)],
        [zh ? '期末金额' : 'closing value', fenToNumber(t.closingValue).toFixed(2)],
        [zh ? '尾差' : 'rounding', fenToNumber(t.rounding).toFixed(2)],
        [zh ? '报损合计（含退货破损）' : 'loss total (incl. damaged returns)', fenToNumber(t.lossAmount).toFixed(2)],
        ...kpiRows(result, lang).map(([name, value]) => [name, value]),
      ])}\n`,
    );
    process.stdout.write(reportFooter(lang, issues, data.tables.reduce((n, x) => n + x.excluded, 0), [inventory, loss]));
  }
  return doneStatus(opts, issues, lang);
}
