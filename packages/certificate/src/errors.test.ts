import { describe, expect, it } from 'vitest';
import { CertificateError, isCertificateError } from './errors';

describe('CertificateError', () => {
  it('carries its code, name, message and cause', () => {
    const cause = new Error('inner');
    const error = new CertificateError('ERR_CERTIFICATE_INPUT_INVALID', 'what is wrong; how to fix it', { cause });
    expect(error).toMatchObject({
      name: 'CertificateError',
      code: 'ERR_CERTIFICATE_INPUT_INVALID',
      message: 'what is wrong; how to fix it',
      cause,
    });
  });

  it('is recognised without instanceof, and other values are not', () => {
    const error = new CertificateError('ERR_CERTIFICATE_INPUT_INVALID', 'x');
    const copy = Object.assign(Object.create(Error.prototype), { ...error, [Symbol.for('@zwfw/error')]: true });
    expect(isCertificateError(error)).toBe(true);
    expect(isCertificateError(copy)).toBe(true);
    expect(isCertificateError(new Error('x'))).toBe(false);
    expect(isCertificateError({ code: 'ERR_CERTIFICATE_INPUT_INVALID' })).toBe(false);
    expect(isCertificateError(null)).toBe(false);
  });
});
