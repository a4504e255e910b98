import type { CostingMethod } from '../inventory/costing.js';
import type { LogKey } from '../logs/declarations.js';

/** A window of the day, start included and end excluded (docs/rules.md#calendar); ms since midnight. */
export interface DayWindow {
  start: number;
  end: number;
}

/** The hours of docs/rules.md#calendar, as ms since midnight. */
export interface Hours {
  online: DayWindow;
  lunch: DayWindow;
  eveningCutoff: number;
  reportDeadline: number;
  messageDeadline: number;
}

export type Points = number | readonly [min: number, max: number];

/** One rule as the regulation file sets it. */
export interface RuleSetting {
  code: string;
  /** The clause as the department wrote it. */
  clause: string;
  /** A number, or `[min, max]` for a discretionary (manual) rule. */
  points: Points;
  source: readonly LogKey[];
  scope?: string;
  charged?: string;
  /** Parameters after the rule's schema applied its defaults. */
  params: Record<string, unknown>;
  enabled: boolean;
  /** Line of the entry in the regulation file. */
  line?: number;
}

/** User column aliases: `{ consultations: { received_at: ['接待时间'] } }`. */
export type ColumnAliases = Partial<Record<LogKey, Record<string, string[]>>>;

/** One grade of the annual assessment: annual scores from `min` up (below the next grade's min) get it. */
export interface Grade {
  grade: string;
  min: number;
  /** Bonus coefficient (绩效奖金系数). */
  bonus: number;
}

/** The regulation as applied (docs/rules.md). */
export interface Regulation {
  /** The file it was read from. */
  file: string;
  /** Named at the top of every document. */
  company: string;
  baseScore: number;
  passMark: number;
  floor: number;
  hours: Hours;
  columns: ColumnAliases;
  /** The annual assessment: grades from the highest min down, and the score that counts in a run of good months. */
  annual: { grades: Grade[]; streakScore: number };
  /** How stock is valued at month end (`inventory.costing`, default standard). */
  inventory: { costing: CostingMethod };
  /** Every rule code of the registry, in the registry's (sorted) order. */
  rules: Record<string, RuleSetting>;
}
