import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { UsageError } from '../../src/core/issues.js';
import { HOUR, MINUTE } from '../../src/core/time.js';
import { ConfigFileError, DEFAULT_REGULATION_PATH, loadRegulation, parseRegulation } from '../../src/regulation/index.js';
import { RULE_CODES, RULES } from '../../src/rules/index.js';

const TEMPLATE = readFileSync(DEFAULT_REGULATION_PATH, 'utf8');

/** The default file with one rule entry's YAML replaced (by code). */
function withRule(code: string, entry: string): string {
  const start = TEMPLATE.indexOf(`  - code: ${code}\n`);
  const end = TEMPLATE.indexOf('\n  - code:', start + 1);
  return TEMPLATE.slice(0, start) + entry + (end === -1 ? '\n' : TEMPLATE.slice(end));
}

function problems(text: string): { zh: string[]; en: string[] } {
  try {
    parseRegulation(text, 'rules.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigFileError);
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    const t = (e as ConfigFileError).text;
    return { zh: t.zh.split('\n'), en: t.en.split('\n') };
  }
  throw new Error('no error');
}

/** Line (1-based) of the first occurrence of a text in a YAML text. */
const lineOf = (text: string, needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;

describe('the default regulation (templates/regulation.yaml)', () => {
  const reg = loadRegulation();

  it('has the scores and hours of docs/rules.md#scores', () => {
    expect(reg.baseScore).toBe(100);
    expect(reg.passMark).toBe(60);
    expect(reg.floor).toBe(0);
    expect(reg.hours).toEqual({
      online: { start: 9 * HOUR, end: 23 * HOUR },
      lunch: { start: 11 * HOUR + 30 * MINUTE, end: 13 * HOUR + 30 * MINUTE },
      eveningCutoff: 18 * HOUR,
      reportDeadline: 10 * HOUR,
      messageDeadline: 12 * HOUR,
    });
    expect(reg.columns).toEqual({});
  });

  it('lists every rule code of the registry, once, enabled', () => {
    expect(Object.keys(reg.rules)).toEqual(RULE_CODES);
    expect(RULE_CODES).toHaveLength(33);
    for (const s of Object.values(reg.rules)) expect(s.enabled).toBe(true);
    const doc = parseDocument(TEMPLATE).toJS() as { rules: { code: string }[] };
    expect(doc.rules.map((r) => r.code).sort()).toEqual([...RULE_CODES].sort());
  });

  it('agrees with each rule module: points, source, parameter defaults', () => {
    for (const code of RULE_CODES) {
      const rule = RULES[code];
      const setting = reg.rules[code];
      expect(setting.points, code).toEqual(rule.meta.points);
      expect(setting.source, code).toEqual(rule.meta.source);
      expect(setting.params, code).toEqual(rule.meta.params.parse({}));
      expect(setting.clause.length, code).toBeGreaterThan(8);
    }
  });

  it('has the parameters the brief names', () => {
    expect(reg.rules['CS-REPLY-3'].params).toEqual({ max_seconds: 45 });
    expect(reg.rules['CS-REPLY-4'].params).toEqual({ max_rings: 10 });
    expect(reg.rules['CS-ONLINE-1'].params).toEqual({ max_away_seconds: 60 });
    expect(reg.rules['CS-ONLINE-2'].params).toEqual({ max_away_seconds: 60, supervisor_points: 2 });
    expect(reg.rules['CS-ONLINE-3'].params).toEqual({ max_away_seconds: 60 });
    expect(reg.rules['CS-ONLINE-4'].params).toEqual({ min_note_chars: 2 });
    expect(reg.rules['CS-FOLLOW-1'].params).toEqual({ escalate_from: 3, escalated_points: 1 });
    expect(reg.rules['CS-MEET-1'].params).toEqual({ grace_minutes: 0, meetings: ['周会', '月会'] });
    expect(reg.rules['ED-1'].params).toEqual({ special_hours: 2 });
    expect(reg.rules['ED-2'].params).toEqual({ hours: 24, important_hours: 12 });
    expect(reg.rules['CS-REPLY-5'].params).toEqual({ points_with_text: 5 });
    expect(reg.rules['CS-AFTER-3'].params).toEqual({ deadline_day: 7 });
    expect(reg.rules['ED-5'].points).toEqual([2, 4]);
    expect(reg.rules['LD-3'].points).toEqual([3, 5]);
    expect(reg.rules['CW-2'].points).toEqual([1, 3]);
    expect(reg.rules['AR-2'].points).toEqual([1, 3]);
  });

  it('keeps the clauses in Chinese as the department wrote them', () => {
    expect(reg.rules['CS-ONLINE-4'].clause).toBe('客户留言须当天处理；18点以后的留言须在次日12点前处理完毕，并有详细批注；未按时处理或没有批注的，扣1.5分。');
    expect(reg.rules['CS-DATA-3'].clause).toContain('情节严重者可予开除');
  });

  it('records the line of each rule entry', () => {
    expect(reg.rules['CS-ONLINE-1'].line).toBe(lineOf(TEMPLATE, '  - code: CS-ONLINE-1'));
  });
});

describe('a regulation file of the user', () => {
  it('may change points and parameters, and leave parameters out for their defaults', () => {
    const text = withRule('CS-REPLY-3', '  - code: CS-REPLY-3\n    clause: 首句30秒内回复。\n    points: 2\n    params:\n      max_seconds: 30\n')
      .replace('base_score: 100', 'base_score: 120')
      .replace('"09:00-23:00"', '08:30-22:00')
      .replace("columns: {}", 'columns:\n  consultations:\n    received_at: [接待时间, 进线时间]\n    staff: 接待人\n');
    const reg = parseRegulation(text);
    expect(reg.baseScore).toBe(120);
    expect(reg.rules['CS-REPLY-3']).toMatchObject({ clause: '首句30秒内回复。', points: 2, params: { max_seconds: 30 } });
    expect(reg.hours.online).toEqual({ start: 8 * HOUR + 30 * MINUTE, end: 22 * HOUR });
    expect(reg.columns).toEqual({ consultations: { received_at: ['接待时间', '进线时间'], staff: ['接待人'] } });
    const bare = parseRegulation(withRule('CS-REPLY-4', '  - code: CS-REPLY-4\n    points: 1\n    enabled: false\n'));
    expect(bare.rules['CS-REPLY-4']).toMatchObject({ params: { max_rings: 10 }, enabled: false, clause: '电话响铃10声内必须接听' });
  });

  it('hours, base_score and columns may be left out', () => {
    const text = TEMPLATE.replace(/^hours:\n(  .*\n)+/m, '').replace('columns: {}\n', 'columns:\n').replace('base_score: 100        # 基础分\n', '');
    const reg = parseRegulation(text);
    expect(reg.hours.eveningCutoff).toBe(18 * HOUR);
    expect(reg.baseScore).toBe(100);
    expect(reg.columns).toEqual({});
  });

  it('an unknown top-level key names its line', () => {
    const text = TEMPLATE.replace('floor: 0', 'floor: 0\nbonus: 5');
    const p = problems(text);
    expect(p.zh).toEqual([`规则文件 rules.yaml 第 ${lineOf(text, 'bonus')} 行 bonus：未知的键 bonus（可用：company、base_score、pass_mark、floor、hours、columns、annual、inventory、rules）`]);
    expect(p.en).toEqual([`regulation file rules.yaml line ${lineOf(text, 'bonus')}, bonus: unknown key bonus (allowed: company, base_score, pass_mark, floor, hours, columns, annual, inventory, rules)`]);
  });

  it('an unknown rule code', () => {
    const text = withRule('CS-REPLY-3', '  - code: CS-REPLY-3\n    points: 1\n  - code: CS-REPLY-9\n    points: 1\n');
    const p = problems(text);
    expect(p.zh).toEqual([`规则文件 rules.yaml 第 ${lineOf(text, 'code: CS-REPLY-9')} 行 rules[CS-REPLY-9].code：未知的规则编号 CS-REPLY-9（可用：CS-REPLY-1、CS-REPLY-2、CS-REPLY-3、CS-REPLY-4、CS-REPLY-5、CS-REPLY-6）`]);
  });

  it('an unknown parameter, and a parameter of the wrong type', () => {
    const text = withRule('CS-REPLY-3', '  - code: CS-REPLY-3\n    points: 1\n    params:\n      max_secs: 30\n      max_seconds: 四十五\n');
    const p = problems(text);
    expect(p.zh).toEqual([
      `规则文件 rules.yaml 第 ${lineOf(text, 'max_secs')} 行 rules[CS-REPLY-3].params.max_secs：未知的参数 max_secs（可用：max_seconds）`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'max_seconds: 四十五')} 行 rules[CS-REPLY-3].params.max_seconds：应为数字，实为 "四十五"`,
    ]);
    expect(p.en[0]).toContain('rules[CS-REPLY-3].params.max_secs: unknown parameter max_secs (allowed: max_seconds)');
    expect(p.en[1]).toContain('rules[CS-REPLY-3].params.max_seconds: expected a number, got "四十五"');
  });

  it('a rule that takes no parameters', () => {
    const text = withRule('CS-AFTER-2', '  - code: CS-AFTER-2\n    points: 3\n    params:\n      hours: 24\n');
    expect(problems(text).zh[0]).toContain(`第 ${lineOf(text, 'hours: 24')} 行 rules[CS-AFTER-2].params.hours：未知的参数 hours`);
  });

  it('values out of range', () => {
    const text = withRule('CS-REPLY-4', '  - code: CS-REPLY-4\n    points: -1\n    params:\n      max_rings: -2\n').replace('pass_mark: 60', 'pass_mark: 160');
    const p = problems(text);
    expect(p.zh).toEqual([
      `规则文件 rules.yaml 第 ${lineOf(text, 'pass_mark')} 行 pass_mark：及格分 160 高于基础分 100`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'points: -1')} 行 rules[CS-REPLY-4].points：扣分应为 ≥ 0、最多两位小数的数字，或范围 [最小, 最大]：-1`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'max_rings: -2')} 行 rules[CS-REPLY-4].params.max_rings：-2 超出范围：须 ≥ 0`,
    ]);
  });

  it('points: more than 2 decimals, a reversed range, a range on a rule computed from logs', () => {
    const text = withRule('CS-MEET-1', '  - code: CS-MEET-1\n    points: 0.125\n')
      .replace('points: [2, 4]', 'points: [4, 2]')
      .replace(/(code: CS-REPLY-4\n(.*\n)*?    points: )1/, '$1[1, 2]');
    const p = problems(text);
    expect(p.zh).toEqual([
      `规则文件 rules.yaml 第 ${lineOf(text, 'points: [1, 2]')} 行 rules[CS-REPLY-4].points：CS-REPLY-4 由日志计算，扣分须是一个数字，不能是范围`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'points: 0.125')} 行 rules[CS-MEET-1].points：扣分应为 ≥ 0、最多两位小数的数字，或范围 [最小, 最大]：0.125`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'points: [4, 2]')} 行 rules[ED-5].points：范围 [4, 2] 的下限大于上限`,
    ]);
  });

  it('wrong types, a bad window, a bad time', () => {
    const text = TEMPLATE.replace('"11:30-13:30"', '"13:30-11:30"').replace('"18:00"', '"25:00"').replace('base_score: 100', 'base_score: 一百').replace(
      /(code: CS-ONLINE-1\n(.*\n)*?    enabled: )true/,
      '$1maybe',
    );
    const p = problems(text);
    expect(p.zh).toEqual([
      `规则文件 rules.yaml 第 ${lineOf(text, 'base_score')} 行 base_score：应为数字，实为 "一百"`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'lunch:')} 行 hours.lunch：时段「13:30-11:30」的结束不晚于开始`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'evening_cutoff')} 行 hours.evening_cutoff：「25:00」不是有效时间（应为 HH:mm）`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'enabled: maybe')} 行 rules[CS-ONLINE-1].enabled：应为是否值（true/false），实为 "maybe"`,
    ]);
  });

  it('an unknown key in a rule entry and a changed source', () => {
    const text = withRule('ED-1', '  - code: ED-1\n    points: 5\n    source: incidents\n    weight: 2\n');
    const p = problems(text);
    expect(p.zh).toEqual([
      `规则文件 rules.yaml 第 ${lineOf(text, 'source: incidents\n    weight')} 行 rules[ED-1].source：ED-1 读取 listings，不能改为 incidents`,
      `规则文件 rules.yaml 第 ${lineOf(text, 'weight: 2')} 行 rules[ED-1].weight：未知的键 weight（可用：code、clause、points、source、scope、charged、params、enabled）`,
    ]);
  });

  it('a missing rule, and a duplicated one', () => {
    const missing = withRule('LD-2', '');
    expect(problems(missing).zh).toEqual([
      `规则文件 rules.yaml 第 ${lineOf(missing, 'rules:')} 行 rules：缺少规则 LD-2：每条规则都须列出（不用的写 enabled: false）`,
    ]);
    const twice = withRule('LD-2', '  - code: LD-2\n    points: 5\n  - code: LD-2\n    points: 4\n');
    expect(problems(twice).zh).toEqual([
      `规则文件 rules.yaml 第 ${lineOf(twice, 'code: LD-2', twice.indexOf('code: LD-2') + 1)} 行 rules[LD-2].code：规则 LD-2 重复（第 ${lineOf(twice, '  - code: LD-2')} 行已定义）`,
    ]);
  });

  it('unknown logs and columns in columns:', () => {
    const text = TEMPLATE.replace('columns: {}', 'columns:\n  consultation:\n    staff: [接待]\n  shipments:\n    order: [单号]\n    sku: [""]\n');
    const p = problems(text);
    expect(p.zh).toContain(`规则文件 rules.yaml 第 ${lineOf(text, 'sku: [""]')} 行 columns.shipments.sku[0]：不能为空`);
    expect(p.zh).toContain(`规则文件 rules.yaml 第 ${lineOf(text, 'consultation:')} 行 columns.consultation：未知的日志 consultation（可用：staff、consultations、presence、reports、shipments、returns、inbound、stock_counts、skus、listings、meetings、incidents）`);
    expect(p.zh.some((l) => l.includes(`第 ${lineOf(text, 'order: [')} 行 columns.shipments.order：日志 shipments 没有列 order`))).toBe(true);
  });

  it('YAML syntax errors and files that are not a mapping', () => {
    expect(problems('rules:\n  - code: [\n').zh[0]).toMatch(/^规则文件 rules.yaml 第 \d+ 行：YAML 格式错误/);
    expect(problems('- 1\n').zh[0]).toContain('规则文件应为映射');
    expect(problems('').zh[0]).toContain('规则文件应为映射');
    expect(problems('base_score: 100\n').zh[0]).toBe('规则文件 rules.yaml 第 1 行 rules：缺少此项');
  });

  it('a missing file', () => {
    expect(() => loadRegulation('/nonexistent/rules.yaml')).toThrow(/regulation file \/nonexistent\/rules.yaml: file not found/);
  });
});

describe('loading a regulation file again', () => {
  it('parses an unchanged file once and shares the result frozen; a changed file is parsed again', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'ecops-reg-')), 'rules.yaml');
    const text = readFileSync(DEFAULT_REGULATION_PATH, 'utf8');
    await writeFile(path, text);
    const first = loadRegulation(path);
    expect(loadRegulation(path)).toBe(first);
    expect(Object.isFrozen(first.rules)).toBe(true);
    expect(() => {
      (first as { passMark: number }).passMark = 0;
    }).toThrow(TypeError);
    await writeFile(path, text.replace(/^pass_mark: \d+/m, 'pass_mark: 70'));
    const changed = loadRegulation(path);
    expect(changed).not.toBe(first);
    expect(changed.passMark).toBe(70);
  });
});
