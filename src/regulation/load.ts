/**
 * Loads the regulation file (docs/rules.md): `templates/regulation.yaml` by default, or the file of `--rules`.
 * Every problem (unknown key, unknown rule code, unknown parameter, wrong type, a value out of range, a
 * missing rule) becomes one line of a UsageError (exit 2) naming the file, the line and the key path, in
 * Chinese and English.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Bilingual } from '../core/lang.js';
import type { IncidentRules } from '../logs/crosscheck.js';
import { LOGS, type LogKey } from '../logs/declarations.js';
import { compareRuleCodes, getRule, RULE_CODES } from '../rules/index.js';
import { annualSchema, DEFAULT_HOURS, pointsSchema, regulationFileSchema, ruleEntrySchema } from './schema.js';
import type { ColumnAliases, Points, Regulation, RuleSetting } from './types.js';
import { ConfigFileError, lineAt, parseYamlText, readConfigText, shown, type ConfigProblem, type YamlFile, type YamlPath } from './yaml-file.js';

/** templates/regulation.yaml of this package (the same relative path from src/ and from dist/). */
export const DEFAULT_REGULATION_PATH = fileURLToPath(new URL('../../templates/regulation.yaml', import.meta.url));

const KIND: Bilingual = { zh: '规则文件', en: 'regulation file' };

/**
 * The last regulation built, with the file and text it came from: a program that runs command after command (the
 * API, the tests) parses an unchanged file once. Frozen, since every command then shares it.
 */
let last: { path: string; text: string; regulation: Regulation } | undefined;

/** Reads and validates a regulation file; without a path, the default regulation. */
export function loadRegulation(path: string = DEFAULT_REGULATION_PATH): Regulation {
  const text = readConfigText(path, KIND);
  if (last?.path === path && last.text === text) return last.regulation;
  const regulation = deepFreeze(buildRegulation(parseYamlText(text, path, KIND)));
  last = { path, text, regulation };
  return regulation;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The same from text (tests; `file` names it in messages). */
export function parseRegulation(text: string, file = 'regulation.yaml'): Regulation {
  return buildRegulation(parseYamlText(text, file, KIND));
}

/**
 * What an incident row's 条款 is checked against (loadData's incidentRules): every clause of the regulation,
 * with its points (fixed, or the range), whether it is enabled, and whether it may be entered by hand.
 */
export function incidentRulesOf(regulation: Regulation): IncidentRules {
  const out = new Map<string, { points: Points; enabled: boolean; manual: boolean }>();
  for (const s of Object.values(regulation.rules)) out.set(s.code, { points: s.points, enabled: s.enabled, manual: getRule(s.code)?.meta.manual === true });
  return out;
}

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, Bilingual> = {
  number: { zh: '数字', en: 'a number' },
  string: { zh: '文本', en: 'text' },
  boolean: { zh: '是否值（true/false）', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '映射（键: 值）', en: 'a mapping (key: value)' },
  record: { zh: '映射（键: 值）', en: 'a mapping (key: value)' },
  int: { zh: '整数', en: 'a whole number' },
};

function valueAt(data: unknown, path: YamlPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Through the wrappers that keep a value's keys: optional, default, nullable…, and a pipe to the side that has them. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodReadonly || s instanceof z.ZodCatch) s = s.unwrap() as z.ZodType;
    // z.preprocess is a transform piped into the schema; a schema's .transform() is the schema piped into one.
    else if (s instanceof z.ZodPipe) s = (s.in instanceof z.ZodTransform ? s.out : s.in) as z.ZodType;
    else return s;
  }
}

/** The keys a (strict) object schema allows at a path, for "unknown key" messages. */
function allowedKeys(schema: z.ZodType, path: YamlPath): string[] | undefined {
  let s = unwrapped(schema);
  for (const seg of path) {
    if (s instanceof z.ZodObject) s = s.shape[seg];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return undefined;
    if (s === undefined) return undefined;
    s = unwrapped(s);
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : undefined;
}

/** Turns zod issues into problems with lines and key paths. */
function problemsOf(
  y: YamlFile,
  issues: readonly Issue[],
  prefix: YamlPath,
  schema: z.ZodType,
  display: (path: YamlPath) => string,
  what: Bilingual = { zh: '键', en: 'key' },
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, issue.path as (string | number)[]);
      const hint = allowed?.length ? { zh: `（可用：${allowed.join('、')}）`, en: ` (allowed: ${allowed.join(', ')})` } : { zh: '', en: '' };
      for (const key of issue.keys) {
        out.push({
          line: lineAt(y, [...path, key], true),
          path: display([...path, key]),
          message: { zh: `未知的${what.zh} ${key}${hint.zh}`, en: `unknown ${what.en} ${key}${hint.en}` },
        });
      }
      continue;
    }
    const value = valueAt(y.data, path);
    out.push({ line: lineAt(y, path), path: display(path), message: describe(issue, value) });
  }
  return out;
}

