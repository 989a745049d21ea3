/**
 * The zwfw command line, usable as a library (`runCli`).
 *
 * Exported from `@zwfw/cli`.
 *
 * @module
 */
export { CliError, isCliError } from './errors';
export type { CliErrorCode } from './errors';
