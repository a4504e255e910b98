import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateError } from '../../src/cli/usage.js';
import { ecops, ecopsProcess } from '../helpers/cli.js';
import { d, tempDir, writeCsv, writeXlsx } from '../helpers/sheets.js';

/** A month with one error (a date that does not exist) and one warning (a cover who is not on the staff list). */
async function errorAndWarning() {
  const dir = await tempDir();
  await writeXlsx(join(dir, '人员.xlsx'), { 名单: [['姓名', '岗位'], ['张三', '客服']] });
  await writeXlsx(join(dir, '咨询.xlsx'), {
    五月: [
      ['咨询时间', '客服', '渠道', '首次响应秒数'],
      [d('2024-05-06 09:00:00'), '张三', '旺旺', 10],
      ['2024-13-01 10:00', '张三', '旺旺', 10],
    ],
  });
  await writeCsv(join(dir, '离岗.csv'), [['客服', '离开时间', '返回时间', '顶替人'], ['张三', '2024/5/6 12:00', '2024/5/6 12:10', '王五']], 'gbk');
  return dir;
}

describe('console lines name the severity in words, not only in colour', () => {
  it('opens each issue line with 错误 or 警告, and with error or warning in English', async () => {
    const dir = await errorAndWarning();
    const zh = ecops(['validate', '--data', dir]);
    expect(zh.status).toBe(1);
    const line = (out: string, text: string) => out.split('\n').find((l) => l.includes(text));
    expect(line(zh.stdout, '2024-13-01 10:00')).toMatch(/^错误 type-error 咨询\.xlsx › 五月 › 第3行 › 咨询时间 /);
    expect(line(zh.stdout, '王五')).toMatch(/^警告 [a-z-]+ 离岗\.csv › 离岗 › 第2行 › 顶替人 /);
    const en = ecops(['validate', '--data', dir, '--lang', 'en']);
    expect(line(en.stdout, '2024-13-01 10:00')).toMatch(/^error type-error 咨询\.xlsx › 五月 › row 3 › 咨询时间 /);
    expect(line(en.stdout, '王五')).toMatch(/^warning [a-z-]+ 离岗\.csv › 离岗 › row 2 › 顶替人 /);
  });
});

