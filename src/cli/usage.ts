/**
 * commander's own words in the user's language: the help pages' headings and notes, and its usage errors.
 * commander has no translation support; its maintainers suggest rewriting its error lines as they are written
 * (configureOutput's outputError) and overriding the Help class's methods, which is what this does.
 */
import type { Help, HelpConfiguration, Option, OutputConfiguration } from 'commander';
import type { Bilingual, Lang } from '../core/lang.js';
import { displayWidth } from '../output/text.js';

export const HELP_OPTION: Bilingual = { zh: '显示帮助', en: 'display help for command' };
export const VERSION_OPTION: Bilingual = { zh: '显示版本号', en: 'output the version number' };
export const HELP_COMMAND: Bilingual = { zh: '显示某个命令的帮助', en: 'display help for command' };

/** The line under a usage error: where to read more, rather than the whole help page burying the error. */
export const helpHint = (command: string, lang: Lang) =>
  lang === 'zh' ? `运行 ${command} --help 查看用法` : `run ${command} --help for usage`;

const TITLES: Record<string, string> = {
  'Usage:': '用法:',
  'Arguments:': '参数:',
  'Options:': '选项:',
  'Global Options:': '全局选项:',
  'Commands:': '命令:',
};

/** The usage line's placeholders: `ecops score [options]` reads `ecops score [选项]`. */
const zhUsage = (text: string) => text.replace('[options]', '[选项]').replace('[command]', '[命令]');

/** Help pages in Chinese; in English commander's own are kept. Either way CJK characters are two columns wide. */
export function helpConfiguration(lang: Lang): HelpConfiguration {
  // The global options (--lang) on every command's page too: that is where people look for them.
  const config: HelpConfiguration = { showGlobalOptions: true, displayWidth: (text: string) => displayWidth(text) };
  if (lang === 'en') return config;
  return {
    ...config,
    styleTitle: (title: string) => TITLES[title] ?? title,
    styleUsage: zhUsage,
    styleSubcommandTerm: zhUsage,
    optionDescription: (option: Option) => {
      const notes = [
        option.argChoices && `可选：${option.argChoices.join('、')}`,
        typeof option.defaultValue === 'string' && `默认：${option.defaultValue}`,
      ].filter(Boolean);
      return notes.length ? `${option.description}（${notes.join('；')}）` : option.description;
    },
  } satisfies Partial<Help>;
}

/** commander's error lines, as its source writes them, and how they read in Chinese. */
const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^unknown option '(.+)'$/, (flag) => `未知选项 '${flag}'`],
  [/^unknown command '(.+)'$/, (name) => `未知命令 '${name}'`],
  [/^missing required argument '(.+)'$/, (name) => `缺少参数 '${name}'`],
  [/^option '(.+)' argument missing$/, (flags) => `选项 '${flags}' 缺少取值`],
  [/^required option '(.+)' not specified$/, (flags) => `缺少必需的选项 '${flags}'`],
  [
    /^option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/,
    (flags, value, choices) => `选项 '${flags}' 的取值 '${value}' 无效，可选：${choices.split(', ').join('、')}`,
  ],
  [/^option '(.+)' argument '(.*)' is invalid\.(.*)$/, (flags, value, why) => `选项 '${flags}' 的取值 '${value}' 无效${why}`],
  [
    /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (name, expected, got) => `${name ? `命令 ${name} ` : ''}参数过多：应有 ${expected} 个，收到 ${got} 个`,
  ],
];

/** commander's error line (`error: …`, maybe followed by a `(Did you mean …?)` line) in Chinese. */
export function translateError(text: string): string {
  const [, message = text, suggestion] = /^error: (.*?)(?:\n\(Did you mean (?:one of )?(.+)\?\))?\n?$/s.exec(text) ?? [];
  let zh = message;
  for (const [pattern, render] of ERRORS) {
    const m = pattern.exec(message);
    if (m) {
      zh = render(...m.slice(1));
      break;
    }
  }
  return `错误: ${zh}\n${suggestion ? `（是否想输入 ${suggestion.split(', ').join(' 或 ')}？）\n` : ''}`;
}

/** Where commander writes: its error lines translated when the output language is Chinese. */
export function outputConfiguration(lang: Lang): OutputConfiguration {
  return lang === 'zh' ? { outputError: (text, write) => write(translateError(text)) } : {};
}
