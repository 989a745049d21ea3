/**
 * A typed client for the provincial integrated platform (省一体化平台): signed requests, retries with idempotency,
 * zod-validated responses, verified receipts and a durable outbox. Also the wire schemas and request-signing code of
 * the normalized exchange API, shared with `@zwfw/platform-simulator`.
 *
 * Exported from `@zwfw/exchange-client`.
 *
 * @module
 */
export {
  createExchangeClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOTAL_TIMEOUT_MS,
} from './create-exchange-client';
export type { ClientIdentity, ExchangeClient, ExchangeClientOptions, RetryOptions } from './create-exchange-client';
export {
  ExchangeError,
  ExchangeHttpError,
  ExchangeValidationError,
  isExchangeError,
  isExchangeHttpError,
} from './errors';
export type {
  ExchangeErrorCode,
  ExchangeErrorOptions,
  ExchangeHttpErrorCode,
  ExchangeHttpErrorDetails,
  ExchangeValidationErrorCode,
  ValidationSide,
} from './errors';
export type {
  DeadState,
  ExchangeHooks,
  ExchangeLogger,
  QueuedState,
  RequestState,
  ResponseState,
  RetryState,
} from './hooks';
export { createMemoryOutboxStore } from './outbox/create-memory-outbox-store';
export type { DrainOptions, DrainResult, ExchangeOutbox, FlushResult, OutboxRelayOptions } from './outbox/outbox';
export type {
  NewOutboxRecord,
  OutboxListFilter,
  OutboxRecord,
  OutboxRecordPatch,
  OutboxState,
  OutboxStore,
} from './outbox/outbox-store';
export type { CasesResource, CaseWriteResult, WithdrawInput } from './resources/cases';
export type { CertificatesResource, DownloadedCertificate } from './resources/certificates';
export type { EvaluationsResource, WriteResult } from './resources/evaluations';
export type { ItemSyncResult, ItemsResource, ItemValidation } from './resources/items';
export type { AppointmentsResource, PreAcceptancesResource } from './resources/services';
export type { PageIterable, ReadOptions, WriteOptions } from './resources/shared';
export type { SharingResource } from './resources/sharing';
export { DEFAULT_RECEIPT_ALGORITHMS, verifyReceipt } from './verify-receipt';
export type { Receipt, ReceiptExpectation, ReceiptKey, VerifyReceiptOptions } from './verify-receipt';
export {
  TimestampSchema,
  RegionCodeSchema,
  CaseNoSchema,
  UseCauseSchema,
  DepartmentSchema,
  ApplicantTypeSchema,
  PartySchema,
  PageQuerySchema,
  createPageSchema,
} from './wire/common';
export type { Department, ApplicantType, Party, PageQuery, Page } from './wire/common';
export {
  PLATFORM_ERROR_STATUS,
  PLATFORM_SUCCESS_CODE,
  EnvelopeSchema,
  createEnvelopeSchema,
  HealthSchema,
  ClockSkewDataSchema,
} from './wire/envelope';
export type { PlatformErrorCode, Envelope, Health, ClockSkewData } from './wire/envelope';
export { ItemRecordSchema, ItemQuerySchema } from './wire/items';
export type { ItemRecord, ItemQuery } from './wire/items';
export {
  CaseKindSchema,
  CaseChannelSchema,
  CaseMaterialSchema,
  CaseInputSchema,
  CaseStatusSchema,
  CASE_STATUS_TRANSITIONS,
  CaseEventInputSchema,
  CaseEventSchema,
  COMPLETION_RESULT_CODES,
  CompletionResultSchema,
  CompletionInputSchema,
  CaseSchema,
  CaseListQuerySchema,
  CaseMutationResultSchema,
  CaseExistsDataSchema,
  ReceiptPayloadSchema,
} from './wire/cases';
export type {
  CaseKind,
  CaseChannel,
  CaseMaterial,
  CaseInput,
  CaseInputInput,
  CaseStatus,
  CaseEventInput,
  CaseEvent,
  CompletionResult,
  CompletionInput,
  CompletionInputInput,
  Case,
  CaseListQuery,
  CaseMutationResult,
  ReceiptPayload,
} from './wire/cases';
export {
  PreAcceptanceInputSchema,
  PreAcceptanceDecisionInputSchema,
  PreAcceptanceSchema,
  AppointmentSlotQuerySchema,
  AppointmentSlotSchema,
  AppointmentInputSchema,
  AppointmentSchema,
} from './wire/services';
export type {
  PreAcceptanceInput,
  PreAcceptanceDecisionInput,
  PreAcceptance,
  AppointmentSlotQuery,
  AppointmentSlot,
  AppointmentInput,
  Appointment,
} from './wire/services';
export {
  HolderTypeSchema,
  CertificateQuerySchema,
  CertificateStatusSchema,
  CertificateRecordSchema,
  CertificateFileSchema,
  CertificateVerifyInputSchema,
  CertificateVerificationSchema,
} from './wire/certificates';
export type {
  HolderType,
  CertificateQuery,
  CertificateStatus,
  CertificateRecord,
  CertificateFile,
  CertificateVerifyInput,
  CertificateVerification,
} from './wire/certificates';
export { ShareTypeSchema, DataResourceSchema, DataQueryInputSchema, DataQueryResultSchema } from './wire/sharing';
export type { ShareType, DataResource, DataQueryInput, DataQueryResult } from './wire/sharing';
export {
  EvaluationServiceInputSchema,
  EvaluationServiceSchema,
  EvaluationInputSchema,
  EvaluationSchema,
} from './wire/evaluations';
export type {
  EvaluationServiceInput,
  EvaluationService,
  EvaluationInput,
  EvaluationInputInput,
  Evaluation,
} from './wire/evaluations';
export type { MessageLog, MessageLogEntry } from './message-log';
export { normalizedCodec } from './codec';
export type { ExchangeCodec, NormalizedRequest, NormalizedResponse, WireRequest, WireResponse } from './codec';
export { EXCHANGE_HEADERS, SIGNATURE_METHODS } from './signing/headers';
export type { SigningAlgorithm } from './signing/headers';
export { canonicalizeQuery, createCanonicalRequest, EMPTY_BODY_SHA256, sha256Hex } from './signing/canonical-request';
export type { CanonicalRequestParts } from './signing/canonical-request';
export { sm3, hmacSm3 } from './signing/sm3';
export { computeSignature, createHmacSigner, verifyRequestSignature } from './signing/request-signer';
export type {
  SigningInput,
  RequestSigner,
  HmacSignerOptions,
  ReceivedRequest,
  SignatureFailureReason,
  SignatureCheck,
} from './signing/request-signer';
