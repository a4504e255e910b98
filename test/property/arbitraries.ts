/** Random cells for property tests: every kind a reader yields, in the forms users type and in garbage. */
import fc from 'fast-check';
import { wall } from '../../src/core/time.js';
import type { Cell } from '../../src/read/types.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Full-width digits and punctuation, as Chinese input methods type them. */
export const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Dates and times as text, in the forms of docs/inputs.md#values, near misses, and impossible ones (month 13, day 32, 25:00). */
export const dateText: fc.Arbitrary<string> = fc
  .record({
    y: fc.oneof(fc.integer({ min: 2023, max: 2025 }), fc.integer({ min: 0, max: 99_999 })),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    s: fc.integer({ min: 0, max: 61 }),
    form: fc.integer({ min: 0, max: 8 }),
    wide: fc.boolean(),
  })
  .map(({ y, mo, d, h, mi, s, form, wide }) => {
    const text = [
      `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`,
      `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}`,
      `${y}/${mo}/${d} ${h}:${pad(mi)}`,
      `${y}年${mo}月${d}日 ${h}:${pad(mi)}`,
      `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`,
      `${y}-${pad(mo)}-${pad(d)}`,
      `${y}年${mo}月${d}日`,
      `${d}/${mo}/${y}`,
      `${y}${pad(mo)}${pad(d)}`,
    ][form];
    return wide ? toFullWidth(text) : text;
  });

/** Numbers as text: signs, decimals, thousands separators (right and wrong), full width, units, exponents. */
export const numberText: fc.Arbitrary<string> = fc
  .record({
    n: fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constantFrom(1e11, 1e12, 2 ** 53, 1e300)),
    form: fc.integer({ min: 0, max: 6 }),
    wide: fc.boolean(),
  })
  .map(({ n, form, wide }) => {
    const text = [
      String(n),
      n.toLocaleString('en-US', { maximumFractionDigits: 6 }),
      `${n}件`,
      ` ${n} `,
      n.toExponential(2),
      '9'.repeat(Math.abs(Math.trunc(n)) % 400),
      `¥${n}`,
    ][form];
    return wide ? toFullWidth(text) : text;
  });

/** Words that bool and enum columns accept, and ones they do not. */
export const wordText = fc.constantFrom(
  '是', '否', 'Y', 'n', 'yes', 'NO', 'true', 'False', '1', '0', '√', '×', '✓', '✗', '对', 'x', '旺旺', '千牛', 'chat', '电话', 'phone',
  '留言', '好评', '差评', '退货', '换货', '退款', '完好', '破损', '在售', '过季', '下架', '日报', '周总结', '周报', '上线', '更新', '客服',
  '客服主管', '在线编辑', '編輯', '其他', '微信', '', ' ', '　', '合计', '=SUM(A1)', '#N/A',
);

/** Any text at all: ASCII, any code point (lone surrogates too), and whitespace of every width. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  // Any code point, lone surrogates too: what fc.string({ unit: 'binary' }) makes, without the reverse mapping of the
  // whole code space that it builds first (1.4 s in every test process that imports this file).
  fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 40 }).map((points) => String.fromCodePoint(...points)),
  fc.string({ unit: fc.constantFrom(' ', '\u3000', '\t', '\r', '\n', '\u00a0', 'a', '张', '１'), maxLength: 10 }),
  fc.constant('x'.repeat(100_000)),
);

/** A date cell as readers make it: a wall time within Excel's dates; and now and then one that is not. */
export const dateCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: wall(1900, 1, 1), max: wall(9999, 12, 31) }).map((t) => ({ kind: 'date' as const, t: Math.floor(t / 1000) * 1000 })) },
  { weight: 8, arbitrary: fc.integer({ min: wall(2024, 4, 1), max: wall(2024, 7, 1) }).map((t) => ({ kind: 'date' as const, t: Math.floor(t / 60_000) * 60_000 })) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -1e20, 1e20).map((t) => ({ kind: 'date' as const, t })) },
);

export const errorCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!').map((error) => ({ kind: 'error' as const, error })),
  fc.option(fc.string(), { nil: undefined }).map((formula) => ({ kind: 'error' as const, error: 'formula', ...(formula ? { formula } : {}) })),
);

/** Any cell a reader can yield (and a few it cannot), every type. */
export const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  anyText,
  dateText,
  numberText,
  wordText,
  fc.double(),
  fc.integer({ min: -10, max: 3_000_000 }),
  fc.boolean(),
  dateCell,
  errorCell,
);
