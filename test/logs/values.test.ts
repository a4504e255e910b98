import { describe, expect, it } from 'vitest';
import { bool, date, datetime, int, name, number, oneOf, text, Invalid, type ColumnDef } from '../../src/logs/columns.js';
import { wall } from '../../src/core/time.js';
import type { Cell } from '../../src/read/types.js';

/** The value a column makes of a cell, or the issue code it raises. */
function coerce<T>(col: ColumnDef<T>, cell: Cell) {
  const r = col.read(cell);
  return r instanceof Invalid ? r.problem.code : r;
}

const dt = datetime({ header: 't' });
const countAt = datetime({ header: 't', dateOnly: 'end' });
const day = date({ header: 'd' });

describe('datetime (docs/inputs.md#values)', () => {
  it.each<[string, Cell, number | string]>([
    ['Excel date cell', { kind: 'date', t: wall(2024, 5, 3, 14, 22, 5) }, wall(2024, 5, 3, 14, 22, 5)],
    ['serial number', 45415.5, wall(2024, 5, 3, 12)],
    ['ISO with seconds', '2024-05-03 14:22:05', wall(2024, 5, 3, 14, 22, 5)],
    ['ISO without seconds', '2024-05-03 14:22', wall(2024, 5, 3, 14, 22)],
    ['slashes, no padding', '2024/5/3 14:22', wall(2024, 5, 3, 14, 22)],
    ['Chinese', '2024年5月3日 14:22', wall(2024, 5, 3, 14, 22)],
    ['T separator', '2024-05-03T14:22:05', wall(2024, 5, 3, 14, 22, 5)],
    ['full-width digits', '２０２４-０５-０３ １４:２２', wall(2024, 5, 3, 14, 22)],
    ['date alone is 00:00', '2024-05-03', wall(2024, 5, 3)],
    ['Chinese date alone', '2024年5月3日', wall(2024, 5, 3)],
    ['month 13', '2024-13-01 10:00', 'type-error'],
    ['31 February', '2024-02-31', 'type-error'],
    ['day first', '31/02/2024', 'type-error'],
    ['25 o’clock', '2024-05-03 25:00', 'type-error'],
    ['words', '昨天下午', 'type-error'],
    ['cached error', { kind: 'error', error: '#N/A' }, 'type-error'],
    ['formula without cache', { kind: 'error', error: 'formula', formula: 'NOW()' }, 'type-error'],
  ])('%s', (_, cell, expected) => {
    expect(coerce(dt, cell)).toBe(expected);
  });

  it('a stock count dated without a time closes its day', () => {
    expect(coerce(countAt, '2024-05-24')).toBe(wall(2024, 5, 24, 23, 59, 59));
    expect(coerce(countAt, { kind: 'date', t: wall(2024, 5, 24) })).toBe(wall(2024, 5, 24, 23, 59, 59));
    expect(coerce(countAt, '2024-05-24 18:00')).toBe(wall(2024, 5, 24, 18));
  });

  it('a date keeps the day only', () => {
    expect(coerce(day, '2024/5/3 14:22')).toBe(wall(2024, 5, 3));
    expect(coerce(day, 45415)).toBe(wall(2024, 5, 3));
  });

  it('blank is undefined, or required-value when required', () => {
    expect(coerce(dt, null)).toBeUndefined();
    expect(coerce(dt, '  ')).toBeUndefined();
    expect(coerce(datetime({ header: 't', required: true }), null)).toBe('required-value');
  });
});

