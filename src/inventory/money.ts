/**
 * Money, exactly (docs/outputs.md#inventory): unit costs keep up to 4 decimals and are held as integer *cost units*
 * (1/10,000 yuan); a line amount is qty × unit cost computed in integers and rounded half-up, away from
 * zero, to the fen (0.01 yuan); totals are sums of line amounts, so they are sums of integers.
 * No binary float ever holds an intermediate amount.
 */

/** An amount in fen (0.01 yuan), an integer. */
export type Fen = number;

/** A unit cost in 1/10,000 yuan, an integer. */
export type CostUnits = number;

export const COST_SCALE = 10_000;
const FEN_PER_COST_UNIT = 100; // 1 fen = 100 cost units

/**
 * A unit cost as read (a JS number such as 12.3456) → integer cost units. The number's shortest decimal
 * form (what the user typed) is read digit by digit, so 1.00005 is 1.0001 (half-up on the 5th decimal),
 * not whatever its binary value happens to round to. More than 4 decimals are rounded half-up, away from
 * zero (the skus log already warns about them).
 */
export function toCostUnits(cost: number): CostUnits {
  if (!Number.isFinite(cost)) throw new RangeError(`unit cost ${cost} is not a finite number`);
  // Fast path: a cost with at most 4 decimals is the double nearest r / 10,000.
  const scaled = Math.round(cost * COST_SCALE);
  if (scaled / COST_SCALE === cost && Math.abs(scaled) < 2 ** 40) return scaled === 0 ? 0 : scaled;
  const negative = cost < 0;
  const magnitude = Math.abs(cost);
  let units: number;
  const text = magnitude.toString();
  if (text.includes('e')) {
    // Exponent form: below 1e-6 (rounds to 0 at 4 decimals) or at least 1e21 (out of range).
    if (magnitude >= 1) throw new RangeError(`unit cost ${cost} is too large`);
    units = 0;
  } else {
    const [whole, frac = ''] = text.split('.');
    const kept = Number((frac + '0000').slice(0, 4));
    const roundUp = frac.length > 4 && frac.charCodeAt(4) - 48 >= 5;
    units = Number(whole) * COST_SCALE + kept + (roundUp ? 1 : 0);
  }
  if (!Number.isSafeInteger(units)) throw new RangeError(`unit cost ${cost} is too large`);
  return negative && units !== 0 ? -units : units;
}

/** Cost units → the unit cost as a number (for JSON `unitCost`, "as given" up to 4 decimals). */
export function costUnitsToNumber(units: CostUnits): number {
  return units / COST_SCALE;
}

/** Rounds a count of cost units to fen, half-up away from zero. */
function unitsToFen(units: number): Fen {
  const magnitude = Math.abs(units);
  const fen = Math.floor((magnitude + FEN_PER_COST_UNIT / 2) / FEN_PER_COST_UNIT);
  return units < 0 && fen !== 0 ? -fen : fen;
}

/**
 * qty × unit cost, exactly, rounded half-up away from zero to the fen: (−3) × 5.125 = −15.375 → −1538 fen.
 * Falls back to BigInt when the product leaves the safe-integer range (huge quantities × costs).
 */