function describe(issue: Issue, value: unknown): Bilingual {
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return { zh: '缺少此项', en: 'missing' };
      const t = TYPE_NAMES[issue.expected] ?? { zh: issue.expected, en: issue.expected };
      return { zh: `应为${t.zh}，实为 ${shown(value)}`, en: `expected ${t.en}, got ${shown(value)}` };
    }
    case 'too_small': {
      if (issue.origin === 'string' || issue.origin === 'array') return { zh: '不能为空', en: 'must not be empty' };
      const op = issue.inclusive ? '≥' : '>';
      return { zh: `${shown(value)} 超出范围：须 ${op} ${issue.minimum}`, en: `${shown(value)} is out of range: must be ${op} ${issue.minimum}` };
    }
    case 'too_big': {
      const op = issue.inclusive ? '≤' : '<';
      return { zh: `${shown(value)} 超出范围：须 ${op} ${issue.maximum}`, en: `${shown(value)} is out of range: must be ${op} ${issue.maximum}` };
    }
    case 'invalid_value': {
      const list = issue.values.map((v) => String(v));
      return { zh: `${shown(value)} 不是可选值（${list.join('、')}）`, en: `${shown(value)} is not one of ${list.join(', ')}` };
    }
    case 'custom': {
      const p = issue.params as Partial<Bilingual> | undefined;
      if (p?.zh && p.en) return { zh: p.zh, en: p.en };
      return { zh: issue.message, en: issue.message };
    }
    default: {
      const p = (issue as { params?: Partial<Bilingual> }).params;
      if (p?.zh && p.en) return { zh: p.zh, en: p.en };
      return { zh: `${shown(value)}：${issue.message}`, en: `${shown(value)}: ${issue.message}` };
    }
  }
}

