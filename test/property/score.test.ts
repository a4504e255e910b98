/**
 * Property: random violation sets through scoring (src/score/score.ts). Random rows of every log that a rule
 * reads (late replies, bad reviews, missed follow-ups, lunch absences, late shipments, missed meetings,
 * incidents with counts and ranged points, exemptions with and without reasons), under regulations with
 * random floors, pass marks and disabled rules:
 * - every score ≥ floor, and score = max(floor, base − deducted), deducted = the person's points;
 * - the result does not depend on the order of the input rows (each log shuffled, sources unchanged).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/calendar.js';
import type { Source } from '../../src/core/issues.js';
import { wall, type Wall } from '../../src/core/time.js';
import type { Records } from '../../src/logs/declarations.js';
import type { Regulation } from '../../src/regulation/types.js';
import { scoreMonth, type ScoreResult } from '../../src/score/score.js';
import {
  consultation, DEFAULT_STAFF, incident, listing, meeting, presence, records, regulation, report, returnRow, shipment, staffRecord,
} from '../rules/tester.js';
import { PROPERTY_RUNS } from '../helpers/property.js';

const calendar = createCalendar();
const PEOPLE = ['张三', '李四', '王五', '赵六', '孙八', '路人甲'];
const MANUAL = ['CS-REPLY-1', 'CS-REPLY-2', 'CS-REPLY-6', 'CS-DATA-3', 'CS-FOLLOW-2', 'CS-DOCS-1', 'CS-DOCS-2', 'ED-3', 'ED-4', 'ED-5', 'CW-1', 'CW-2', 'AR-1', 'AR-2', 'LD-1', 'LD-2', 'LD-3'];

/** A minute between 25 April and 5 June 2024 (around May, so month edges and carry-overs happen). */
const instant: fc.Arbitrary<Wall> = fc.integer({ min: 0, max: 41 * 24 * 60 }).map((m) => wall(2024, 4, 25) + m * 60_000);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const person = fc.constantFrom(...PEOPLE);
const exemption = fc.constantFrom(
  { exempt: false, exempt_reason: undefined },
  { exempt: false, exempt_reason: undefined },
  { exempt: false, exempt_reason: undefined },
  { exempt: true, exempt_reason: '系统故障' },
);
const src = (file: string, i: number): Partial<Source> => ({ file, sheet: 'S', row: i + 2 });

const randomRecords: fc.Arbitrary<Records> = fc
  .record({
    staffExtra: fc.array(fc.record({ role: fc.constantFrom('客服', '客服主管', '仓库主管'), from: maybe(instant), to: maybe(instant) }), { maxLength: 2 }),
    consultations: fc.array(
      fc.record({
        at: instant, staff: person, channel: fc.constantFrom('旺旺', '电话', '留言'), secs: fc.integer({ min: 0, max: 120 }), rings: fc.integer({ min: 0, max: 15 }),
        answered: fc.boolean(), handled: maybe(fc.integer({ min: 0, max: 3000 })), note: fc.constantFrom('已处理', '', undefined), follow: fc.boolean(),
        followAfter: maybe(fc.integer({ min: 0, max: 5000 })), rating: fc.constantFrom(undefined, '好评', '差评'), review: fc.constantFrom(undefined, '很差'), ex: exemption,
      }),
      { maxLength: 12 },
    ),
    presence: fc.array(fc.record({ at: instant, staff: person, away: fc.integer({ min: 0, max: 7200 }), switched: fc.boolean(), cover: fc.constantFrom(undefined, '李四'), ex: exemption }), { maxLength: 6 }),
    reports: fc.array(fc.record({ kind: fc.constantFrom('日报', '周总结'), staff: person, period: instant, submitted: maybe(instant), accurate: fc.boolean(), ex: exemption }), { maxLength: 6 }),
    shipments: fc.array(fc.record({ order: fc.constantFrom('O1', 'O2', 'O3', 'O4'), sku: fc.constantFrom('A', 'B'), completed: instant, shippedAfter: maybe(fc.integer({ min: 0, max: 20_000 })), staff: person, ex: exemption }), { maxLength: 8 }),
    returns: fc.array(fc.record({ at: instant, registeredAfter: maybe(fc.integer({ min: 0, max: 5000 })), staff: person, ex: exemption }), { maxLength: 4 }),
    listings: fc.array(fc.record({ kind: fc.constantFrom('上线', '更新'), at: instant, doneAfter: maybe(fc.integer({ min: 0, max: 3000 })), special: fc.boolean(), important: fc.boolean(), editor: person, ex: exemption }), { maxLength: 4 }),
    meetings: fc.array(fc.record({ at: instant, staff: person, signedAfter: maybe(fc.integer({ min: -10, max: 30 })), ex: exemption }), { maxLength: 5 }),
    incidents: fc.array(fc.record({ at: instant, staff: person, rule: fc.constantFrom(...MANUAL, 'XX-9'), count: fc.integer({ min: 1, max: 3 }), points: fc.constantFrom(undefined, 1, 2, 3, 4, 5, 0.5) }), { maxLength: 6 }),
  })
  .map((g) =>
    records({
      staff: [
        ...DEFAULT_STAFF,
        ...g.staffExtra.map((s, i) => staffRecord({ name: `新人${i}`, role: s.role as '客服', active_from: s.from, active_to: s.to, source: src('staff.xlsx', 10 + i) })),
      ],
      consultations: g.consultations.map((c, i) =>
        consultation({
          received_at: c.at, staff: c.staff, channel: c.channel as '旺旺', first_reply_seconds: c.channel === '旺旺' ? c.secs : undefined,
          rings: c.channel === '电话' ? c.rings : undefined, answered: c.answered, handled_at: c.handled === undefined ? undefined : c.at + c.handled * 60_000,
          note: c.note || undefined, needs_follow_up: c.follow, follow_up_at: c.followAfter === undefined ? undefined : c.at + c.followAfter * 60_000,
          rating: c.rating as '差评' | undefined, review_text: c.review, ...c.ex, source: src('consultations.xlsx', i),
        }),
      ),
      presence: g.presence.map((p, i) =>
        presence({ left_at: p.at, back_at: p.at + p.away * 1000, staff: p.staff, status_switched: p.switched, cover: p.cover, ...p.ex, source: src('presence.xlsx', i) }),
      ),
      reports: g.reports.map((r, i) =>
        report({ kind: r.kind as '日报', staff: r.staff, period: Math.floor(r.period / 86_400_000) * 86_400_000, submitted_at: r.submitted, accurate: r.accurate, ...r.ex, source: src('reports.xlsx', i) }),
      ),
      shipments: g.shipments.map((s, i) =>
        shipment({
          order_id: s.order, sku: `${s.sku}${i}`, completed_at: s.completed, shipped_at: s.shippedAfter === undefined ? undefined : s.completed + s.shippedAfter * 60_000,
          staff: s.staff, ...s.ex, source: src('shipments.xlsx', i),
        }),
      ),
      returns: g.returns.map((r, i) =>
        returnRow({ requested_at: r.at, registered_at: r.registeredAfter === undefined ? undefined : r.at + r.registeredAfter * 60_000, staff: r.staff, ...r.ex, source: src('returns.xlsx', i) }),
      ),
      listings: g.listings.map((l, i) =>
        listing({ kind: l.kind as '上线', notified_at: l.at, done_at: l.doneAfter === undefined ? undefined : l.at + l.doneAfter * 60_000, special: l.special, important: l.important, editor: l.editor, ...l.ex, source: src('listings.xlsx', i) }),
      ),
      meetings: g.meetings.map((m, i) =>
        meeting({ meeting_at: m.at, staff: m.staff, signed_at: m.signedAfter === undefined ? undefined : m.at + m.signedAfter * 60_000, ...m.ex, source: src('meetings.xlsx', i) }),
      ),
      incidents: g.incidents.map((x, i) =>
        incident({ date: Math.floor(x.at / 86_400_000) * 86_400_000, staff: x.staff, rule: x.rule, count: x.count, points: x.points, source: src('incidents.xlsx', i) }),
      ),
    }),
  );

