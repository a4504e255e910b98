/** `annual`: the year's assessment, from the logs and the months saved by `score` (docs/outputs.md#annual). */
import { createCalendar, loadCalendarFile } from '../calendar/calendar.js';
import { issueJson } from '../core/issues.js';
import { annualLines, writeAnnualSheets } from '../output/annual.js';
import { annualToJson, assessYear, YearPass, yearOption, type AnnualResult } from '../score/annual.js';
import { loadHistory } from '../score/history.js';
import { ASSESSMENT_LOGS, dataEndOf, dataSettings, langOf, loadInputs, logsPresent, regulationOf, requireLogs, strictCheck, type DataOptions, type OutputOptions } from './inputs.js';
import { writeReport, type CommandRun } from './report.js';

export interface AnnualInput extends DataOptions, OutputOptions {
  /** The year to assess, `YYYY` (--year). */
  year: string | number;
  /** The company calendar file (--calendar). */
  calendar?: string;
  /** The folder of saved monthly assessments (score-YYYY-MM.json) (--history; default: `out`). */
  history?: string;
}

/** What `ecops annual --json` prints, and the workbook written. */
export type AnnualOutput = ReturnType<typeof annualToJson> & { issues: ReturnType<typeof issueJson>[]; written: string[] };

export type AnnualRun = CommandRun<AnnualOutput, AnnualResult>;

export async function annualRun(input: AnnualInput): Promise<AnnualRun> {
  const lang = langOf(input);
  const year = yearOption(input.year);
  const regulation = regulationOf(input);
  const calendar = createCalendar(input.calendar ? loadCalendarFile(input.calendar) : undefined);
  // Months without logs come from the JSON `score` saved beside its workbooks: by default the output folder.
  const history = loadHistory(input.history ?? input.out ?? './reports');
  const options = { regulation, calendar, year };
  // One read of the logs for the whole year: every month's consultation pass is fed as the rows go by, and the
  // shipment and return lines (a big shop's year is millions) are held column by column.
  const pass = new YearPass(options);
  const data = await loadInputs(input, { ...dataSettings(regulation), logs: ASSESSMENT_LOGS, consultations: pass, compact: ['shipments', 'returns'] });
  if (data.tables.length > 0) requireLogs(data, ['staff']);
  const result = assessYear(data.records, pass, history.months, { ...options, lines: data.lines, dataEnds: dataEndOf(data.tables), logsPresent: logsPresent(data.tables) });
  const issues = [...data.issues, ...history.issues, ...result.issues];
  strictCheck(input, issues);
  const written: string[] = [];
  if (input.write) {
    const doc = { company: regulation.company, period: lang === 'zh' ? `${year}年度` : `Year ${year}`, lines: annualLines(result, lang) };
    written.push(await writeReport(input, lang, `annual-${year}.xlsx`, issues, doc, (wb) => writeAnnualSheets(wb, result, lang)));
  }
  const output = { ...annualToJson(result, lang), issues: issues.map((i) => issueJson(i, lang)), written };
  return { output, result, issues, tables: data.tables };
}

/** The annual assessment of a year (`ecops annual`). */
export async function annual(input: AnnualInput): Promise<AnnualOutput> {
  return (await annualRun(input)).output;
}