export function lineAmount(qty: number, cost: CostUnits): Fen {
  if (!Number.isSafeInteger(qty)) throw new RangeError(`quantity ${qty} is not a whole number`);
  if (!Number.isSafeInteger(cost)) throw new RangeError(`cost units ${cost} is not a whole number`);
  const product = qty * cost;
  if (Number.isSafeInteger(product)) return qty === 0 || cost === 0 ? 0 : unitsToFen(product);
  const exact = BigInt(qty) * BigInt(cost);
  const negative = exact < 0n;
  const magnitude = negative ? -exact : exact;
  const fen = (magnitude + BigInt(FEN_PER_COST_UNIT / 2)) / BigInt(FEN_PER_COST_UNIT);
  const result = Number(negative ? -fen : fen);
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount of ${qty} × ${cost} is too large`);
  return result;
}

/** qty × a unit cost as read (a number with up to 4 decimals), in fen. */
export function amountOf(qty: number, unitCost: number): Fen {
  return lineAmount(qty, toCostUnits(unitCost));
}

/** The sum of line amounts (integers, so exact); throws if it leaves the safe-integer range. */
export function sumFen(amounts: Iterable<Fen>): Fen {
  let total = 0;
  for (const a of amounts) total += a;
  if (!Number.isSafeInteger(total)) throw new RangeError('amount total is too large');
  return total;
}

/**
 * Fen → yuan as a JS number with at most 2 decimals, for JSON (−1538 → −15.38). An integer divided by
 * 100 is the double nearest the 2-decimal value, which JSON.stringify prints as exactly that value.
 */
export function fenToNumber(fen: Fen): number {
  const yuan = fen / 100;
  return Object.is(yuan, -0) ? 0 : yuan;
}

/** Fen → `-15.38` (always 2 decimals, no thousands separator), built from the integer. */
export function formatFen(fen: Fen): string {
  const magnitude = Math.abs(fen);
  const whole = Math.floor(magnitude / 100);
  const cents = String(magnitude % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}${whole}.${cents}`;
}

/**
 * An average unit cost: value ÷ qty, rounded half-up, away from zero, to 4 decimals (cost units). The division
 * is done in integers (value × 100 cost units per fen, over qty), so 10.00 ÷ 3 is 3.3333 and 0.05 ÷ 2 is 0.025.
 */
export function averageCost(value: Fen, qty: number): CostUnits {
  if (!Number.isSafeInteger(qty) || qty === 0) throw new RangeError(`cannot average over quantity ${qty}`);
  const num = BigInt(value) * BigInt(FEN_PER_COST_UNIT);
  const den = BigInt(qty);
  const negative = num < 0n !== den < 0n && num !== 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const units = Number((2n * n + d) / (2n * d));
  return negative && units !== 0 ? -units : units;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/**
 * An amount in Chinese capitals (大写), as written on vouchers: 130.21 → 壹佰叁拾元贰角壹分, 100 → 壹佰元整,
 * 16,409.02 → 壹万陆仟肆佰零玖元零贰分, 0.05 → 伍分, −15.38 → 负壹拾伍元叁角捌分. One 零 stands for a run of zeros
 * inside the number; 整 follows an amount that ends at 元.
 */
export function fenToCapitals(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount ${fen} is not a whole number of fen`);
  const magnitude = Math.abs(fen);
  const yuan = Math.floor(magnitude / 100);
  if (yuan >= 1e16) throw new RangeError(`amount ${fen} is too large to write in capitals`);
  const jiao = Math.floor(magnitude / 10) % 10;
  const fenDigit = magnitude % 10;
  let words = '';
  const text = String(yuan);
  let zero = false;
  for (let i = 0; i < text.length; i++) {
    const place = text.length - 1 - i;
    const d = text.charCodeAt(i) - 48;
    if (d === 0) zero = words !== '';
    else {
      words += (zero ? '零' : '') + DIGITS[d] + PLACES[place % 4];
      zero = false;
    }
    // A group of four digits ends here: name it (万, 亿) unless all four were 0.
    if (place % 4 === 0 && place > 0 && Number(text.slice(Math.max(0, i - 3), i + 1)) !== 0) words += GROUPS[place / 4];
  }
  if (yuan > 0) words += '元';
  if (jiao === 0 && fenDigit === 0) words = yuan > 0 ? `${words}整` : '零元整';
  else {
    if (jiao > 0) words += `${DIGITS[jiao]}角`;
    else if (yuan > 0) words += '零';
    if (fenDigit > 0) words += `${DIGITS[fenDigit]}分`;
  }
  return fen < 0 ? `负${words}` : words;
}