describe('numbers', () => {
  const qty = int({ header: 'q', positive: true });
  const rings = int({ header: 'r', min: 0 });
  const cost = number({ header: 'c', min: 0 });
  it.each<[string, Cell, unknown]>([
    ['number', 12, 12],
    ['text', '12', 12],
    ['full-width', '１２', 12],
    ['thousands', '1,200', 1200],
    ['spaces', ' 7 ', 7],
    ['fraction', 1.5, 'type-error'],
    ['fraction as text', '2.5', 'type-error'],
    ['zero is not positive', 0, 'constraint-error'],
    ['negative', '-2', 'constraint-error'],
    ['words', '三', 'type-error'],
  ])('quantity: %s', (_, cell, expected) => {
    expect(coerce(qty, cell)).toBe(expected);
  });
  it('bounds and decimals', () => {
    expect(coerce(rings, 0)).toBe(0);
    expect(coerce(rings, -1)).toBe('constraint-error');
    expect(coerce(cost, '12.3456')).toBe(12.3456);
    expect(coerce(cost, '1,234.5')).toBe(1234.5);
    expect(coerce(cost, -0.01)).toBe('constraint-error');
  });
  it('numbers no log can mean are constraint errors, never Infinity or lost digits (limit 10^11)', () => {
    expect(coerce(cost, '9'.repeat(400))).toBe('constraint-error'); // Number() of it is Infinity
    expect(coerce(cost, 1e300)).toBe('constraint-error');
    expect(coerce(cost, Infinity)).toBe('constraint-error');
    expect(coerce(cost, NaN)).toBe('type-error');
    expect(coerce(qty, 2 ** 60)).toBe('constraint-error');
    expect(coerce(qty, 1e11)).toBe(1e11);
    expect(coerce(qty, '100,000,000,001')).toBe('constraint-error');
  });
  it('quotes a huge cell clipped in its message', () => {
    const r = qty.read('x'.repeat(100_000));
    expect(r).toBeInstanceOf(Invalid);
    const { message } = (r as Invalid).problem;
    expect(message.en.length).toBeLessThan(300);
    expect(message.en).toContain('x…');
  });
});

describe('dates out of Excel\'s range', () => {
  it('are type errors: date cells that cannot be real, and serial numbers typed as text past 9999', () => {
    expect(coerce(dt, { kind: 'date', t: NaN })).toBe('type-error');
    expect(coerce(dt, { kind: 'date', t: 1e20 })).toBe('type-error');
    expect(coerce(dt, '99999999')).toBe('type-error');
    expect(coerce(dt, '0.5')).toBe('type-error');
    expect(coerce(dt, '45418.5')).toBe(wall(2024, 5, 6, 12));
    expect(coerce(text({ header: 'x' }), { kind: 'date', t: NaN })).toBe('type-error');
  });
});

describe('bool', () => {
  const b = bool({ header: 'b', fallback: false });
  it.each<[Cell, unknown]>([
    ['是', true], ['否', false], ['Y', true], ['n', false], ['yes', true], ['No', false], ['TRUE', true], ['false', false],
    ['1', true], ['0', false], [1, true], [0, false], ['√', true], ['×', false], ['✓', true], ['✗', false], [true, true],
    [null, false], ['也许', 'type-error'], [2, 'type-error'],
  ])('%s → %s', (cell, expected) => {
    expect(coerce(b, cell)).toBe(expected);
  });
  it('has its default', () => {
    expect(coerce(bool({ header: 'b', fallback: true }), null)).toBe(true);
  });
});

describe('enum and text', () => {
  const channel = oneOf({ header: 'c', values: { 旺旺: ['千牛', '在线', '聊天', 'chat'], 电话: ['phone'], 留言: ['message'] } });
  it.each<[Cell, unknown]>([
    ['旺旺', '旺旺'], ['千牛', '旺旺'], ['CHAT', '旺旺'], [' 电话 ', '电话'], ['電話', '电话'], ['Message', '留言'], ['微信', 'constraint-error'],
  ])('%s → %s', (cell, expected) => {
    expect(coerce(channel, cell)).toBe(expected);
  });
  it('enum default', () => {
    expect(coerce(oneOf({ header: 's', values: { 完好: [], 破损: [] }, fallback: '完好' }), null)).toBe('完好');
  });
  it('text is trimmed; numbers become their text', () => {
    const t = text({ header: 't' });
    expect(coerce(t, '  A-01 ')).toBe('A-01');
    expect(coerce(t, 1234567890123)).toBe('1234567890123');
    expect(coerce(t, { kind: 'date', t: wall(2024, 5, 3) })).toBe('2024-05-03');
  });
  it('staff names fold full-width spaces', () => {
    const n = name({ header: 'n' });
    expect(coerce(n, '张三\u3000')).toBe('张三');
    expect(coerce(n, ' 欧阳　娜娜 ')).toBe('欧阳 娜娜');
  });
});

it('a text date outside Excel’s calendar is a type error, like a date cell there', () => {
  expect(coerce(dt, '1000-01-01')).toBe('type-error');
  expect(coerce(dt, '1900-01-01')).toBe(wall(1900, 1, 1));
});
