import type { Severity } from '../core/issues.js';
import type { Bilingual, Lang } from '../core/lang.js';
import { DAY, SECOND, formatDate, formatShort, timeOfDay, type Wall } from '../core/time.js';

/** How a severity is named to people: on each console line, in the 校验问题 sheet, in annotated copies. */
export const SEVERITY_NAMES: Record<Severity, Bilingual> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

/** The text in the output language. */
export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

/** Display width in a terminal or a spreadsheet column: CJK and full-width characters count double. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x1f300
        ? 2
        : 1;
  }
  return width;
}

/**
 * A count's or a movement's instant as the log gave it: a count dated without a time stands at 23:59:59 of its
 * day (it closes the day) and prints as the day alone; anything else to the minute.
 */
export function givenDate(t: Wall): string {
  return timeOfDay(t) === DAY - SECOND ? formatDate(t) : formatShort(t);
}
