import { describe, expect, it } from 'vitest';
import { CliError, isCliError } from './errors';

describe('CliError', () => {
  it('carries its code, name, message and cause', () => {
    const cause = new Error('inner');
    const error = new CliError('ERR_CLI_USAGE', 'what is wrong; how to fix it', { cause });
    expect(error).toMatchObject({
      name: 'CliError',
      code: 'ERR_CLI_USAGE',
      message: 'what is wrong; how to fix it',
      cause,
    });
  });

  it('is recognised without instanceof, and other values are not', () => {
    const error = new CliError('ERR_CLI_USAGE', 'x');
    const copy = Object.assign(Object.create(Error.prototype), { ...error, [Symbol.for('@zwfw/error')]: true });
    expect(isCliError(error)).toBe(true);
    expect(isCliError(copy)).toBe(true);
    expect(isCliError(new Error('x'))).toBe(false);
    expect(isCliError({ code: 'ERR_CLI_USAGE' })).toBe(false);
    expect(isCliError(null)).toBe(false);
  });
});
