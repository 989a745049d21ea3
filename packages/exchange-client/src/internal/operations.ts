// Mutating operations: how to interpret their response, verify their receipt and recognise a duplicate. Shared by
// direct calls and by the outbox relay, which only has the stored operation name.
import type { z } from 'zod';
import { ExchangeError, ExchangeHttpError } from '../errors';
import type { Receipt, ReceiptExpectation } from '../verify-receipt';
import { CaseExistsDataSchema, CaseMutationResultSchema } from '../wire/cases';
import { EvaluationSchema, EvaluationServiceSchema } from '../wire/evaluations';
import type { NewOutboxRecord } from '../outbox/outbox-store';
import type { Transport } from './transport';

/** A mutating operation as sent (and as stored by the outbox). */
export type WriteRequest = Omit<NewOutboxRecord, 'id' | 'createdAt'>;

export type ReceiptChecker = (jws: string, expected: ReceiptExpectation) => Promise<Receipt>;

export type WriteOutcome =
  | { kind: 'sent'; data: unknown; receipt: Receipt | undefined; requestId: string }
  | { kind: 'duplicate'; data: unknown; receipt: Receipt | undefined; error: ExchangeHttpError };

interface OperationHandler {
  schema: z.ZodType;
  /** Receipt in `data`, and what it must bind to. */
  receipt?: (data: unknown, request: WriteRequest) => { jws: string; expected: ReceiptExpectation } | undefined;
  /** The platform already holds this operation under another key: `data` of the original, or undefined if not one. */
  duplicate?: (error: ExchangeHttpError) => { data: unknown } | undefined;
}

const caseWrite: OperationHandler = {
  schema: CaseMutationResultSchema,
  receipt: (data, request) => ({
    jws: (data as { receipt: string }).receipt,
    expected: {
      caseNo: request.orderingKey ?? undefined,
      version: request.version ?? undefined,
      payloadSha256: request.payloadSha256,
    },
  }),
};

const OPERATIONS: Record<string, OperationHandler> = {
  'cases.submit': {
    ...caseWrite,
    duplicate: (error) => {
      if (error.platformCode !== 'CASE_EXISTS') return undefined;
      const parsed = CaseExistsDataSchema.safeParse(error.data);
      return parsed.success ? { data: parsed.data.original } : undefined;
    },
  },
  'cases.addEvent': caseWrite,
  'cases.complete': caseWrite,
  'evaluations.registerService': {
    schema: EvaluationServiceSchema,
    duplicate: (error) => (error.platformCode === 'DUPLICATE_SERVICE' ? { data: undefined } : undefined),
  },
  'evaluations.submit': {
    schema: EvaluationSchema,
    duplicate: (error) => (error.platformCode === 'DUPLICATE_EVALUATION' ? { data: undefined } : undefined),
  },
};

export function isDurableOperation(name: string): boolean {
  return name in OPERATIONS;
}

/** Transport-level failures: the operation may still succeed later, unchanged. Everything else is a rejection. */
export function isTransientFailure(error: ExchangeError): boolean {
  return (
    error.isRetryable ||
    error.code === 'ERR_EXCHANGE_NETWORK_FAILED' ||
    error.code === 'ERR_EXCHANGE_TIMEOUT' ||
    error.code === 'ERR_EXCHANGE_AUTHENTICATION_FAILED' ||
    error.code === 'ERR_EXCHANGE_CLOCK_SKEW' ||
    error.code === 'ERR_EXCHANGE_REPLAY_DETECTED'
  );
}

/** Send a write once (with the transport's retries up to `retryLimit`); throws on failure. */
export async function sendWrite(
  transport: Transport,
  request: WriteRequest,
  checkReceipt: ReceiptChecker,
  options: { retryLimit?: number | undefined; signal?: AbortSignal | undefined } = {},
): Promise<WriteOutcome> {
  const handler = OPERATIONS[request.operation];
  if (!handler) {
    throw new ExchangeError(
      'ERR_EXCHANGE_OUTBOX_FAILED',
      `outbox record has unknown operation "${request.operation.slice(0, 64)}"; it was written by another version of the client`,
    );
  }
  try {
    const result = await transport.send({
      name: request.operation,
      method: request.method,
      path: request.path,
      body: request.body,
      schema: handler.schema,
      idempotencyKey: request.idempotencyKey,
      issue: request.orderingKey ?? undefined,
      retryLimit: options.retryLimit,
      signal: options.signal,
    });
    // A codec that re-encodes the body: the receipt binds to the body the platform received.
    const sent = result.wireBodySha256 === undefined ? request : { ...request, payloadSha256: result.wireBodySha256 };
    const binding = handler.receipt?.(result.data, sent);
    const receipt = binding ? await checkReceipt(binding.jws, binding.expected) : undefined;
    return { kind: 'sent', data: result.data, receipt, requestId: result.requestId };
  } catch (error) {
    const duplicate = error instanceof ExchangeHttpError ? handler.duplicate?.(error) : undefined;
    if (!duplicate) throw error;
    const binding = duplicate.data === undefined ? undefined : handler.receipt?.(duplicate.data, request);
    const receipt = binding ? await checkReceipt(binding.jws, { caseNo: binding.expected.caseNo }) : undefined;
    return { kind: 'duplicate', data: duplicate.data, receipt, error: error as ExchangeHttpError };
  }
}
