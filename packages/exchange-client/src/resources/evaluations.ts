import {
  type Evaluation,
  type EvaluationInputInput,
  EvaluationInputSchema,
  type EvaluationService,
  type EvaluationServiceInput,
  EvaluationServiceInputSchema,
} from '../wire/evaluations';
import { type AnyWriteOutcome, parseInput, performWrite, type ResourceContext, type WriteOptions } from './shared';

/**
 * Result of a durable-capable write other than cases: `sent` with the platform's record, `duplicate` when the
 * platform already held it under its natural key (`DUPLICATE_SERVICE` / `DUPLICATE_EVALUATION`), or `queued`.
 */
export type WriteResult<T> =
  | { status: 'sent'; data: T; requestId: string; outboxId: string | undefined }
  | { status: 'duplicate'; platformCode: string; outboxId: string | undefined }
  | { status: 'queued'; outboxId: string; idempotencyKey: string };

/** 好差评: register a service, then submit its evaluation. */
export interface EvaluationsResource {
  /**
   * Register a service (addEvaluateService). Natural key: caseNo + serviceNumber.
   * @param service - the service.
   * @returns sent / duplicate / queued.
   * @throws ExchangeValidationError `ERR_EXCHANGE_REQUEST_INVALID`; ExchangeHttpError on rejection.
   */
  registerService(service: EvaluationServiceInput, options?: WriteOptions): Promise<WriteResult<EvaluationService>>;
  /**
   * Submit an evaluation (satisfaction ≤ 2 needs details or text). Natural key: caseNo + assessNumber. In durable
   * mode it is never sent before the service registration of the same case.
   * @param evaluation - the evaluation.
   * @returns sent / duplicate / queued.
   */
  submit(evaluation: EvaluationInputInput, options?: WriteOptions): Promise<WriteResult<Evaluation>>;
}

function toWriteResult<T>(outcome: AnyWriteOutcome): WriteResult<T> {
  const outboxId = 'record' in outcome ? outcome.record.id : undefined;
  if (outcome.kind === 'queued')
    return { status: 'queued', outboxId: outcome.record.id, idempotencyKey: outcome.record.idempotencyKey };
  if (outcome.kind === 'duplicate')
    return { status: 'duplicate', platformCode: outcome.error.platformCode ?? '', outboxId };
  return { status: 'sent', data: outcome.data as T, requestId: outcome.requestId, outboxId };
}

export function createEvaluationsResource(context: ResourceContext): EvaluationsResource {
  // Ordered with the other operations of the case: an evaluation never overtakes its service registration.
  const write = async <T>(operation: string, path: string, body: { caseNo: string }, options: WriteOptions = {}) =>
    toWriteResult<T>(
      await performWrite(
        context,
        { operation, method: 'POST', path, body, orderingKey: body.caseNo, version: null },
        options,
      ),
    );
  return {
    async registerService(service, options) {
      const body = parseInput(EvaluationServiceInputSchema, service, 'evaluations.registerService');
      return write<EvaluationService>('evaluations.registerService', 'evaluation-services', body, options);
    },
    async submit(evaluation, options) {
      const body = parseInput(EvaluationInputSchema, evaluation, 'evaluations.submit');
      return write<Evaluation>('evaluations.submit', 'evaluations', body, options);
    },
  };
}
