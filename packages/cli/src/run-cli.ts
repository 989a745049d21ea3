import { type Command, formatCommandHelp, GLOBAL_OPTIONS, parseCommandArgs } from './command';
import { COMMANDS } from './commands/index';
import { type CliIo, createContext, detectLanguage, EXIT_CODES } from './context';
import { CliError, isCliError } from './errors';

/**
 * Runs the `zwfw` command line with `argv` (without the node and script paths) and returns the exit code:
 * 0 success (for `verify`: TOTAL_PASSED), 1 checked and found bad (TOTAL_FAILED), 2 INDETERMINATE, 3 unusable input
 * or arguments. Never throws and never prints a stack trace (set `ZWFW_DEBUG=1` to see one).
 *
 * @param argv - the arguments, e.g. `['verify', 'certificate.pdf', '--trust', 'root.pem']`.
 * @param io - where to write and the environment; defaults to the process's.
 * @returns the exit code.
 *
 * @example
 * ```ts
 * import { runCli } from '@zwfw/cli';
 * process.exitCode = await runCli(process.argv.slice(2));
 * ```
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let lang: 'zh' | 'en' = 'zh';
  try {
    lang = detectLanguage(findLangFlag(argv), io.env);
  } catch (error) {
    io.stderr.write(`zwfw: ${(error as Error).message}\n`);
    return EXIT_CODES.usage;
  }
  const context = createContext(io, lang);
  argv = withoutLangFlag(argv);
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const command = findCommand(words);
  if (!command) {
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h') || words[0] === 'help';
    const unknown = words.length > 0 && words[0] !== 'help';
    if (unknown)
      context.err(
        context.t(`未知命令：${words.slice(0, 2).join(' ')}`, `Unknown command: ${words.slice(0, 2).join(' ')}`),
      );
    (unknown ? context.err : context.out)(formatOverview(context.t));
    return wantsHelp && !unknown ? EXIT_CODES.ok : EXIT_CODES.usage;
  }
  const rest = dropCommandWords(argv, command.path);
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      context.out(formatCommandHelp(command, context));
      return EXIT_CODES.ok;
    }
    const args = parseCommandArgs(command, rest);
    return await command.run(args, context);
  } catch (error) {
    context.err(`zwfw ${command.path.join(' ')}: ${describeError(error)}`);
    if (io.env.ZWFW_DEBUG && error instanceof Error && error.stack) context.err(error.stack);
    return EXIT_CODES.usage;
  }
}

function describeError(error: unknown): string {
  if (isCliError(error)) return error.message;
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return `${(error as { message?: unknown }).message} [${error.code}]`;
  }
  return error instanceof Error ? `${error.message} (unexpected error; set ZWFW_DEBUG=1 for details)` : String(error);
}

function findLangFlag(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--lang') {
      const value = argv[i + 1];
      if (value === undefined) throw new CliError('ERR_CLI_USAGE', '--lang needs a value: zh or en.');
      return value;
    }
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

function findCommand(words: string[]): Command | undefined {
  let best: Command | undefined;
  for (const command of COMMANDS) {
    if (command.path.every((word, index) => words[index] === word)) {
      if (!best || command.path.length > best.path.length) best = command;
    }
  }
  return best;
}

/** Removes the command's words: the first non-option arguments, in order. */
function dropCommandWords(argv: string[], path: string[]): string[] {
  const rest = [...argv];
  let from = 0;
  for (const word of path) {
    const index = rest.indexOf(word, from);
    if (index < 0) break;
    rest.splice(index, 1);
    from = index;
  }
  return rest;
}

function withoutLangFlag(argv: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--lang') i++;
    else if (!arg.startsWith('--lang=')) rest.push(arg);
  }
  return rest;
}

function formatOverview(t: (zh: string, en: string) => string): string {
  const width = Math.max(...COMMANDS.map((command) => command.path.join(' ').length));
  const lines = [
    t('zwfw：互联网+政务服务 SDK 命令行', 'zwfw: the command line of the Internet + Government Services SDK'),
    '',
    `${t('用法', 'Usage')}: zwfw <${t('命令', 'command')}> [${t('选项', 'options')}]`,
    '',
    `${t('命令', 'Commands')}:`,
    ...COMMANDS.map(
      (command) => `  ${command.path.join(' ').padEnd(width)}  ${t(command.summary.zh, command.summary.en)}`,
    ),
    '',
    `${t('全局选项', 'Global options')}: ${Object.keys(GLOBAL_OPTIONS)
      .map((name) => `--${name}`)
      .join(', ')}`,
    t('每个命令都有 --help，包括示例。', 'Every command has --help, with examples.'),
    t(
      '退出码：0 通过/有效，1 失败/无效，2 无法确定，3 输入或参数不可用。',
      'Exit codes: 0 passed/valid, 1 failed/invalid, 2 indeterminate, 3 unusable input or arguments.',
    ),
  ];
  return lines.join('\n');
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
