import { describe, expect, it } from 'vitest';
import { CatalogError, isCatalogError } from './errors';

describe('CatalogError', () => {
  it('carries its code, name, message and cause', () => {
    const cause = new Error('inner');
    const error = new CatalogError('ERR_CATALOG_INPUT_INVALID', 'what is wrong; how to fix it', { cause });
    expect(error).toMatchObject({
      name: 'CatalogError',
      code: 'ERR_CATALOG_INPUT_INVALID',
      message: 'what is wrong; how to fix it',
      cause,
    });
  });

  it('is recognised without instanceof, and other values are not', () => {
    const error = new CatalogError('ERR_CATALOG_INPUT_INVALID', 'x');
    const copy = Object.assign(Object.create(Error.prototype), { ...error, [Symbol.for('@zwfw/error')]: true });
    expect(isCatalogError(error)).toBe(true);
    expect(isCatalogError(copy)).toBe(true);
    expect(isCatalogError(new Error('x'))).toBe(false);
    expect(isCatalogError({ code: 'ERR_CATALOG_INPUT_INVALID' })).toBe(false);
    expect(isCatalogError(null)).toBe(false);
  });
});
