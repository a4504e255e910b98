// The Traditional → Simplified part of OpenCC only (the package's main entry also holds the other direction's
// 1 MB phrase list, which takes longer to load than the rest of this module graph).
import { Locale, Trie, type DictGroup } from 'opencc-js/t2cn';

/**
 * Taiwan and Hong Kong variants both fold to mainland Simplified: what OpenCC's converters tw→cn then hk→cn do,
 * the Traditional → Simplified dictionary built once for both (building the dictionaries is a noticeable part of
 * a small month's run), on first use.
 */
let chain: Trie[] | undefined;
function simplifyChain(): Trie[] {
  if (!chain) {
    const tries = (groups: readonly DictGroup[]) =>
      groups.map((group) => {
        const t = new Trie();
        t.loadDictGroup(group);
        return t;
      });
    const cn = tries(Locale.to.cn);
    chain = [...tries(Locale.from.tw), ...cn, ...tries(Locale.from.hk), ...cn];
  }
  return chain;
}
const simplifiedCache = new Map<string, string>();

/** Traditional → Simplified Chinese (memoised: used on headers and enum values, which repeat). */
export function toSimplified(text: string): string {
  const cached = simplifiedCache.get(text);
  if (cached !== undefined) return cached;
  const out = simplifyChain().reduce((s, trie) => trie.convert(s), text);
  if (simplifiedCache.size < 10_000) simplifiedCache.set(text, out);
  return out;
}

/** Full-width ASCII (！…～) and the ideographic space → their half-width forms. */
export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/** True when the text has a character that foldWidth would change (lets hot paths skip it). */
export function hasWideChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0xff01 && code <= 0xff5e) || code === 0x3000) return true;
  }
  return false;
}

/**
 * docs/inputs.md#headers header normalisation: fold widths, drop every space and a `(秒)` unit suffix,
 * lower-case, Traditional → Simplified.
 */
export function normalizeHeader(text: string): string {
  return toSimplified(foldWidth(text).replace(/\s+/g, '').replace(/\(秒\)$/, '').toLowerCase());
}

/** Enum values and bool spellings compare like headers. */
export const normalizeToken = normalizeHeader;

/** Staff names: trimmed, full-width spaces folded, inner runs of spaces kept as one. */
export function normalizeName(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}

/**
 * A rule code as people type it, made the one code every later stage uses: NFKC (full-width → half-width),
 * trimmed, upper-case, `_` and any dash → `-`, spaces dropped. `ＣＳ－ＤＯＣＳ－１`, `cs_docs_1` → `CS-DOCS-1`.
 */
export function normalizeRuleCode(text: string): string {
  return text.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '').replace(/[_\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-');
}
