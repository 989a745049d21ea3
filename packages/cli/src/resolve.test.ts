import { describe, expect, it } from 'vitest';
import { isCatalogError } from '@zwfw/catalog';
import { CatalogError } from '@zwfw/catalog';

describe('workspace resolution', () => {
  it('resolves @zwfw/catalog from source', () => {
    expect(isCatalogError(new CatalogError('ERR_CATALOG_INPUT_INVALID', 'x'))).toBe(true);
  });
});
