/**
 * LD-3 员工多次考核不及格，直属上级负责 — a manual clause (the supervisor enters it in the incidents log) whose
 * report also lists, as a hint, each direct report who failed this month and in an earlier month found in
 * the history (`--history DIR`).
 */
import { manualRule } from './manual.js';
import type { StaffDirectory } from './staff.js';
import { compareNames } from '../core/collections.js';

export default manualRule('LD-3', { zh: '员工多次考核不及格，直属上级负责', en: 'Staff failing the assessment repeatedly: their direct supervisor answers for it' }, [3, 5]);

export interface Ld3Hint {
  /** The failing person's direct supervisor (from the staff list), if any. */
  supervisor?: string;
  staff: string;
  /** Months failed, earliest first, this month last. */
  failedMonths: string[];
}

/** A past assessment, as history.ts reads it. */
export interface PastAssessment {
  month: string;
  staff: readonly { name: string; passed: boolean }[];
}

export function ld3Hints(
  month: string,
  failedNow: readonly string[],
  history: readonly PastAssessment[],
  staff: StaffDirectory,
): Ld3Hint[] {
  const earlier = new Map<string, Set<string>>();
  for (const h of history) {
    if (h.month >= month) continue;
    for (const s of h.staff) {
      if (s.passed) continue;
      let months = earlier.get(s.name);
      if (!months) earlier.set(s.name, (months = new Set()));
      months.add(h.month);
    }
  }
  const hints: Ld3Hint[] = [];
  for (const name of failedNow) {
    const before = earlier.get(name);
    if (!before) continue;
    const supervisor = staff.supervisorOf(name);
    hints.push({ ...(supervisor ? { supervisor } : {}), staff: name, failedMonths: [...[...before].sort(), month] });
  }
  return hints.sort((a, b) => compareNames(a.supervisor ?? '', b.supervisor ?? '') || compareNames(a.staff, b.staff));
}