describe("the CLI's own messages follow --lang and LANG", () => {
  it('an unknown command is exit 2 with the message in Chinese by default, in English with --lang en or an English LANG', () => {
    const zh = ecopsProcess(['bogus']); // the exit status of a real process
    expect(zh.status).toBe(2);
    expect(zh.stderr).toBe("错误: 未知命令 'bogus'\n运行 ecops --help 查看用法\n");
    const en = ecops(['--lang', 'en', 'bogus']);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe("error: unknown command 'bogus'\nrun ecops --help for usage\n");
    expect(ecops(['bogus'], { LANG: 'en_US.UTF-8' }).stderr).toBe(en.stderr);
    expect(ecops(['bogus'], { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_GB.UTF-8' }).stderr).toBe(en.stderr);
  });

  it('suggests the command meant, and `help` of a command that does not exist is an unknown command too', () => {
    const typo = ecops(['scor', '-m', '2024-05']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^错误: 未知命令 'scor'\n（是否想输入 score？）\n/);
    const help = ecops(['help', 'inspekt']);
    expect(help.status).toBe(2);
    expect(help.stderr).toMatch(/^错误: 未知命令 'inspekt'\n/);
    const none = ecops([]);
    expect(none.status).toBe(2); // nothing asked: the overview, on stderr, and a script notices
    expect(none.stderr).toContain('命令:');
  });

  it('score --help in Chinese and in English, with --month marked as required', () => {
    const zh = ecops(['score', '--help']);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toMatch(/^用法: ecops score \[选项\]\n\n月度考核表\n\n选项:\n/);
    expect(zh.stdout).toMatch(/-m, --month <YYYY-MM> +考核月份（必填）\n/);
    expect(zh.stdout).toMatch(/-o, --out <dir> +报表输出文件夹（默认：\.\/reports）\n/);
    expect(zh.stdout).toMatch(/-h, --help +显示帮助\n\n全局选项:\n(.+\n)*  --lang <lang> +输出语言（可选：zh、en）\n/);
    const en = ecops(['score', '--help', '--lang', 'en']);
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/^Usage: ecops score \[options\]\n\nmonthly assessment workbook\n\nOptions:\n/);
    expect(en.stdout).toMatch(/-m, --month <YYYY-MM> +month to assess \(required\)\n/);
    expect(en.stdout).toMatch(/-o, --out <dir> +folder for the workbooks \(default: "\.\/reports"\)\n/);
    expect(en.stdout).toMatch(/\nGlobal Options:\n(.+\n)*  --lang <lang> +output language \(choices: "zh", "en"\)\n/);
    expect(ecops(['help', 'score'], { LANG: 'en_US.UTF-8' }).stdout).toBe(en.stdout);
  });

  it('every command and every option and argument has a Chinese description', () => {
    const overview = ecops(['--help']).stdout;
    const commands = overview.split('命令:\n')[1].split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' ')[0]);
    expect(commands).toEqual(expect.arrayContaining(['validate', 'template', 'score', 'rules', 'reconcile', 'close', 'help']));
    const cjk = /[\u4e00-\u9fff]/;
    for (const help of [overview, ...commands.map((c) => ecops([c, '--help']).stdout)]) {
      // an entry: two spaces, the term, two or more spaces, the description (wrapped lines start with spaces only)
      const entries = help.split('\n').filter((l) => /^  \S/.test(l));
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry, help).toMatch(new RegExp(`^  \\S.*? {2,}.*${cjk.source}`));
    }
  });

  it('unknown options, missing values, bad choices and extra arguments are exit 2, in the chosen language', () => {
    // The message, then where to read more (not the whole help page, which would bury the message).
    const cases: [string[], string, string][] = [
      [['score', '--mnth', '2024-05'], "错误: 未知选项 '--mnth'\n（是否想输入 --month？）", "error: unknown option '--mnth'\n(Did you mean --month?)"],
      [['validate', '--bogus'], "错误: 未知选项 '--bogus'", "error: unknown option '--bogus'"],
      [['score'], "错误: 缺少必需的选项 '-m, --month <YYYY-MM>'", "error: required option '-m, --month <YYYY-MM>' not specified"],
      [['close', '--month'], "错误: 选项 '-m, --month <YYYY-MM>' 缺少取值", "error: option '-m, --month <YYYY-MM>' argument missing"],
      [['validate', 'extra'], '错误: 命令 validate 参数过多：应有 0 个，收到 1 个', "error: too many arguments for 'validate'. Expected 0 arguments but got 1."],
    ];
    for (const [args, zh, en] of cases) {
      const r = ecops(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`${zh}\n运行 ecops ${args[0]} --help 查看用法\n`);
      const e = ecops([...args, '--lang', 'en']);
      expect(e.status, args.join(' ')).toBe(2);
      expect(e.stderr).toBe(`${en}\nrun ecops ${args[0]} --help for usage\n`);
    }
    const choice = ecops(['--lang', 'fr', 'rules']);
    expect(choice.status).toBe(2);
    expect(choice.stderr).toMatch(/^错误: 选项 '--lang <lang>' 的取值 'fr' 无效，可选：zh、en\n/);
  });
});

describe("commander's lines no command can show yet", () => {
  it('reads a missing argument and several suggestions in Chinese, and keeps a line it does not know', () => {
    expect(translateError("error: missing required argument 'file'\n")).toBe("错误: 缺少参数 'file'\n");
    expect(translateError("error: unknown option '--cel'\n(Did you mean one of --cells, --cell?)\n")).toBe(
      "错误: 未知选项 '--cel'\n（是否想输入 --cells 或 --cell？）\n",
    );
    expect(translateError('error: something commander says one day\n')).toBe('错误: something commander says one day\n');
  });
});

describe('folder options that name a file', () => {
  it('score --out naming a file says so, exit 2, as --data does, before reading anything', async () => {
    const dir = await errorAndWarning();
    const file = join(await tempDir(), 'reports');
    await writeFile(file, 'not a folder');
    const zh = ecops(['score', '-m', '2024-05', '--data', dir, '--out', file]);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toBe(`错误: --out ${file} 是一个文件，不是文件夹\n`);
    const en = ecops(['score', '-m', '2024-05', '--data', dir, '--out', file, '--lang', 'en']);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe(`error: --out ${file} is a file, not a folder\n`);
    expect(ecops(['score', '-m', '2024-05', '--data', file]).stderr).toBe(`错误: --data ${file} 是一个文件，不是文件夹\n`);
    expect(ecops(['validate', '--data', dir, '--annotate', file]).stderr).toBe(`错误: --annotate ${file} 是一个文件，不是文件夹\n`);
    expect(await readdir(dir)).toEqual(['人员.xlsx', '咨询.xlsx', '离岗.csv']);
  });
});
