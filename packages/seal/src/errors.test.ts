import { describe, expect, it } from 'vitest';
import { SealError, isSealError } from './errors';

describe('SealError', () => {
  it('carries its code, name, message and cause', () => {
    const cause = new Error('inner');
    const error = new SealError('ERR_SEAL_INPUT_INVALID', 'what is wrong; how to fix it', { cause });
    expect(error).toMatchObject({
      name: 'SealError',
      code: 'ERR_SEAL_INPUT_INVALID',
      message: 'what is wrong; how to fix it',
      cause,
    });
  });

  it('is recognised without instanceof, and other values are not', () => {
    const error = new SealError('ERR_SEAL_INPUT_INVALID', 'x');
    const copy = Object.assign(Object.create(Error.prototype), { ...error, [Symbol.for('@zwfw/error')]: true });
    expect(isSealError(error)).toBe(true);
    expect(isSealError(copy)).toBe(true);
    expect(isSealError(new Error('x'))).toBe(false);
    expect(isSealError({ code: 'ERR_SEAL_INPUT_INVALID' })).toBe(false);
    expect(isSealError(null)).toBe(false);
  });
});
