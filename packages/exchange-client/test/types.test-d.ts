import { describe, expectTypeOf, it } from 'vitest';
import type {
  CaseInput,
  CaseWriteResult,
  ExchangeErrorCode,
  ExchangeHttpError,
  ExchangeHttpErrorCode,
} from '../src/index';
import { type CaseInputSchema, isExchangeHttpError } from '../src/index';

describe('types', () => {
  it('infers case input defaults as required outputs', () => {
    expectTypeOf<ReturnType<typeof CaseInputSchema.parse>>().toEqualTypeOf<CaseInput>();
    expectTypeOf<CaseInput['version']>().toEqualTypeOf<number>();
    expectTypeOf<CaseInput['deliveryMode']>().toEqualTypeOf<'00' | '01' | '99'>();
  });

  it('narrows HTTP errors and write results', () => {
    expectTypeOf<ExchangeHttpErrorCode>().toExtend<ExchangeErrorCode>();
    const error: unknown = undefined;
    if (isExchangeHttpError(error)) expectTypeOf(error).toEqualTypeOf<ExchangeHttpError>();
    const result = {} as CaseWriteResult;
    if (result.status === 'queued') expectTypeOf(result.outboxId).toEqualTypeOf<string>();
    if (result.status === 'sent') expectTypeOf(result.receipt.payload.caseNo).toEqualTypeOf<string>();
  });
});
