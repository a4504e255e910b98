/** Small helpers the rules share: formatting values for reasons, order grouping, deadlines. */
import { z } from 'zod';
import type { Calendar } from '../calendar/calendar.js';
import { compareSource } from '../core/issues.js';
import type { Bilingual } from '../core/lang.js';
import { DAY, endOfDay, formatDate, HOUR, MINUTE, SECOND, startOfDay, timeOfDay, type Wall } from '../core/time.js';
import type { Shipment } from '../logs/declarations.js';
import type { DayWindow } from '../regulation/types.js';

const dayText = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2024-05-06 12:00:00`, the form reasons use (fast: called for every violation of a million rows). */
export function timeText(t: Wall): string {
  const day = Math.floor(t / DAY);
  let date = dayText.get(day);
  if (date === undefined) {
    date = formatDate(day * DAY);
    if (dayText.size < 100_000) dayText.set(day, date);
  }
  const s = Math.floor((t - day * DAY) / SECOND);
  return `${date} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}

/** `2024-05-06 11:20:00–11:45:00`, or both instants in full when they are on different days. */
export function span(from: Wall, to: Wall): string {
  return startOfDay(from) === startOfDay(to) ? `${timeText(from)}–${timeText(to).slice(11)}` : `${timeText(from)}–${timeText(to)}`;
}

/** ms since midnight → `HH:mm` (or `HH:mm:ss` when it has seconds). */
export function clock(ms: number): string {
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = Math.floor((ms % MINUTE) / SECOND);
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return s ? `${hm}:${String(s).padStart(2, '0')}` : hm;
}

/** A number for messages: integers as such, others with at most 2 decimals. */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

const compiled = new Map<string, string[]>();

/** `a {x} b` → ['a ', 'x', ' b']: text at even indexes, placeholder names at odd ones (compiled once). */
function parts(template: string): string[] {
  let p = compiled.get(template);
  if (!p) compiled.set(template, (p = template.split(/\{(\w+)\}/)));
  return p;
}

function sub(template: string, values: Record<string, string | number>): string {
  const p = parts(template);
  let out = p[0];
  for (let i = 1; i < p.length; i += 2) {
    const v = values[p[i]];
    out += (v === undefined ? `{${p[i]}}` : v) + p[i + 1];
  }
  return out;
}

/** Fills `{name}` placeholders (a placeholder without a value stays as written). */
export function fill(template: Bilingual, values: Record<string, string | number> = {}): Bilingual {
  return { zh: sub(template.zh, values), en: sub(template.en, values) };
}

/** Whether t's time of day lies in a window [start, end). */
export function inDayWindow(t: Wall, w: DayWindow): boolean {
  const tod = timeOfDay(t);
  return tod >= w.start && tod < w.end;
}

/** Whether [from, to] overlaps the window on any day it spans, strictly (touching an end is no overlap). */
export function overlapsDayWindow(from: Wall, to: Wall, w: DayWindow): boolean {
  for (let day = startOfDay(from); day <= to; day += 24 * HOUR) {
    if (from < day + w.end && to > day + w.start) return true;
  }
  return false;
}

/** docs/rules.md#calendar: own date if a working day and before the evening cut-off, else next_working_day(date). */
export function belongsTo(calendar: Calendar, eveningCutoff: number, t: Wall): Wall {
  const day = startOfDay(t);
  return calendar.isWorkingDay(day) && t - day < eveningCutoff ? day : calendar.nextWorkingDay(day);
}

/** 23:59:59 of next_working_day(t's date). */
export function endOfNextWorkingDay(calendar: Calendar, t: Wall): Wall {
  return endOfDay(calendar.nextWorkingDay(t));
}

/** First by source (file, sheet, row). */
export function firstBySource<T extends { source: { file: string; sheet: string; row: number } }>(rows: readonly T[]): T {
  let first = rows[0];
  for (const r of rows) if (compareSource(r.source, first.source) < 0) first = r;
  return first;
}

/** An order: the shipment rows with one order_id (docs/rules.md#cs-after-1). */
export interface Order {
  id: string;
  /** Rows in source order. */
  rows: Shipment[];
  /** The order's first row by file, sheet, row: its staff is charged, its source is shown. */
  first: Shipment;
  /** Latest completed_at of its rows. */
  completedAt: Wall;
  /** Latest shipped_at, or undefined while any row is blank. */
  shippedAt: Wall | undefined;
  /** The first exempt row, if any: everything derived from the order is exempt. */
  exemptRow: Shipment | undefined;
  /** The row a late order points at: the first row not shipped, else the row that shipped last. */
  evidence: Shipment;
}

export function isShippedBy(order: Order, t: Wall): boolean {
  return order.shippedAt !== undefined && order.shippedAt <= t;
}

const orderCache = new WeakMap<readonly Shipment[], Order[]>();

/** Groups shipment rows by order_id (memoised per array: several rules and KPIs use it). */
export function ordersOf(shipments: readonly Shipment[]): Order[] {
  const cached = orderCache.get(shipments);
  if (cached) return cached;
  const groups = new Map<string, Shipment[]>();
  for (const s of shipments) {
    const g = groups.get(s.order_id);
    if (g) g.push(s);
    else groups.set(s.order_id, [s]);
  }
  const out: Order[] = [];
  for (const [id, group] of groups) {
    // An array grown by push keeps room for 17 rows, and an order has one or two: held in one of its size instead.
    const rows = group.length > 1 ? group.slice().sort((a, b) => compareSource(a.source, b.source)) : group;
    let completedAt = -Infinity;
    let shippedAt: Wall | undefined = -Infinity;
    let lastShipped = rows[0];
    for (const r of rows) {
      if (r.completed_at > completedAt) completedAt = r.completed_at;
      if (r.shipped_at === undefined) shippedAt = undefined;
      else if (shippedAt !== undefined && r.shipped_at > shippedAt) shippedAt = r.shipped_at;
      if (r.shipped_at !== undefined && r.shipped_at > (lastShipped.shipped_at ?? -Infinity)) lastShipped = r;
    }
    const evidence = rows.find((r) => r.shipped_at === undefined) ?? lastShipped;
    out.push({ id, rows, first: rows[0], completedAt, shippedAt, exemptRow: rows.find((r) => r.exempt), evidence });
  }
  orderCache.set(shipments, out);
  return out;
}

/** A point value: ≥ 0 with at most 2 decimals (scores are summed in hundredths). */
export const pointsValue = z
  .number()
  .min(0)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { params: { zh: '扣分最多两位小数', en: 'points have at most 2 decimals' } });

/** Parameter schemas shared by several rules. */
export const maxAwaySeconds = z.number().min(0).default(60);
