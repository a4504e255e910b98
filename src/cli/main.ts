/** The command line: commander wiring only; every command is a function in its own file. */
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../core/issues.js';
import { resolveLang, type Lang } from '../core/lang.js';
import { colors } from '../output/console.js';

// Commands load on demand: exceljs alone takes a while to compile, and --help should not wait for it.
const commands = {
  validate: () => import('./validate.js'),
  template: () => import('./template.js'),
  score: () => import('./score.js'),
  rules: () => import('./rules.js'),
  reconcile: () => import('./reconcile.js'),
  close: () => import('./close.js'),
  stock: () => import('./stock.js'),
};

const dataOptions = (cmd: Command) =>
  cmd
    .option('-d, --data <dir>', 'folder of .xlsx/.csv logs', '.')
    .option('--recursive', 'also read sub-folders')
    .option('--encoding <name>', 'CSV encoding (default: detected: UTF-8, UTF-16 with BOM, GB18030/GBK)')
    .option('--rules <file>', 'regulation file (default: templates/regulation.yaml)')
    .option('--strict', 'any input error: exit 1 and write nothing');

const outputOptions = (cmd: Command) =>
  cmd
    .option('-o, --out <dir>', 'folder for the workbooks', './reports')
    .option('--json', 'print JSON on stdout instead of the summary')
    .option('-q, --quiet', 'no progress or messages on stderr');

/** `setStatus` receives each command's exit status. */
export function buildProgram(lang: Lang, setStatus: (code: number) => void): Command {
  const program = new Command('ecops')
    .description(
      lang === 'zh'
        ? '电商部运营工具：校验记录表、月度考核、每周盘点对账、月末进销存'
        : 'E-commerce department operations: validate logs, monthly assessment, weekly stock reconciliation, month-end inventory',
    )
    .version('0.1.0')
    .addOption(new Option('--lang <lang>', 'output language').choices(['zh', 'en']))
    .showHelpAfterError()
    .exitOverride();

  dataOptions(program.command('validate').description('check every log against SPEC §1 and list the problems'))
    .option('--json', 'print JSON on stdout')
    .option('--annotate <dir>', 'write a marked-up .xlsx copy of every input file with issues into <dir>')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (opts, cmd: Command) => setStatus(await (await commands.validate()).validateCommand({ ...cmd.optsWithGlobals(), ...opts })));

  program
    .command('template')
    .description('write blank input workbooks, one per log')
    .argument('[logs...]', 'log keys (default: all)')
    .option('-o, --out <dir>', 'folder for the templates', './templates-out')
    .option('-d, --data <dir>', 'fill the dropdowns from the staff list and SKU master found here')
    .option('--rules <file>', 'regulation file (the clauses of 奖惩登记)')
    .action(async (logs: string[], opts, cmd: Command) => setStatus(await (await commands.template()).templateCommand(logs, { ...cmd.optsWithGlobals(), ...opts })));

  outputOptions(dataOptions(program.command('score').description('monthly assessment workbook')))
    .requiredOption('-m, --month <YYYY-MM>', 'month to assess')
    .option('--as-of <datetime>', 'leave out violations dated after this instant')
    .option('--calendar <file>', 'company calendar (YAML: holidays, workdays)')
    .option('--history <dir>', 'earlier assessments (score-YYYY-MM.json) for the LD-3 hint')
    .action(async (opts, cmd: Command) => setStatus(await (await commands.score()).scoreCommand({ ...cmd.optsWithGlobals(), ...opts })));

  program
    .command('rules')
    .description('print the regulation as it will be applied')
    .option('--rules <file>', 'regulation file')
    .option('--json', 'print JSON on stdout')
    .action(async (opts, cmd: Command) => setStatus(await (await commands.rules()).rulesCommand({ ...cmd.optsWithGlobals(), ...opts })));

  outputOptions(dataOptions(program.command('reconcile').description('weekly stock-count reconciliation')))
    .option('-w, --week <YYYY-Www>', 'ISO week')
    .option('--date <YYYY-MM-DD>', 'one day')
    .option('--tolerance <n>', 'variance treated as 一致', '0')
    .action(async (opts, cmd: Command) => setStatus(await (await commands.reconcile()).reconcileCommand({ ...cmd.optsWithGlobals(), ...opts })));

  outputOptions(dataOptions(program.command('close').description('month-end inventory and loss workbooks')))
    .requiredOption('-m, --month <YYYY-MM>', 'month to close')
    .action(async (opts, cmd: Command) => setStatus(await (await commands.close()).closeCommand({ ...cmd.optsWithGlobals(), ...opts })));

  outputOptions(dataOptions(program.command('stock').description('daily stock check: the book at the end of a day, reorder, shortages, delist')))
    .requiredOption('--date <YYYY-MM-DD>', 'day whose end the book is taken at')
    .action(async (opts, cmd: Command) => setStatus(await (await commands.stock()).stockCommand({ ...cmd.optsWithGlobals(), ...opts })));

  return program;
}

/** Runs the CLI; returns the exit status (SPEC §5): 0 done, 1 input errors (strict/validate), 2 usage/IO. */
export async function main(argv: string[]): Promise<number> {
  const langArg = argv.find((a, i) => argv[i - 1] === '--lang' || a.startsWith('--lang='))?.replace('--lang=', '');
  const lang = resolveLang(langArg);
  let status = 0;
  const program = buildProgram(lang, (code) => (status = code));
  try {
    await program.parseAsync(argv);
    return status;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : 2;
    }
    const c = colors(process.stderr);
    if (err instanceof UsageError) {
      process.stderr.write(`${c.red(lang === 'zh' ? '错误' : 'error')}: ${err.text[lang]}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `${c.red(lang === 'zh' ? '内部错误' : 'internal error')}: ${message}\n` +
        (lang === 'zh' ? '这是 ecops 的缺陷，请把命令和输入文件报告给维护者。\n' : 'This is a bug in ecops; please report the command and the input files.\n'),
    );
    if (process.env.ECOPS_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 3;
  }
}
