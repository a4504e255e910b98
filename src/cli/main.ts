/**
 * The command line: commander wiring only; the commands and options are declared in commands.ts.
 * Imports here are only what --help needs: everything else is loaded by the command that uses it.
 */
import { Command, CommanderError, Option } from 'commander';
import { StrictError, UsageError } from '../core/issues.js';
import { resolveLang, type Lang } from '../core/lang.js';
import { COMMANDS, PROGRAM, type OptionSpec } from './commands.js';
import { HELP_COMMAND, HELP_OPTION, helpConfiguration, helpHint, outputConfiguration, VERSION_OPTION } from './usage.js';

function option(spec: OptionSpec, lang: Lang): Option {
  const required = spec.required ? (lang === 'zh' ? '（必填）' : ' (required)') : '';
  const o = new Option(spec.flags, spec.help[lang] + required);
  if (spec.default !== undefined) o.default(spec.default);
  if (spec.choices) o.choices(spec.choices);
  return o;
}

/** `setStatus` receives each command's exit status. */
export function buildProgram(lang: Lang, setStatus: (code: number) => void): Command {
  // Settings before the commands: each command copies them when it is created.
  const program = new Command('ecops')
    .description(PROGRAM.help[lang])
    .version('0.1.0', '-V, --version', VERSION_OPTION[lang])
    .helpOption('-h, --help', HELP_OPTION[lang])
    .helpCommand(false) // replaced below: commander's says nothing about a command that does not exist
    .configureHelp(helpConfiguration(lang))
    .configureOutput(outputConfiguration(lang))
    .showHelpAfterError(helpHint('ecops', lang))
    .exitOverride();
  for (const spec of PROGRAM.options) program.addOption(option(spec, lang));

  for (const spec of COMMANDS) {
    const cmd = program.command(spec.name).description(spec.help[lang]).showHelpAfterError(helpHint(`ecops ${spec.name}`, lang));
    for (const arg of spec.arguments ?? []) cmd.argument(arg.name, arg.help[lang]);
    const required: Option[] = [];
    for (const o of spec.options) {
      const opt = option(o, lang);
      cmd.addOption(opt);
      if (o.required) required.push(opt);
    }
    // commander calls an action with the arguments, then the options, then the command.
    cmd.action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      // Checked here, not by commander (makeOptionMandatory), which would check before unknown options: a user
      // who typed `--mnth 2024-05` should hear about --mnth rather than that --month is missing.
      const missing = required.find((o) => command.getOptionValue(o.attributeName()) === undefined);
      if (missing) command.error(`error: required option '${missing.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
      setStatus(await spec.run(command.optsWithGlobals(), args.slice(0, -2)));
    });
  }

  program
    .command('help')
    .description(HELP_COMMAND[lang])
    .argument('[command]')
    .action((name?: string) => {
      const cmd = name === undefined ? program : program.commands.find((c) => c.name() === name);
      if (!cmd) return program.error(`error: unknown command '${name}'`, { code: 'commander.unknownCommand' });
      cmd.help();
    });

  // A folder option naming a file is refused before any work, in the words --data uses.
  program.hook('preAction', async (_program, action) => {
    const opts = action.opts();
    if (typeof opts.out !== 'string' && typeof opts.annotate !== 'string') return;
    const { checkFolderOption } = await import('../read/files.js');
    if (typeof opts.out === 'string') await checkFolderOption(opts.out, '--out');
    if (typeof opts.annotate === 'string') await checkFolderOption(opts.annotate, '--annotate');
  });

  return program;
}

/** Runs the CLI; returns the exit status (docs/outputs.md#general): 0 done, 1 input errors (strict/validate), 2 usage/IO. */
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
      // --help and --version end with 0; every usage error (and help shown because none was asked for) with 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    const c = (await import('../output/console.js')).colors(process.stderr);
    // --strict's stop is the command's answer, not a mistake: said as it is, without 错误.
    if (err instanceof StrictError) {
      process.stderr.write(`${err.text[lang]}\n`);
      return err.exitCode;
    }
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
