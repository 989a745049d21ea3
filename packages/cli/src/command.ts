import { parseArgs } from 'node:util';
import type { CommandContext } from './context';
import { CliError } from './errors';

/** One option of a command, as `node:util` `parseArgs` takes it, plus help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in the help, e.g. `PEM`. */
  value?: string;
  help: { zh: string; en: string };
}

/** A command of the CLI. */
export interface Command {
  /** Words that select it, e.g. `['catalog', 'validate']`. */
  path: string[];
  summary: { zh: string; en: string };
  /** Positional arguments, for the help line, e.g. `FILE...`. */
  positionals?: string;
  options?: Record<string, OptionSpec>;
  /** At least one example command line. */
  examples: string[];
  run(args: ParsedArgs, context: CommandContext): Promise<number>;
}

/** Parsed arguments handed to a command. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** Global options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  lang: {
    type: 'string',
    value: 'zh|en',
    help: { zh: '输出语言（默认取自系统区域设置）', en: 'output language (default: from the locale)' },
  },
  help: { type: 'boolean', short: 'h', help: { zh: '显示帮助', en: 'show help' } },
};

/** Parses `argv` for `command`; unknown options are a usage error that names the option. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(options).map(([name, spec]) => [
          name,
          {
            type: spec.type,
            ...(spec.short ? { short: spec.short } : {}),
            ...(spec.multiple ? { multiple: true } : {}),
          },
        ]),
      ),
    });
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError('ERR_CLI_USAGE', `${message}. Run "zwfw ${command.path.join(' ')} --help" for the options.`, {
      cause: error,
    });
  }
}

/** Renders the help of one command. */
export function formatCommandHelp(command: Command, context: CommandContext): string {
  const { t } = context;
  const lines = [
    `${t('用法', 'Usage')}: zwfw ${command.path.join(' ')}${command.positionals ? ` ${command.positionals}` : ''} [${t('选项', 'options')}]`,
    '',
    `  ${t(command.summary.zh, command.summary.en)}`,
    '',
    `${t('选项', 'Options')}:`,
  ];
  const options = { ...command.options, ...GLOBAL_OPTIONS };
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}${spec.multiple ? '...' : ''}`;
    return [flag, t(spec.help.zh, spec.help.en)] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  for (const [flag, help] of rows) lines.push(`  ${flag.padEnd(width)}  ${help}`);
  lines.push('', `${t('示例', 'Examples')}:`);
  for (const example of command.examples) lines.push(`  ${example}`);
  return lines.join('\n');
}

/** The string value of an option, or `undefined`. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The values of a repeatable string option. */
export function stringListOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Whether a boolean option is set. */
export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** Requires exactly `count` positionals (or at least, with `atLeast`). */
export function requirePositionals(command: Command, args: ParsedArgs, count: number, atLeast = false): string[] {
  const ok = atLeast ? args.positionals.length >= count : args.positionals.length === count;
  if (!ok) {
    throw new CliError(
      'ERR_CLI_USAGE',
      `"zwfw ${command.path.join(' ')}" takes ${atLeast ? 'at least ' : ''}${count} argument(s) (${command.positionals ?? ''}), got ${args.positionals.length}. Run it with --help for examples.`,
    );
  }
  return args.positionals;
}
