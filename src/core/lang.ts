export type Lang = 'zh' | 'en';

/** docs/outputs.md#general: `--lang` wins; else English when LC_ALL or LANG starts with `en`; else Chinese. */
export function resolveLang(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (option === 'zh' || option === 'en') return option;
  const locale = env.LC_ALL || env.LANG || '';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** A text in both output languages. */
export interface Bilingual {
  zh: string;
  en: string;
}
