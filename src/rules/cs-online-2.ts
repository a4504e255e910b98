/** CS-ONLINE-2 离开超过1分钟须改为离开/下线状态 (1 point to the person, 2 to the 客服主管). */
import { z } from 'zod';
import { formatDate, SECOND, type Wall } from '../core/time.js';
import type { RuleContext } from './types.js';
import { maxAwaySeconds, num, pointsValue, span } from './support.js';
import { defineRule } from './types.js';

const params = z.strictObject({ max_away_seconds: maxAwaySeconds, supervisor_points: pointsValue.default(2) });

/**
 * The 客服主管 charged with a person's unswitched absence: the direct supervisor when that is a 客服主管
 * active that day other than the person, else the only such 客服主管. None or several: no one.
 */
export function chargedSupervisor(
  ctx: Pick<RuleContext, 'staff'>,
  person: string,
  t: Wall,
): { name: string } | { none: true } | { several: string[] } {
  const direct = ctx.staff.supervisorOf(person);
  if (direct && direct !== person && ctx.staff.roleOf(direct) === '客服主管' && ctx.staff.isActiveOn(direct, t)) {
    return { name: direct };
  }
  const candidates = ctx.staff.activeOn('客服主管', t).filter((s) => s.name !== person);
  if (candidates.length === 1) return { name: candidates[0].name };
  return candidates.length === 0 ? { none: true } : { several: candidates.map((s) => s.name) };
}

export default defineRule({
  meta: {
    code: 'CS-ONLINE-2',
    clause: {
      zh: '离开超过1分钟须改为离开/下线状态',
      en: 'Away for more than a minute: set the status to away/offline',
    },
    source: ['presence', 'staff'],
    points: 1,
    params,
    messages: {
      not_switched: {
        zh: '离岗 {span}（{seconds} 秒 > {max} 秒）未切换离开/下线状态',
        en: 'away {span} ({seconds} s > {max} s) without switching the status',
      },
      supervisor: {
        zh: '下属 {person} 离岗 {span}（{seconds} 秒）未切换状态，客服主管连带扣分',
        en: '{person}, away {span} ({seconds} s) without switching the status: the supervisor is charged too',
      },
    },
  },
  *check(ctx) {
    const max = ctx.params.max_away_seconds * SECOND;
    for (const p of ctx.records.presence) {
      const away = p.back_at - p.left_at;
      if (p.status_switched || away <= max || !ctx.inWindow(p.left_at)) continue;
      const values = { person: p.staff, span: span(p.left_at, p.back_at), seconds: num(away / SECOND), max: ctx.params.max_away_seconds };
      yield ctx.violation({ staff: p.staff, date: p.left_at, source: p.source, message: 'not_switched', values, row: p });
      const sup = chargedSupervisor(ctx, p.staff, p.left_at);
      if ('name' in sup) {
        yield ctx.violation({
          staff: sup.name,
          date: p.left_at,
          source: p.source,
          message: 'supervisor',
          values,
          points: ctx.params.supervisor_points,
          row: p,
        });
      } else if (!p.exempt) {
        const day = formatDate(p.left_at);
        const who = 'none' in sup ? { zh: '没有在岗的客服主管', en: 'no 客服主管 is active' } : { zh: `有多名在岗客服主管（${sup.several.join('、')}），且都不是其直属上级`, en: `several 客服主管 are active (${sup.several.join(', ')}) and none is the direct supervisor` };
        ctx.issue({
          severity: 'warning',
          code: 'no-supervisor',
          file: p.source.file,
          sheet: p.source.sheet,
          row: p.source.row,
          value: p.staff,
          message: {
            zh: `CS-ONLINE-2：${day} ${who.zh}，${p.staff} 未切换状态的主管扣分（${num(ctx.params.supervisor_points)} 分）未计`,
            en: `CS-ONLINE-2: on ${day} ${who.en}; the supervisor charge (${num(ctx.params.supervisor_points)} points) for ${p.staff} is not made`,
          },
        });
      }
    }
  },
});
