import { z } from 'zod';

/**
 * Platform error codes carried in the envelope's `code` (anything but `"0"`), with their HTTP status. Shared by the
 * client (to map them to {@link ExchangeErrorCode}s) and the simulator (to answer with them).
 */
export const PLATFORM_ERROR_STATUS = {
  /** Body or query failed validation (message names the field). */
  INVALID_REQUEST: 400,
  /** POST without an `Idempotency-Key` header. */
  IDEMPOTENCY_KEY_MISSING: 400,
  /** `useCause` (用证事由) missing on a certificate or shared-data query. */
  USE_CAUSE_REQUIRED: 400,
  /** Unknown app key or wrong signature (签名错误). */
  AUTHENTICATION_FAILED: 401,
  /** `X-Exchange-Timestamp` outside ±5 minutes of the platform clock. */
  CLOCK_SKEW: 401,
  /** `X-Exchange-Nonce` already used by this app key within 15 minutes. */
  REPLAY: 401,
  /** No permission (无共享权限, 不予共享 resource, conditional sharing not approved). */
  PERMISSION_DENIED: 403,
  /** Unknown path. */
  NOT_FOUND: 404,
  ITEM_NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  PRE_ACCEPTANCE_NOT_FOUND: 404,
  APPOINTMENT_NOT_FOUND: 404,
  CERTIFICATE_NOT_FOUND: 404,
  RESOURCE_NOT_FOUND: 404,
  EVALUATION_SERVICE_NOT_FOUND: 404,
  /** Same Idempotency-Key while the first request is still being processed. */
  IDEMPOTENCY_IN_PROGRESS: 409,
  /** `caseNo` already known under another Idempotency-Key; `data` is `{ original: CaseMutationResult }`. */
  CASE_EXISTS: 409,
  /** Event/completion `version` is not current + 1. */
  VERSION_CONFLICT: 409,
  /** Status transition not allowed from the case's current status. */
  TRANSITION_NOT_ALLOWED: 409,
  /** Appointment slot has no capacity left. */
  SLOT_FULL: 409,
  /** 已存在该条服务信息，请勿重复提交 (caseNo + serviceNumber). */
  DUPLICATE_SERVICE: 409,
  /** 本次服务已存在评价，请勿重复评价 (caseNo + assessNumber). */
  DUPLICATE_EVALUATION: 409,
  /** Pre-acceptance already decided. */
  ALREADY_DECIDED: 409,
  /** Body larger than the platform accepts. */
  PAYLOAD_TOO_LARGE: 413,
  /** Same Idempotency-Key, different payload hash. */
  IDEMPOTENCY_MISMATCH: 422,
  /** Too many requests; see `Retry-After`. */
  RATE_LIMITED: 429,
  /** Platform error. */
  INTERNAL: 500,
  /** Platform or gateway unavailable; see `Retry-After`. */
  UNAVAILABLE: 503,
} as const;

/** A platform error code, see {@link PLATFORM_ERROR_STATUS}. */
export type PlatformErrorCode = keyof typeof PLATFORM_ERROR_STATUS;

/** Envelope `code` of a successful response. */
export const PLATFORM_SUCCESS_CODE = '0';

/** Every response body: `{ code, message, data, requestId }`; `code` is `"0"` on success, a platform error code otherwise. */
export const EnvelopeSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  data: z.unknown(),
  requestId: z.string().min(1),
});
/** See {@link EnvelopeSchema}. */
export type Envelope = z.output<typeof EnvelopeSchema>;

/**
 * Build the schema of a successful envelope carrying `data`.
 *
 * @param data - the schema of `data`.
 * @returns a zod schema of `{ code: "0", message, data, requestId }`.
 * @example
 * ```ts
 * const parsed = createEnvelopeSchema(CaseSchema).safeParse(json);
 * ```
 */
export function createEnvelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({ code: z.literal(PLATFORM_SUCCESS_CODE), message: z.string(), data, requestId: z.string().min(1) });
}

/** `GET /health` data. */
export const HealthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime({ offset: true }) });
/** See {@link HealthSchema}. */
export type Health = z.output<typeof HealthSchema>;

/**
 * `data` of a `CLOCK_SKEW` error: the platform's clock (milliseconds since the epoch) when it rejected the request,
 * so the client can resync; also sent as the `X-Exchange-Server-Time` header (the `Date` header has only second
 * resolution).
 */
export const ClockSkewDataSchema = z.object({ serverTime: z.number().int().nonnegative() });
/** See {@link ClockSkewDataSchema}. */
export type ClockSkewData = z.output<typeof ClockSkewDataSchema>;
