import { describe, expectTypeOf, it } from 'vitest';
import type { CatalogErrorCode } from '../errors';
import { isCatalogError } from '../errors';
import type { ImplementationItem, ImplementationItemInput } from './implementation-item';

describe('schema types', () => {
  it('output types have defaults applied, input types do not', () => {
    expectTypeOf<ImplementationItem['materials']>().toBeArray();
    expectTypeOf<ImplementationItemInput['materials']>().toEqualTypeOf<ImplementationItem['materials'] | undefined>();
    expectTypeOf<ImplementationItem['body']['division']>().toEqualTypeOf<string | null>();
    expectTypeOf<ImplementationItem['type']>().toEqualTypeOf<
      '00' | '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '20' | 'X_FILING'
    >();
  });

  it('error guards narrow to the closed code union', () => {
    const error: unknown = new Error('x');
    if (isCatalogError(error)) expectTypeOf(error.code).toEqualTypeOf<CatalogErrorCode>();
  });
});
