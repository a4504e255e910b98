/** `ecops score --month YYYY-MM`: the supervisors' monthly assessment. */
import { dirname, join } from 'node:path';
import { createCalendar, loadCalendarFile } from '../calendar/calendar.js';
import { UsageError } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { endOfDay, nowWall, parseDateText, requireMonth, type Wall } from '../core/time.js';
import { colors, issueJson, printJson, table } from '../output/console.js';
import { saveJson } from '../output/files.js';
import { addScoreSheets, provisionalLine, scoreDocument } from '../output/score.js';
import { loadHistory } from '../score/history.js';
import { ConsultationPass } from '../score/consultations.js';
import { scoreMonth, scoreToJson, type ScoreResult } from '../score/score.js';
import { checkInputs, dataEndOf, doneStatus, langOf, loadInputs, logsPresent, strictStop, type CommonOptions } from './context.js';
import { dataSettings, regulationOf } from './regulation.js';
import { reportFooter, writeReport } from './report.js';

export interface ScoreCommandOptions extends CommonOptions {
  month?: string;
  asOf?: string;
  calendar?: string;
  history?: string;
}

/** `--as-of`: a date and time, or a date alone (its last instant). */
function asOfOption(text: string | undefined): Wall | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDateText(text.trim());
  if (!parsed) throw new UsageError({ zh: `--as-of「${text}」不是日期时间，如 2024-05-20 18:00`, en: `--as-of "${text}" is not a date/time such as 2024-05-20 18:00` });
  return parsed.hasTime ? parsed.t : endOfDay(parsed.t);
}

export async function scoreCommand(opts: ScoreCommandOptions): Promise<number> {
  const lang = langOf(opts);
  const month = requireMonth(opts.month);
  const asOf = asOfOption(opts.asOf);
  const regulation = regulationOf(opts);
  const calendar = createCalendar(opts.calendar ? loadCalendarFile(opts.calendar) : undefined);
  // Earlier months' saved JSON: by default the output folder, where score saves each month's.
  const history = loadHistory(opts.history ?? opts.out ?? './reports', month.label);
  // The consultations go through their rules as they are read (a month can hold a million of them), before
  // where the data ends is known: without --as-of they run up to now, and scoreMonth cuts at the data's end.
  const pass = new ConsultationPass({ regulation, calendar, month: month.label, asOf: asOf ?? nowWall(), asOfBound: asOf === undefined });
  const data = await loadInputs(opts, { ...(await dataSettings(opts, regulation)), consultations: pass });
  const unfit = checkInputs(opts, data, ['staff'], lang);
  if (unfit) return unfit;
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
  const stopped = strictStop(opts, issues, lang);
  if (stopped) return stopped;
  const json = {
    ...scoreToJson(result, lang),
    staff: result.staff.map(({ name, role, deducted, score, passed, violations }) => ({ name, role, deducted, score, passed, violations })),
    issues: issues.map((i) => issueJson(i, lang)),
  };
  if (opts.json) {
    printJson(json);
    return doneStatus(opts, issues, lang);
  }
  const path = await writeReport(opts, lang, `score-${month.label}.xlsx`, issues, scoreDocument(result, regulation, lang), (wb) => addScoreSheets(wb, result, regulation, lang));
  // The same JSON beside the workbook: the next months' LD-3 hints and trends, and the year's assessment, read it.
  const jsonPath = join(dirname(path), `score-${month.label}.json`);
  await saveJson(jsonPath, json);
  if (!opts.quiet) {
    process.stdout.write(summary(result, lang));
    process.stdout.write(reportFooter(lang, issues, data.tables.reduce((n, t) => n + t.excluded, 0), [path, jsonPath]));
  }
  return doneStatus(opts, issues, lang);
}

function summary(r: ScoreResult, lang: Lang): string {
  const c = colors();
  const zh = lang === 'zh';
  // As on 汇总: violations that cost points, and the exempt ones apart.
  const exempt = new Map<string, number>();
  for (const v of r.violations) if (v.exempt) exempt.set(v.staff, (exempt.get(v.staff) ?? 0) + 1);
  const rows = r.staff.map((s) => [
    s.name,
    s.role,
    s.deducted,
    s.passed ? String(s.score) : c.red(String(s.score)),
    s.passed ? (zh ? '是' : 'yes') : c.red(zh ? '否' : 'no'),
    s.violations - (exempt.get(s.name) ?? 0),
    exempt.get(s.name) ?? 0,
  ]);
  const head = zh ? ['姓名', '岗位', '扣分', '得分', '及格', '违规次数', '豁免次数'] : ['name', 'role', 'deducted', 'score', 'passed', 'violations', 'exempt'];
  const failed = r.staff.filter((s) => !s.passed).length;
  const line = zh
    ? `${r.month} 考核：${r.staff.length} 人，${r.violations.length} 条扣分记录，${failed} 人不及格，${r.pending.length} 项待定`
    : `${r.month}: ${r.staff.length} people, ${r.violations.length} violations, ${failed} failed, ${r.pending.length} pending`;
  const coverage = r.coverage.provisional ? `${c.yellow(provisionalLine(r, lang))}\n` : '';
  return `${table(head, rows)}\n${failed ? c.red(line) : line}\n${coverage}`;
}
