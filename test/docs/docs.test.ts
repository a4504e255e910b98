/** docs/ is generated from the code and checked in: a page that differs from what the code gives is stale. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS_DIR, docsPages } from '../../src/docs/generate.js';
import { LOGS } from '../../src/logs/declarations.js';
import { ISSUE_CODES } from '../../src/core/issues.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { RULE_CODES } from '../../src/rules/index.js';

const pages = docsPages();
const checkedIn = (file: string) => {
  try {
    return readFileSync(`${DOCS_DIR}${file}`, 'utf8');
  } catch {
    return undefined;
  }
};

describe('docs/', () => {
  for (const [file, text] of Object.entries(pages)) {
    it(`docs/${file} is up to date`, () => {
      // A plain comparison first, so that the failure names the file and the fix before any diff.
      if (checkedIn(file) !== text) expect.fail(`docs/${file} is stale: run npm run docs (and commit docs/${file})`);
    });
  }

  it('lists every log, column, rule, issue code and command', () => {
    for (const log of Object.values(LOGS)) {
      expect(pages['inputs.md']).toContain(`<a id="${log.key}"></a>`);
      for (const [key, col] of Object.entries(log.columns)) expect(pages['inputs.md']).toContain(`| \`${key}\` | ${col.header} |`);
    }
    for (const code of RULE_CODES) expect(pages['rules.md']).toContain(`<a id="${code.toLowerCase()}"></a>\n### ${code}\n`);
    for (const code of ISSUE_CODES) expect(pages['issues.md']).toContain(`<a id="${code}"></a>\`${code}\``);
    for (const c of COMMANDS) {
      expect(pages['cli.md']).toContain(`## ecops ${c.name}\n`);
      for (const o of c.options) expect(pages['cli.md']).toContain(`| \`${o.flags}\` | ${o.help.zh} | ${o.help.en} |`);
    }
  });

  it('shows each datetime column\'s reading of a date alone and each column\'s default, as the readers do', () => {
    expect(pages['inputs.md']).toContain('| `first_reply_at` | 首次回复时间 | 首响时间 | datetime (date alone = 23:59:59) | O |');
    expect(pages['inputs.md']).toContain('| `received_at` | 咨询时间 | 接入时间, 来电时间, 留言时间 | datetime (date alone = 00:00) | R |');
    expect(pages['inputs.md']).toContain('| `answered` | 是否接听 | 接听 | bool | O | 是 |');
    expect(pages['rules.md']).toContain('| `min_note_chars` | integer ≥ 0 | 2 |');
    expect(pages['rules.md']).toContain('| `meetings` | list of string | ["周会","月会"] |');
  });

  it('refers to no file outside the repository, and every link between pages lands on an anchor', () => {
    const all: Record<string, string> = { ...pages, 'outputs.md': checkedIn('outputs.md') ?? '' };
    expect(all['outputs.md']).not.toBe('');
    for (const [file, text] of Object.entries(all)) {
      expect(text, file).not.toMatch(/\.\.\/shared|SPEC\b/);
      for (const [, target, id] of text.matchAll(/\]\(([a-z]+\.md)?#([a-z0-9-]+)\)/g)) {
        const page = all[target ?? file];
        expect(page, `${file} links ${target ?? ''}#${id}`).toBeDefined();
        expect(page.includes(`<a id="${id}"></a>`), `${file} links ${target ?? ''}#${id}`).toBe(true);
      }
    }
  });
});
