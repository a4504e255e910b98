import { describe, expect, it } from 'vitest';
import { amountOf, costUnitsToNumber, fenToNumber, formatFen, lineAmount, sumFen, toCostUnits, fenToCapitals, averageCost } from '../../src/inventory/money.js';

describe('toCostUnits', () => {
  it.each([
    [0, 0],
    [10, 100_000],
    [0.1, 1_000],
    [5.125, 51_250],
    [12.3456, 123_456],
    [0.0001, 1],
    [99999.9999, 999_999_999],
  ])('%s yuan → %s units', (cost, units) => {
    expect(toCostUnits(cost)).toBe(units);
  });

  it('rounds a 5th decimal half-up from the written digits, not the binary value', () => {
    expect(toCostUnits(1.00005)).toBe(10_001); // 1.00005 is 1.0000499999… in binary
    expect(toCostUnits(12.34564)).toBe(123_456);
    expect(toCostUnits(12.34565)).toBe(123_457);
    expect(toCostUnits(0.00005)).toBe(1);
    expect(toCostUnits(1e-7)).toBe(0);
  });

  it('round-trips every 4-decimal cost', () => {
    const wrong: number[] = [];
    for (let units = 0; units < 2_000_000; units += 7) if (toCostUnits(units / 10_000) !== units) wrong.push(units);
    expect(wrong).toEqual([]);
    expect(costUnitsToNumber(123_456)).toBe(12.3456);
  });

  it('rejects what is not a cost', () => {
    expect(() => toCostUnits(Number.NaN)).toThrow(RangeError);
    expect(() => toCostUnits(1e21)).toThrow(RangeError);
  });
});

describe('lineAmount', () => {
  it('rounds half-up away from zero: −15.375 → −15.38, 15.375 → 15.38', () => {
    expect(amountOf(-3, 5.125)).toBe(-1538);
    expect(amountOf(3, 5.125)).toBe(1538);
    expect(amountOf(-1, 0.005)).toBe(-1);
    expect(amountOf(1, 0.005)).toBe(1);
    expect(amountOf(1, 0.0049)).toBe(0);
    expect(amountOf(-1, 0.0049)).toBe(0);
    expect(Object.is(amountOf(-1, 0.0049), -0)).toBe(false);
    expect(amountOf(0, 5.125)).toBe(0);
  });

  it('is exact with 4-decimal costs where floats are not', () => {
    expect(amountOf(7, 0.1234)).toBe(86); // 0.8638
    expect(amountOf(3, 0.335)).toBe(101); // 1.005 → 1.01 (3 * 0.335 = 1.0050000000000001 in floats, 1.005 * 100 = 100.49999…)
    expect(amountOf(1, 1.005)).toBe(101);
    expect(amountOf(10, 1.0055)).toBe(1006); // 10.055 → 10.06 (10.055 * 100 = 1005.4999… in floats)
    expect(amountOf(-10, 1.0055)).toBe(-1006);
  });

  it('handles large quantities exactly, past the safe-integer range of the product', () => {
    expect(amountOf(123_456_789, 9999.9999)).toBe(123_456_787_765_432); // 1,234,567,890,000 − 12,345.6789 = 1,234,567,877,654.3211
    // 3,000,000,001 × 333.3333 = 999,999,900,333,333.3333 yuan; the product in units exceeds 2^53.
    const qty = 3_000_000_001;
    const units = 3_333_333;
    expect(Number.isSafeInteger(qty * units)).toBe(false);
    const expected = Number((BigInt(qty) * BigInt(units) + 50n) / 100n);
    expect(lineAmount(qty, units)).toBe(expected);
    expect(lineAmount(-qty, units)).toBe(-expected);
    expect(expected).toBe(99_999_990_033_333);
    expect(() => lineAmount(1e12, 999_999_999)).toThrow(RangeError);
    expect(() => lineAmount(1.5, 100)).toThrow(RangeError);
  });
});

describe('totals and formatting', () => {
  it('sums line amounts, not rounded products of sums', () => {
    const lines = [amountOf(1, 0.005), amountOf(1, 0.005), amountOf(1, 0.005)];
    expect(sumFen(lines)).toBe(3); // 3 × 0.01, whereas 3 × 0.005 = 0.015 would round to 0.02
  });

  it('formats fen for JSON and text', () => {
    expect(fenToNumber(-1538)).toBe(-15.38);
    expect(JSON.stringify({ a: fenToNumber(-1538), b: fenToNumber(10), c: fenToNumber(123_456_787_654_321), d: fenToNumber(-0) })).toBe(
      '{"a":-15.38,"b":0.1,"c":1234567876543.21,"d":0}',
    );
    expect(formatFen(-1538)).toBe('-15.38');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(123_456_787_654_321)).toBe('1234567876543.21');
  });

  it('prints every fen amount with at most 2 decimals', () => {
    const wrong: number[] = [];
    for (let fen = -1_000_000; fen <= 1_000_000; fen += 13) {
      const text = String(fenToNumber(fen));
      if (!/^-?\d+(\.\d{1,2})?$/.test(text) || formatFen(fen) !== Number(text).toFixed(2)) wrong.push(fen);
    }
    expect(wrong).toEqual([]);
  });
});

describe('fenToCapitals (大写金额)', () => {
  it.each([
    [13021, '壹佰叁拾元贰角壹分'],
    [10000, '壹佰元整'],
    [1000, '壹拾元整'],
    [0, '零元整'],
    [21, '贰角壹分'],
    [5, '伍分'],
    [50, '伍角'],
    // the examples of the rules for filling in vouchers (正确填写票据和结算凭证的基本规定)
    [140950, '壹仟肆佰零玖元伍角'],
    [600714, '陆仟零柒元壹角肆分'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [10700053, '壹拾万零柒仟元伍角叁分'],
    [5819225, '伍万捌仟壹佰玖拾贰元贰角伍分'],
    [10001000000, '壹亿零壹万元整'],
    [10000000000, '壹亿元整'],
    [100000000000000, '壹万亿元整'],
    [-1538, '负壹拾伍元叁角捌分'],
  ])('%i fen → %s', (fen, words) => expect(fenToCapitals(fen)).toBe(words));

  it('refuses what is not a whole number of fen', () => {
    expect(() => fenToCapitals(1.5)).toThrow(RangeError);
  });
});

describe('averageCost', () => {
  it.each([
    [1000, 3, 33_333], // 10.00 ÷ 3 = 3.33333… → 3.3333
    [5, 2, 250], // 0.05 ÷ 2 = 0.025
    [1, 3, 33], // 0.01 ÷ 3 = 0.003333… → 0.0033
    [2, 3, 67], // 0.02 ÷ 3 = 0.006666… → 0.0067
    [1, 8, 13], // 0.01 ÷ 8 = 0.00125 → 0.0013 (half-up)
    [-1, 8, -13], // away from zero
    [1000, -4, -25_000],
    [-1000, -4, 25_000],
    [0, 7, 0],
  ])('%i fen ÷ %i = %i cost units', (value, qty, units) => expect(averageCost(value, qty)).toBe(units));

  it('refuses to divide by 0', () => expect(() => averageCost(100, 0)).toThrow(RangeError));
});
