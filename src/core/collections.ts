/** Map.groupBy, which Node 20 lacks. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * Replaces each string by the first equal one it was given, so that copies (a message from a reading thread brings
 * its own of every string) are held once; past `limit` strings it lets new ones through unshared, and stops looking.
 */
export function sharing(limit = Infinity): (s: string) => string {
  const held = new Map<string, string>();
  return (s) => {
    if (held.size >= limit) return s;
    const same = held.get(s);
    if (same !== undefined) return same;
    held.set(s, s);
    return s;
  };
}

/**
 * Orders people's names the same way whatever the machine's locale (a bare localeCompare follows LANG, so a report
 * would list ties differently on a colleague's computer): Chinese collation, by pinyin.
 */
export const compareNames: (a: string, b: string) => number = new Intl.Collator('zh-CN').compare;

/**
 * Row numbers as a list of small steps: each is kept as its difference from the one before, in 1–5 bytes (LEB128
 * of the zigzagged difference). A table's rows per person (a month of consultations is millions of rows, a few
 * dozen people) then take about a byte each instead of 8–12 in an array of numbers. Plain data, so that a
 * reading thread can post it.
 */
export interface RowList {
  bytes: Uint8Array;
  used: number;
  count: number;
  last: number;
}

export const rowList = (): RowList => ({ bytes: new Uint8Array(16), used: 0, count: 0, last: 0 });

export function pushRow(list: RowList, row: number): void {
  const step = row - list.last;
  let z = step >= 0 ? 2 * step : -2 * step - 1;
  if (list.used + 8 > list.bytes.length) {
    const bigger = new Uint8Array(2 * list.bytes.length);
    bigger.set(list.bytes.subarray(0, list.used));
    list.bytes = bigger;
  }
  while (z >= 0x80) {
    list.bytes[list.used++] = (z % 0x80) | 0x80;
    z = Math.floor(z / 0x80);
  }
  list.bytes[list.used++] = z;
  list.last = row;
  list.count++;
}

export function* rowsOf(list: RowList): Generator<number> {
  let row = 0;
  for (let at = 0; at < list.used; ) {
    let z = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const b = list.bytes[at++];
      z += (b & 0x7f) * scale;
      if (b < 0x80) break;
    }
    row += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    yield row;
  }
}

/** Appends the rows of `from` to `to`, in order. */
export function appendRows(to: RowList, from: RowList): void {
  for (const row of rowsOf(from)) pushRow(to, row);
}
