/** `close`: finance's month-end inventory movement and loss workbooks (docs/outputs.md#close). */
import { issueJson } from '../core/issues.js';
import { requireMonth } from '../core/time.js';
import { closeJson, closeMonth, type CloseJson, type CloseResult } from '../inventory/close.js';
import { addInventorySheet } from '../output/inventory.js';
import { addLossSheet } from '../output/loss.js';
import { periodTitle } from '../output/workbook.js';
import { checkInputs, dataSettings, INVENTORY_LOGS, langOf, loadInputs, regulationOf, strictCheck, type DataOptions, type OutputOptions } from './inputs.js';
import { reportPaths, writeReport, type CommandRun } from './report.js';

export interface CloseInput extends DataOptions, OutputOptions {
  /** The month to close, `YYYY-MM` (--month). */
  month: string;
}

/** What `ecops close --json` prints, and the two workbooks written. */
export type CloseOutput = CloseJson & { issues: ReturnType<typeof issueJson>[]; written: string[] };

export type CloseRun = CommandRun<CloseOutput, CloseResult>;

export async function closeRun(input: CloseInput): Promise<CloseRun> {
  const lang = langOf(input);
  const month = requireMonth(input.month);
  const regulation = regulationOf(input);
  const data = await loadInputs(input, { ...dataSettings(regulation), logs: INVENTORY_LOGS });
  checkInputs(input, data, ['skus']);
  const result = closeMonth(data.records, { month, costing: regulation.inventory.costing });
  const issues = [...data.issues, ...result.issues];
  strictCheck(input, issues);
  const written: string[] = [];
  if (input.write) {
    await reportPaths(input, [`inventory-${month.label}.xlsx`, `loss-${month.label}.xlsx`]); // both checked before either is written
    const doc = { company: regulation.company, period: periodTitle(month, lang) };
    written.push(await writeReport(input, lang, `inventory-${month.label}.xlsx`, issues, doc, (wb) => addInventorySheet(wb, result, lang, regulation.company)));
    written.push(await writeReport(input, lang, `loss-${month.label}.xlsx`, issues, doc, (wb) => addLossSheet(wb, result, lang, regulation.company)));
  }
  const output = { ...closeJson(result), issues: issues.map((i) => issueJson(i, lang)), written };
  return { output, result, issues, tables: data.tables };
}

/** The month-end inventory and loss of the logs in `data` (`ecops close`). */
export async function close(input: CloseInput): Promise<CloseOutput> {
  return (await closeRun(input)).output;
}
