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
 * Orders people's names the same way whatever the machine's locale (a bare localeCompare follows LANG, so a report
 * would list ties differently on a colleague's computer): Chinese collation, by pinyin.
 */
export const compareNames: (a: string, b: string) => number = new Intl.Collator('zh-CN').compare;
