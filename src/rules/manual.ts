/**
 * The manual clauses: violations no log records, entered by the supervisor in the incidents log (docs/inputs.md#incidents).
 * One generic module: an incident row is one violation worth count × points at its date. A
 * ranged rule takes the row's points; a fixed rule's points always apply. The rows were checked where the
 * incidents log is read (codes normalised, points present and in range).
 */
import { z } from 'zod';
import type { Bilingual } from '../core/lang.js';
import type { Points } from '../regulation/types.js';
import { num } from './support.js';
import { defineRule, type Rule } from './types.js';

export function manualRule(code: string, clause: Bilingual, points: Points, note?: Bilingual): Rule<Record<string, never>> {
  return defineRule({
    meta: {
      code,
      clause,
      source: ['incidents'],
      points,
      manual: true,
      ...(note ? { note } : {}),
      params: z.strictObject({}),
      messages: {
        incident: { zh: '{note}', en: '{note}' },
        incident_points: { zh: '{note}（扣 {points} 分）', en: '{note} ({points} points)' },
        incidents: { zh: '{note}（{count} 次 × {points} 分）', en: '{note} ({count} × {points} points)' },
      },
    },
    *check(ctx) {
      for (const r of ctx.records.incidents) {
        if (r.rule !== code || !ctx.inWindow(r.date)) continue;
        // The loader checked the row (logs/crosscheck.ts): a ranged clause's points are there and in range; a
        // fixed clause's points always apply.
        const points = ctx.range ? r.points : ctx.points;
        if (points === undefined) continue;
        const count = r.count ?? 1;
        const total = (Math.round(points * 100) * count) / 100;
        const values = { note: r.note, count, points: num(points) };
        const message = count > 1 ? 'incidents' : ctx.range ? 'incident_points' : 'incident';
        yield ctx.violation({ staff: r.staff, date: r.date, source: r.source, message, values, points: total });
      }
    },
  });
}

/** The manual clauses of docs/rules.md#summary (LD-3 has its own module: it also gives hints). */
export const MANUAL_RULES = [
  manualRule('CS-REPLY-1', { zh: '自动回复不按要求增删内容', en: 'Auto-replies not edited as required' }, 0.5),
  manualRule('CS-REPLY-2', { zh: '优惠活动未加自动回复或过期一天未下架', en: 'Promotion without an auto-reply, or still up a day after it ended' }, 0.5),
  manualRule('CS-REPLY-6', { zh: '乱报价格乱讲产品造成投诉或损失', en: 'Wrong prices or product claims causing a complaint or a loss' }, 5),
  manualRule('CS-DATA-3', { zh: '数据报表泄露', en: 'Leaking data reports' }, 10, { zh: '情节严重可开除', en: 'serious cases may lead to dismissal' }),
  manualRule('CS-FOLLOW-2', { zh: '回访表格未做乱做漏做', en: 'Follow-up sheet not kept, kept carelessly, or incomplete' }, 1),
  manualRule('CS-DOCS-1', { zh: '客人资料不得留存部门过夜', en: 'Customer documents must not stay in the department overnight' }, 3),
  manualRule('CS-DOCS-2', { zh: '缴款单据妥善保管，当日款项当日交账', en: "Keep payment slips safe; hand in each day's takings the same day" }, 3),
  manualRule('ED-3', { zh: '产品信息粗心出错', en: 'Careless errors in product information' }, 1),
  manualRule('ED-4', { zh: '不配合软文推广文案', en: 'Not cooperating on promotional copy' }, 3),
  manualRule('ED-5', { zh: '上级交代工作未及时完成', en: "A supervisor's task not done in time" }, [2, 4]),
  manualRule('CW-1', { zh: '文案未在规定时间完成', en: 'Copy not finished in time' }, 3),
  manualRule('CW-2', { zh: '文案素材收集懈怠', en: 'Slack in collecting copy material' }, [1, 3]),
  manualRule('AR-1', { zh: '美工未在规定时间完成海报图片', en: 'Poster images not finished in time' }, 3),
  manualRule('AR-2', { zh: '美工素材收集懈怠', en: 'Slack in collecting design material' }, [1, 3]),
  manualRule('LD-1', { zh: '负责人本职工作未完成', en: "The lead's own duties not done" }, 5),
  manualRule('LD-2', { zh: '部门问题1-2日内未解决', en: 'A department problem not solved within 1–2 days' }, 5),
];
