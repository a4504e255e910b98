/** The rule registry: rule code → rule, sorted by code (natural order: CS-ONLINE-2 before CS-ONLINE-10). */
import csAfter1 from './cs-after-1.js';
import csAfter2 from './cs-after-2.js';
import csAfter3 from './cs-after-3.js';
import csData1 from './cs-data-1.js';
import csData2 from './cs-data-2.js';
import csFollow1 from './cs-follow-1.js';
import csMeet1 from './cs-meet-1.js';
import csOnline1 from './cs-online-1.js';
import csOnline2 from './cs-online-2.js';
import csOnline3 from './cs-online-3.js';
import csOnline4 from './cs-online-4.js';
import csReply3 from './cs-reply-3.js';
import csReply4 from './cs-reply-4.js';
import csReply5 from './cs-reply-5.js';
import ed1 from './ed-1.js';
import ed2 from './ed-2.js';
import ld3 from './ld-3.js';
import { MANUAL_RULES } from './manual.js';
import type { Bilingual } from '../core/lang.js';
import type { AnyRule } from './types.js';

export const compareRuleCodes = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

const all: AnyRule[] = [
  csOnline1, csOnline2, csOnline3, csOnline4, csReply3, csReply4, csReply5, csData1, csData2, csFollow1,
  csAfter1, csAfter2, csAfter3, csMeet1, ed1, ed2, ld3, ...MANUAL_RULES,
];

/** Every rule, by code, in sorted order. */
export const RULES: Readonly<Record<string, AnyRule>> = Object.freeze(
  Object.fromEntries(all.sort((a, b) => compareRuleCodes(a.meta.code, b.meta.code)).map((r) => [r.meta.code, r])),
);

export const RULE_CODES: readonly string[] = Object.freeze(Object.keys(RULES));

export function getRule(code: string): AnyRule | undefined {
  return Object.hasOwn(RULES, code) ? RULES[code] : undefined;
}

/** Rule groups: the score sheet has a subtotal per group. A rule's group is its code without the number. */
export const RULE_GROUPS: readonly { id: string; name: Bilingual }[] = [
  { id: 'CS-ONLINE', name: { zh: '在线', en: 'Online' } },
  { id: 'CS-REPLY', name: { zh: '接待', en: 'Replies' } },
  { id: 'CS-DATA', name: { zh: '数据', en: 'Data' } },
  { id: 'CS-FOLLOW', name: { zh: '回访', en: 'Follow-up' } },
  { id: 'CS-DOCS', name: { zh: '资料', en: 'Documents' } },
  { id: 'CS-AFTER', name: { zh: '售后', en: 'After-sales' } },
  { id: 'CS-MEET', name: { zh: '会议', en: 'Meetings' } },
  { id: 'ED', name: { zh: '编辑', en: 'Editing' } },
  { id: 'CW', name: { zh: '文案', en: 'Copywriting' } },
  { id: 'AR', name: { zh: '美工', en: 'Artwork' } },
  { id: 'LD', name: { zh: '负责人', en: 'Lead' } },
];

export const ruleGroup = (code: string) => code.replace(/-\d+$/, '');

export { ld3Hints, type Ld3Hint, type PastAssessment } from './ld-3.js';
export { runRule, type RuleRun, type RunEnv } from './context.js';
export { StaffDirectory } from './staff.js';
export type { AnyRule, PendingItem, Rule, RuleContext, RuleMeta, Violation } from './types.js';
