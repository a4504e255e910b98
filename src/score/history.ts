/**
 * Earlier assessments for LD-3 (`--history DIR`).
 *
 * Format: the JSON that `ecops score --json` prints, saved as `score-YYYY-MM.json` in DIR, one file per
 * month; `ecops score` saves it beside its workbook, and DIR defaults to that output folder. Only `month` and
 * `staff[].name` / `staff[].passed` are read; other keys are ignored, so files from older or newer versions
 * still work. A missing DIR means no history. A file that cannot be read or parsed is skipped with a
 * warning, never fatal.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Issue } from '../core/issues.js';
import type { PastAssessment } from '../rules/index.js';

export const HISTORY_FILE = /^score-(\d{4}-\d{2})\.json$/;

const historySchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  staff: z.array(z.object({ name: z.string(), passed: z.boolean() })),
});

export interface History {
  /** One per month, oldest first. */
  months: PastAssessment[];
  issues: Issue[];
}

/** Reads every `score-YYYY-MM.json` of DIR for months before `before` (`YYYY-MM`), when given. */
export function loadHistory(dir: string | undefined, before?: string): History {
  const out: History = { months: [], issues: [] };
  if (!dir) return out;
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      out.issues.push(warning(dir, { zh: `无法读取历史考核目录：${(err as Error).message}`, en: `cannot read the history folder: ${(err as Error).message}` }));
    }
    return out;
  }
  const byMonth = new Map<string, PastAssessment>();
  for (const name of names.sort()) {
    const m = HISTORY_FILE.exec(name);
    if (!m) continue;
    const month = m[1];
    if (before !== undefined && month >= before) continue;
    const path = join(dir, name);
    try {
      const data = historySchema.parse(JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')));
      if (data.month !== undefined && data.month !== month) {
        out.issues.push(warning(path, { zh: `文件名是 ${month}，内容却是 ${data.month} 的考核，已跳过`, en: `the file is named ${month} but holds the assessment of ${data.month}; skipped` }));
        continue;
      }
      byMonth.set(month, { month, staff: data.staff.map((s) => ({ name: s.name.replace(/[\s\u3000]+/g, ' ').trim(), passed: s.passed })) });
    } catch (err) {
      const why = err instanceof z.ZodError ? 'not the JSON of `ecops score --json`' : (err as Error).message;
      out.issues.push(warning(path, { zh: `历史考核文件无法读取，已跳过（${why}）`, en: `history file skipped: ${why}` }));
    }
  }
  out.months = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  return out;
}

function warning(file: string, message: Issue['message']): Issue {
  return { severity: 'warning', code: 'file-error', file, message };
}
