/** `score`: the supervisors' monthly assessment (docs/outputs.md#score). */
import { dirname, join } from 'node:path';
import { createCalendar, loadCalendarFile } from '../calendar/calendar.js';
import { issueJson, UsageError, type Issue } from '../core/issues.js';
import { endOfDay, nowWall, parseDateText, requireMonth, type Wall } from '../core/time.js';
import { saveJson } from '../output/files.js';
import { addScoreSheets, scoreDocument } from '../output/score.js';
import { ConsultationPass } from '../score/consultations.js';
import { loadHistory } from '../score/history.js';
import { scoreMonth, scoreToJson, type ScoreResult } from '../score/score.js';
import { ASSESSMENT_LOGS, checkInputs, dataEndOf, dataSettings, langOf, loadInputs, logsPresent, regulationOf, strictCheck, type DataOptions, type OutputOptions } from './inputs.js';
import { writeReport, type CommandRun } from './report.js';

export interface ScoreInput extends DataOptions, OutputOptions {
  /** The month to assess, `YYYY-MM` (--month). */
  month: string;
  /** Leave out violations dated after this instant: `YYYY-MM-DD HH:mm`, or a date alone (its last instant) (--as-of). */
  asOf?: string;
  /** The company calendar file (--calendar). */
  calendar?: string;
  /** The folder of earlier assessments (score-YYYY-MM.json) (--history; default: `out`). */
  history?: string;
}

/** What `ecops score --json` prints (docs/outputs.md#json). */
export type ScoreJson = ReturnType<typeof scoreJson>;

/** The JSON, and the files written (the workbook and the JSON saved beside it) when `write` was asked. */
export type ScoreOutput = ScoreJson & { written: string[] };

/** `--as-of`: a date and time, or a date alone (its last instant). */
function asOfOption(text: string | undefined): Wall | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDateText(text.trim());
  if (!parsed) throw new UsageError({ zh: `--as-of「${text}」不是日期时间，如 2024-05-20 18:00`, en: `--as-of "${text}" is not a date/time such as 2024-05-20 18:00` });
  return parsed.hasTime ? parsed.t : endOfDay(parsed.t);
}

function scoreJson(result: ScoreResult, issues: readonly Issue[], lang: ReturnType<typeof langOf>) {
  return {
    ...scoreToJson(result, lang),
    staff: result.staff.map(({ name, role, deducted, score, passed, violations }) => ({ name, role, deducted, score, passed, violations })),
    issues: issues.map((i) => issueJson(i, lang)),
  };
}

/** The assessment with what the console shows besides the JSON. */
export type ScoreRun = CommandRun<ScoreOutput, ScoreResult>;

export async function scoreRun(input: ScoreInput): Promise<ScoreRun> {
  const lang = langOf(input);
  const month = requireMonth(input.month);
  const asOf = asOfOption(input.asOf);
  const regulation = regulationOf(input);
  const calendar = createCalendar(input.calendar ? loadCalendarFile(input.calendar) : undefined);
  // Earlier months' saved JSON: by default the output folder, where score saves each month's.
  const history = loadHistory(input.history ?? input.out ?? './reports', month.label);
  // The consultations go through their rules as they are read (a month can hold a million of them), before
  // where the data ends is known: without as-of they run up to now, and scoreMonth cuts at the data's end.
  const pass = new ConsultationPass({ regulation, calendar, month: month.label, asOf: asOf ?? nowWall(), asOfBound: asOf === undefined });
  const data = await loadInputs(input, { ...dataSettings(regulation), logs: ASSESSMENT_LOGS, consultations: pass });
  checkInputs(input, data, ['staff']);
  const dataEnds = dataEndOf(data.tables);
  const result = scoreMonth(data.records, {
    regulation, calendar, month: month.label,
    asOf: asOf ?? Math.min(nowWall(), dataEnds ?? month.end),
    dataEnds,
    logsPresent: logsPresent(data.tables),
    history: history.months,
    consultations: pass.summary(),
  });
  const issues = [...data.issues, ...history.issues, ...result.issues];
  strictCheck(input, issues);
  const json = scoreJson(result, issues, lang);
  const written: string[] = [];
  if (input.write) {
    const path = await writeReport(input, lang, `score-${month.label}.xlsx`, issues, scoreDocument(result, regulation, lang), (wb) => addScoreSheets(wb, result, regulation, lang));
    // The same JSON beside the workbook: the next months' LD-3 hints and trends, and the year's assessment, read it.
    const jsonPath = join(dirname(path), `score-${month.label}.json`);
    await saveJson(jsonPath, json);
    written.push(path, jsonPath);
  }
  return { output: { ...json, written }, result, issues, tables: data.tables };
}

/** The monthly assessment of the logs in `data` (`ecops score`). */
export async function score(input: ScoreInput): Promise<ScoreOutput> {
  return (await scoreRun(input)).output;
}
