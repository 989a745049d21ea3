import { describe, expect, it } from 'vitest';
import { ExchangeError, isExchangeError } from './errors';

describe('ExchangeError', () => {
  it('carries its code, name, message and cause', () => {
    const cause = new Error('inner');
    const error = new ExchangeError('ERR_EXCHANGE_CONFIGURATION_INVALID', 'what is wrong; how to fix it', { cause });
    expect(error).toMatchObject({
      name: 'ExchangeError',
      code: 'ERR_EXCHANGE_CONFIGURATION_INVALID',
      message: 'what is wrong; how to fix it',
      cause,
    });
  });

  it('is recognised without instanceof, and other values are not', () => {
    const error = new ExchangeError('ERR_EXCHANGE_CONFIGURATION_INVALID', 'x');
    const copy = Object.assign(Object.create(Error.prototype), { ...error, [Symbol.for('@zwfw/error')]: true });
    expect(isExchangeError(error)).toBe(true);
    expect(isExchangeError(copy)).toBe(true);
    expect(isExchangeError(new Error('x'))).toBe(false);
    expect(isExchangeError({ code: 'ERR_EXCHANGE_CONFIGURATION_INVALID' })).toBe(false);
    expect(isExchangeError(null)).toBe(false);
  });
});
