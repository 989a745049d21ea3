/**
 * The `zwfw` command line, usable as a library: `runCli(argv)` runs a command and returns its exit code.
 *
 * Exported from `@zwfw/cli`.
 *
 * @module
 */
export { type CliErrorCode, CliError, isCliError } from './errors';
export { type CliIo, type CliLanguage, EXIT_CODES } from './context';
export { runCli } from './run-cli';
