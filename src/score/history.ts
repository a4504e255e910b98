/**
 * Earlier assessments for LD-3 (`--history DIR`).
 *
 * Format: the JSON that `ecops score --json` prints, saved as `score-YYYY-MM.json` in DIR, one file per
 * month; `ecops score` saves it beside its workbook, and DIR defaults to that output folder. Only `month`,
 * `staff[]` (name, passed; role, score, deducted when given) and `kpis[]` (staff, badReviews) are read; other keys are ignored, so files from older or newer versions
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
  staff: z.array(z.object({ name: z.string(), passed: z.boolean(), role: z.string().optional(), score: z.number().optional(), deducted: z.number().optional() })),
  kpis: z.array(z.object({ staff: z.string(), badReviews: z.number().optional() }).catchall(z.unknown())).optional(),
});

/** A month's saved assessment: who passed (LD-3), and each person's score for trends and the year. */
export interface SavedAssessment extends PastAssessment {
  staff: readonly { name: string; passed: boolean; role?: string; score?: number; deducted?: number }[];
  /** 差评 per person, from the saved KPIs. */
  badReviews: ReadonlyMap<string, number>;
  /** The saved KPI counts per person (numbers only; older files may lack some). */
  kpis: ReadonlyMap<string, Readonly<Record<string, number>>>;
}

export interface History {
  /** One per month, oldest first. */
  months: SavedAssessment[];
  issues: Issue[];
}

const cleanName = (name: string) => name.replace(/[\s\u3000]+/g, ' ').trim();

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
  const byMonth = new Map<string, SavedAssessment>();
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
      byMonth.set(month, {
        month,
        staff: data.staff.map((s) => ({ ...s, name: cleanName(s.name) })),
        badReviews: new Map((data.kpis ?? []).map((k) => [cleanName(k.staff), k.badReviews ?? 0])),
        kpis: new Map((data.kpis ?? []).map((k) => [cleanName(k.staff), Object.fromEntries(Object.entries(k).filter((e): e is [string, number] => typeof e[1] === 'number'))])),
      });
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
