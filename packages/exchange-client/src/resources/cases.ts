import { z } from 'zod';
import type { Receipt } from '../verify-receipt';
import {
  type Case,
  type CaseEvent,
  type CaseEventInput,
  CaseEventInputSchema,
  type CaseInputInput,
  CaseInputSchema,
  type CaseListQuery,
  CaseListQuerySchema,
  type CaseMutationResult,
  CaseSchema,
  type CompletionInputInput,
  CompletionInputSchema,
} from '../wire/cases';
import { TimestampSchema } from '../wire/common';
import {
  type AnyWriteOutcome,
  getData,
  type PageIterable,
  paginate,
  parseInput,
  performWrite,
  type ReadOptions,
  type ResourceContext,
  segment,
  type WriteOptions,
} from './shared';

/**
 * Result of a case write (`submit`, `addEvent`, `complete`, `withdraw`):
 * - `sent`: the platform accepted it now; `receipt` is its signed receipt.
 * - `duplicate`: the platform already held this case (`CASE_EXISTS`); `result` is the original.
 * - `queued`: durable mode only — a transport failure; the outbox will send it (same Idempotency-Key).
 */
export type CaseWriteResult =
  | {
      status: 'sent';
      caseNo: string;
      result: CaseMutationResult;
      receipt: Receipt;
      requestId: string;
      /** Outbox record id in durable mode. */
      outboxId: string | undefined;
    }
  | { status: 'duplicate'; caseNo: string; result: CaseMutationResult; receipt: Receipt; outboxId: string | undefined }
  | { status: 'queued'; caseNo: string; outboxId: string; idempotencyKey: string };

/** Input of `cases.withdraw` (撤件). */
export interface WithdrawInput {
  /** The case's current version + 1. */
  version: number;
  /** Why the applicant withdraws. */
  reason: string;
  /** When; default now. */
  occurredAt?: string;
}

/** 办件 operations. */
export interface CasesResource {
  /**
   * Submit a case (统一受理 申报). In durable mode it is written to the outbox first.
   * @param input - the case; `caseNo` is yours and stable.
   * @param options - Idempotency-Key, signal.
   * @returns sent / duplicate / queued.
   * @throws ExchangeValidationError `ERR_EXCHANGE_REQUEST_INVALID` (nothing sent), ExchangeHttpError for rejections,
   *   transport codes (direct mode only), `ERR_EXCHANGE_RECEIPT_INVALID`, `ERR_EXCHANGE_OUTBOX_FAILED`.
   */
  submit(input: CaseInputInput, options?: WriteOptions): Promise<CaseWriteResult>;
  /**
   * One case.
   * @param caseNo - the case number.
   * @param options - signal.
   * @returns the case with its events.
   * @throws ExchangeHttpError `ERR_EXCHANGE_NOT_FOUND`.
   */
  get(caseNo: string, options?: ReadOptions): Promise<Case>;
  /**
   * Cases, filtered, as an async iterable.
   * @param query - status, updatedSince, page size.
   * @returns lazily paged cases.
   */
  list(query?: Partial<CaseListQuery>, options?: ReadOptions): PageIterable<Case>;
  /**
   * The event log of a case.
   * @param caseNo - the case number.
   * @returns events, oldest first.
   */
  events(caseNo: string, options?: ReadOptions): Promise<CaseEvent[]>;
  /**
   * Record a stage change (过程信息). Never sent before the case's earlier operations in durable mode.
   * @param caseNo - the case number.
   * @param event - `version` must be current + 1.
   * @throws ExchangeHttpError `ERR_EXCHANGE_BUSINESS_RULE` (`VERSION_CONFLICT`, `TRANSITION_NOT_ALLOWED`).
   */
  addEvent(caseNo: string, event: CaseEventInput, options?: WriteOptions): Promise<CaseWriteResult>;
  /**
   * Complete a case (办结). `fee` is required for `issued`.
   * @param caseNo - the case number.
   * @param completion - result and details.
   */
  complete(caseNo: string, completion: CompletionInputInput, options?: WriteOptions): Promise<CaseWriteResult>;
  /**
   * Withdraw a case (撤件): an event to status `withdrawn`.
   * @param caseNo - the case number.
   * @param input - version and reason.
   */
  withdraw(caseNo: string, input: WithdrawInput, options?: WriteOptions): Promise<CaseWriteResult>;
}

const WithdrawInputSchema = z.object({
  version: z.number().int().min(2),
  reason: z.string().trim().min(1).max(2000),
  occurredAt: TimestampSchema.optional(),
});

function toCaseResult(caseNo: string, outcome: AnyWriteOutcome): CaseWriteResult {
  const outboxId = 'record' in outcome ? outcome.record.id : undefined;
  if (outcome.kind === 'queued') {
    return { status: 'queued', caseNo, outboxId: outcome.record.id, idempotencyKey: outcome.record.idempotencyKey };
  }
  const result = outcome.data as CaseMutationResult;
  const receipt = outcome.receipt as Receipt;
  if (outcome.kind === 'duplicate') return { status: 'duplicate', caseNo, result, receipt, outboxId };
  return { status: 'sent', caseNo, result, receipt, requestId: outcome.requestId, outboxId };
}

function nowInChina(now: Date): string {
  return `${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export function createCasesResource(context: ResourceContext, now: () => Date): CasesResource {
  const write = async (
    operation: string,
    caseNo: string,
    path: string,
    body: unknown,
    version: number,
    options: WriteOptions = {},
  ) =>
    toCaseResult(
      caseNo,
      await performWrite(context, { operation, method: 'POST', path, body, orderingKey: caseNo, version }, options),
    );
  const get = (caseNo: string, options?: ReadOptions) =>
    getData(context, 'cases.get', `cases/${segment(caseNo, 'caseNo', 'cases.get')}`, CaseSchema, options);
  const addEvent = async (caseNo: string, event: CaseEventInput, options?: WriteOptions) => {
    const body = parseInput(CaseEventInputSchema, event, 'cases.addEvent');
    return write(
      'cases.addEvent',
      caseNo,
      `cases/${segment(caseNo, 'caseNo', 'cases.addEvent')}/events`,
      body,
      body.version,
      options,
    );
  };
  return {
    async submit(input, options) {
      const body = parseInput(CaseInputSchema, input, 'cases.submit');
      return write('cases.submit', body.caseNo, 'cases', body, body.version, options);
    },
    get,
    list(query = {}, options) {
      return paginate(
        context,
        'cases.list',
        'cases',
        () => ({ ...parseInput(CaseListQuerySchema.partial(), query, 'cases.list') }),
        CaseSchema,
        options,
      );
    },
    async events(caseNo, options) {
      return (await get(caseNo, options)).events;
    },
    addEvent,
    async complete(caseNo, completion, options) {
      const body = parseInput(CompletionInputSchema, completion, 'cases.complete');
      return write(
        'cases.complete',
        caseNo,
        `cases/${segment(caseNo, 'caseNo', 'cases.complete')}/completion`,
        body,
        body.version,
        options,
      );
    },
    async withdraw(caseNo, input, options) {
      const parsed = parseInput(WithdrawInputSchema, input, 'cases.withdraw');
      return addEvent(
        caseNo,
        {
          version: parsed.version,
          status: 'withdrawn',
          occurredAt: parsed.occurredAt ?? nowInChina(now()),
          opinion: parsed.reason,
        },
        options,
      );
    },
  };
}