/** Settings of a regulation (kept small, so a counterexample prints readably); built by regulationOf. */
const randomSettings = fc.record({
  floor: fc.constantFrom(0, 0, 50, 90, 99),
  passMark: fc.constantFrom(60, 95),
  off: fc.subarray(Object.keys(regulation().rules), { maxLength: 4 }),
});

function regulationOf({ floor, passMark, off }: { floor: number; passMark: number; off: string[] }): Regulation {
  const base = regulation();
  const rules = Object.fromEntries(Object.entries(base.rules).map(([code, s]) => [code, off.includes(code) ? { ...s, enabled: false } : s]));
  return { ...base, floor, passMark, rules };
}

/** Fisher–Yates with a seeded generator: each log's rows in another order, every row (and its source) unchanged. */
function shuffled(r: Records, seed: number): Records {
  let s = seed;
  const next = () => {
    // mulberry32: uniform in [0, 1)
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = {} as Record<string, unknown[]>;
  for (const [k, rows] of Object.entries(r) as [string, unknown[]][]) {
    const a = [...rows];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    out[k] = a;
  }
  return out as unknown as Records;
}

/** What must not depend on input order; lists whose order is the staff list's are compared by name. */
function comparable(r: ScoreResult) {
  const byName = <T extends { name?: string; staff?: string }>(xs: T[]) => [...xs].sort((a, b) => ((a.name ?? a.staff)! < (b.name ?? b.staff)! ? -1 : 1));
  return {
    ...r,
    staff: byName(r.staff),
    kpis: byName(r.kpis),
    issues: r.issues.map((i) => JSON.stringify(i)).sort(),
    ld3Hints: r.ld3Hints.map((h) => JSON.stringify(h)).sort(),
  };
}

describe('scoreMonth on random violation sets', () => {
  it('scores never fall below the floor, score = max(floor, base − deducted), and input order does not matter', () => {
    fc.assert(
      fc.property(randomRecords, randomSettings, fc.nat(), fc.boolean(), (recs, settings, seed, shuffleStaff) => {
        const reg = regulationOf(settings);
        const options = { regulation: reg, calendar, month: '2024-05' };
        const result = scoreMonth(recs, options);
        const cents = (x: number) => Math.round(x * 100);
        for (const s of result.staff) {
          expect(s.score).toBeGreaterThanOrEqual(reg.floor);
          const mine = result.violations.filter((v) => v.staff === s.name);
          expect(cents(s.deducted)).toBe(mine.reduce((n, v) => n + cents(v.points), 0));
          expect(s.violations).toBe(mine.length);
          expect(cents(s.score)).toBe(Math.max(cents(reg.floor), cents(reg.baseScore) - cents(s.deducted)));
          expect(s.passed).toBe(s.score >= reg.passMark);
        }
        for (const v of result.violations) {
          expect(v.points).toBeGreaterThanOrEqual(0);
          if (v.exempt) expect(v.points).toBe(0);
        }
        const again = shuffled(recs, seed);
        if (!shuffleStaff) again.staff = recs.staff;
        expect(comparable(scoreMonth(again, options))).toEqual(comparable(result));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  }, 60_000);
});
