/** `stock`: the warehouse's daily check of the book against 警戒库存, orders and seasons (docs/outputs.md#stock). */
import { issueJson, UsageError } from '../core/issues.js';
import { parseDay, stockJson, stockOn, type StockJson, type StockResult } from '../inventory/stock.js';
import { addStockSheets } from '../output/stock.js';
import { periodTitle } from '../output/workbook.js';
import { checkInputs, dataSettings, INVENTORY_LOGS, langOf, loadInputs, regulationOf, strictCheck, type DataOptions, type OutputOptions } from './inputs.js';
import { writeReport, type CommandRun } from './report.js';

export interface StockInput extends DataOptions, OutputOptions {
  /** The day whose end the book is taken at, `YYYY-MM-DD` (--date). */
  date: string;
}

/** What `ecops stock --json` prints, and the workbook written. */
export type StockOutput = StockJson & { issues: ReturnType<typeof issueJson>[]; written: string[] };

export type StockRun = CommandRun<StockOutput, StockResult>;

export async function stockRun(input: StockInput): Promise<StockRun> {
  const lang = langOf(input);
  const day = parseDay(input.date ?? '');
  if (!day) throw new UsageError({ zh: `日期「${input.date ?? ''}」不对，应为 YYYY-MM-DD，如 2024-05-14`, en: `date "${input.date ?? ''}" is not YYYY-MM-DD, e.g. 2024-05-14` });
  const regulation = regulationOf(input);
  const data = await loadInputs(input, { ...dataSettings(regulation), logs: INVENTORY_LOGS });
  checkInputs(input, data, ['skus']);
  const result = stockOn(data.records, day);
  const issues = [...data.issues, ...result.issues];
  strictCheck(input, issues);
  const written: string[] = [];
  if (input.write) {
    const doc = { company: regulation.company, period: periodTitle(day, lang) };
    written.push(await writeReport(input, lang, `stock-${day.label}.xlsx`, issues, doc, (wb) => addStockSheets(wb, result, lang)));
  }
  const output = { ...stockJson(result), issues: issues.map((i) => issueJson(i, lang)), written };
  return { output, result, issues, tables: data.tables };
}

/** The book at the end of a day, with reorders, shortages and delistings (`ecops stock`). */
export async function stock(input: StockInput): Promise<StockOutput> {
  return (await stockRun(input)).output;
}