function buildRegulation(y: YamlFile): Regulation {
  const problems: ConfigProblem[] = [];
  const data = y.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigFileError(y.file, KIND, [
      { line: lineAt(y, []), path: '', message: { zh: '规则文件应为映射（company、base_score、pass_mark、floor、hours、columns、annual、rules）', en: 'a regulation file is a mapping (company, base_score, pass_mark, floor, hours, columns, annual, rules)' } },
    ]);
  }
  const rulesData = (data as Record<string, unknown>).rules;
  // Key paths show rules by code: rules[CS-REPLY-3].params.max_seconds.
  const display = (path: YamlPath): string =>
    path
      .map((seg, i) => {
        if (typeof seg === 'number') {
          const code = i === 1 && path[0] === 'rules' && Array.isArray(rulesData) ? (rulesData[seg] as { code?: unknown } | null)?.code : undefined;
          return `[${typeof code === 'string' ? code : seg}]`;
        }
        return i === 0 ? seg : `.${seg}`;
      })
      .join('');

  const top = regulationFileSchema.safeParse(data);
  if (!top.success) problems.push(...problemsOf(y, top.error.issues, [], regulationFileSchema, display));
  const file = top.success ? top.data : undefined;

  if (file && file.pass_mark > file.base_score) {
    problems.push({ line: lineAt(y, ['pass_mark']), path: 'pass_mark', message: { zh: `及格分 ${file.pass_mark} 高于基础分 ${file.base_score}`, en: `pass_mark ${file.pass_mark} is above base_score ${file.base_score}` } });
  }
  if (file && file.floor >= file.base_score) {
    problems.push({ line: lineAt(y, ['floor']), path: 'floor', message: { zh: `最低分 ${file.floor} 不低于基础分 ${file.base_score}`, en: `floor ${file.floor} is not below base_score ${file.base_score}` } });
  }

  // columns: log and column keys must exist.
  const columns: ColumnAliases = {};
  const rawColumns = (data as Record<string, unknown>).columns;
  const columnEntries = file?.columns ?? (rawColumns && typeof rawColumns === 'object' && !Array.isArray(rawColumns) ? (rawColumns as Record<string, Record<string, string[]> | undefined>) : {});
  for (const [log, cols] of Object.entries(columnEntries)) {
    if (!Object.hasOwn(LOGS, log)) {
      problems.push({
        line: lineAt(y, ['columns', log], true),
        path: display(['columns', log]),
        message: { zh: `未知的日志 ${log}（可用：${Object.keys(LOGS).join('、')}）`, en: `unknown log ${log} (allowed: ${Object.keys(LOGS).join(', ')})` },
      });
      continue;
    }
    const known = Object.keys(LOGS[log as LogKey].columns);
    const out: Record<string, string[]> = {};
    for (const [col, aliases] of Object.entries(cols && typeof cols === 'object' ? cols : {})) {
      if (!known.includes(col)) {
        problems.push({
          line: lineAt(y, ['columns', log, col], true),
          path: display(['columns', log, col]),
          message: { zh: `日志 ${log} 没有列 ${col}（可用：${known.join('、')}）`, en: `the log ${log} has no column ${col} (allowed: ${known.join(', ')})` },
        });
        continue;
      }
      out[col] = aliases;
    }
    columns[log as LogKey] = out;
  }

  // rules: one entry per rule code, each validated by its rule's own parameter schema.
  const settings = new Map<string, RuleSetting>();
  const firstLine = new Map<string, number | undefined>();
  (Array.isArray(rulesData) ? rulesData : []).forEach((item, i) => {
    const path: YamlPath = ['rules', i];
    const entry = ruleEntrySchema.safeParse(item);
    if (!entry.success) {
      problems.push(...problemsOf(y, entry.error.issues, path, ruleEntrySchema, display));
      // Report the parameters too when the code is known, so one run lists everything.
    }
    const code = (item as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return;
    const rule = getRule(code);
    if (!rule) {
      const group = code.replace(/-\d+$/, '');
      const near = RULE_CODES.filter((c) => c.startsWith(`${group}-`));
      const list = near.length ? near : RULE_CODES;
      problems.push({
        line: lineAt(y, [...path, 'code']),
        path: display([...path, 'code']),
        message: { zh: `未知的规则编号 ${code}（可用：${list.join('、')}）`, en: `unknown rule code ${code} (known: ${list.join(', ')})` },
      });
      return;
    }
    if (firstLine.has(code)) {
      problems.push({
        line: lineAt(y, [...path, 'code']),
        path: display([...path, 'code']),
        message: { zh: `规则 ${code} 重复（第 ${firstLine.get(code)} 行已定义）`, en: `rule ${code} appears twice (first at line ${firstLine.get(code)})` },
      });
      return;
    }
    firstLine.set(code, lineAt(y, path));
    const raw = item as Record<string, unknown>;
    const params = rule.meta.params.safeParse(raw.params ?? {});
    if (!params.success) {
      problems.push(...problemsOf(y, params.error.issues, [...path, 'params'], rule.meta.params, display, { zh: '参数', en: 'parameter' }));
    }
    const points = entry.success ? entry.data.points : pointsSchema.safeParse(raw.points).data;
    if (points !== undefined && typeof points !== 'number' && !rule.meta.manual) {
      problems.push({
        line: lineAt(y, [...path, 'points']),
        path: display([...path, 'points']),
        message: { zh: `${code} 由日志计算，扣分须是一个数字，不能是范围`, en: `${code} is computed from the logs: its points must be one number, not a range` },
      });
    }
    const rawSource = raw.source;
    if (typeof rawSource === 'string' || (Array.isArray(rawSource) && rawSource.every((x) => typeof x === 'string'))) {
      const given = [rawSource].flat() as string[];
      const own = rule.meta.source;
      if (given.length === 0 || !given.every((g) => own.includes(g as LogKey))) {
        problems.push({
          line: lineAt(y, [...path, 'source']),
          path: display([...path, 'source']),
          message: { zh: `${code} 读取 ${own.join('、')}，不能改为 ${given.join('、')}`, en: `${code} reads ${own.join(', ')}; it cannot be changed to ${given.join(', ')}` },
        });
      }
    }
    if (!params.success || !entry.success) return;
    const e = entry.data;
    settings.set(code, {
      code,
      clause: e.clause ?? rule.meta.clause.zh,
      points: e.points,
      source: rule.meta.source,
      ...(e.scope !== undefined ? { scope: e.scope } : {}),
      ...(e.charged !== undefined ? { charged: e.charged } : {}),
      params: params.data as Record<string, unknown>,
      enabled: e.enabled,
      line: lineAt(y, path),
    });
  });
  if (Array.isArray(rulesData)) {
    const missing = RULE_CODES.filter((c) => !firstLine.has(c));
    if (missing.length) {
      problems.push({
        line: lineAt(y, ['rules'], true),
        path: 'rules',
        message: {
          zh: `缺少规则 ${missing.join('、')}：每条规则都须列出（不用的写 enabled: false）`,
          en: `missing rules ${missing.join(', ')}: list every rule (set enabled: false to turn one off)`,
        },
      });
    }
  }

  if (problems.length || !file) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new ConfigFileError(y.file, KIND, problems);
  }
  const rules: Record<string, RuleSetting> = {};
  for (const code of [...settings.keys()].sort(compareRuleCodes)) rules[code] = settings.get(code)!;
  return {
    file: y.file,
    company: file.company,
    baseScore: file.base_score,
    passMark: file.pass_mark,
    floor: file.floor,
    hours: file.hours ?? DEFAULT_HOURS,
    columns,
    annual: file.annual ?? annualSchema.parse({}),
    inventory: { costing: file.inventory?.costing ?? 'standard' },
    rules,
  };
}
