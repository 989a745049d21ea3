import { CliError } from './errors';

/** The language of the CLI's messages. */
export type CliLanguage = 'zh' | 'en';

/** Where the CLI writes and what it knows of its environment; injected so that tests capture output. */
export interface CliIo {
  /** Normal output (results, reports). */
  stdout: { write(text: string): unknown; isTTY?: boolean };
  /** Diagnostics, progress and errors. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Environment variables (for the locale: `LC_ALL`, `LC_MESSAGES`, `LANG`). */
  env: Record<string, string | undefined>;
  /** Working directory that relative paths are resolved against. */
  cwd: string;
}

/** What every command receives. */
export interface CommandContext {
  io: CliIo;
  lang: CliLanguage;
  /** Picks the message in the current language. */
  t(zh: string, en: string): string;
  /** Writes a line to stdout. */
  out(line?: string): void;
  /** Writes a line to stderr. */
  err(line?: string): void;
}

/** Exit codes of the CLI (stable; scripts depend on them). */
export const EXIT_CODES = {
  /** Success; for `verify`: TOTAL_PASSED. */
  ok: 0,
  /** The input was checked and found bad; for `verify`: TOTAL_FAILED. */
  failed: 1,
  /** For `verify`: INDETERMINATE (not enough information to decide). */
  indeterminate: 2,
  /** Unusable input or arguments. */
  usage: 3,
} as const;

/** Picks the language: `--lang`, else the locale environment variables, else Chinese. */
export function detectLanguage(flag: string | undefined, env: Record<string, string | undefined>): CliLanguage {
  if (flag !== undefined) {
    const normalized = flag.toLowerCase();
    if (normalized.startsWith('zh')) return 'zh';
    if (normalized.startsWith('en')) return 'en';
    throw new CliError('ERR_CLI_USAGE', `Unknown --lang "${flag}": use zh or en.`);
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  if (/^zh/i.test(locale)) return 'zh';
  if (locale === '' || /^(C|POSIX)(\.|$)/i.test(locale)) return 'zh';
  return 'en';
}

/** Builds a {@link CommandContext}. */
export function createContext(io: CliIo, lang: CliLanguage): CommandContext {
  return {
    io,
    lang,
    t: (zh, en) => (lang === 'zh' ? zh : en),
    out: (line = '') => {
      io.stdout.write(`${line}\n`);
    },
    err: (line = '') => {
      io.stderr.write(`${line}\n`);
    },
  };
}
