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
