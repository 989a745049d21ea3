import { z } from 'zod';
import { CertificateStateSchema, CertificateStatusChangeSchema } from './certificate-state';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `YYYY-MM-DD` calendar date that exists (rejects 2025-02-30).
 *
 * @example
 * ```ts
 * CalendarDateSchema.safeParse('2025-02-30').success; // false
 * ```
 */
export const CalendarDateSchema = z
  .string()
  .regex(DATE, 'expected a date YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'not a calendar date');

/**
 * 持证主体代码类型 (GB/T 36903 Appendix A): `111` 公民身份号码, `001` 统一社会信用代码; other codes of the appendix are
 * accepted as three digits (the full list was not available, certificate.md §10).
 *
 * @example
 * ```ts
 * HolderCodeTypeSchema.parse('111'); // 公民身份号码
 * ```
 */
export const HolderCodeTypeSchema = z
  .string()
  .regex(/^\d{3}$/, 'expected a 3-digit holder code type such as 111 or 001');

/**
 * Zod schema of a certificate record (one row of the 电子证照库).
 *
 * @example
 * ```ts
 * const record = CertificateRecordSchema.parse(JSON.parse(json)); // throws a ZodError on bad input
 * ```
 */
export const CertificateRecordSchema = z.object({
  /** 证照标识 (GB/T 36904). */
  identifier: z.string().min(1),
  /** 证照类型代码. */
  typeCode: z.string().regex(/^[0-9A-Z]{1,64}$/, 'expected 0-9A-Z'),
  /** 证照名称, e.g. 营业执照. */
  name: z.string().min(1).max(100),
  /** 证照编号: the printed number (≠ identifier). */
  number: z.string().min(1).max(64),
  /** 持证主体. */
  holder: z.object({
    /** 持证主体名称 (person or organisation). */
    name: z.string().min(1).max(200),
    /** 持证主体代码: ID number or USCC. Personal data: never logged in clear. */
    code: z.string().min(1).max(64),
    /** 持证主体代码类型: 111 身份证, 001 统一社会信用代码, … */
    codeType: HolderCodeTypeSchema,
  }),
  /** 证照颁发机构. */
  issuer: z.object({
    /** 颁发机构名称. */
    name: z.string().min(1).max(200),
    /** 颁发机构统一社会信用代码. */
    uscc: z.string().regex(/^[0-9A-Z]{18}$/, 'expected an 18-character USCC'),
  }),
  /** 颁发日期 YYYY-MM-DD. */
  issueDate: CalendarDateSchema,
  /** 有效期起始 YYYY-MM-DD. */
  validFrom: CalendarDateSchema,
  /** 有效期截止 YYYY-MM-DD; absent = 长期. */
  validUntil: CalendarDateSchema.optional(),
  /** 所属管辖属地编码 (GB/T 2260, 6 digits). */
  areaCode: z
    .string()
    .regex(/^\d{6}$/, 'expected a 6-digit GB/T 2260 code')
    .optional(),
  /** 照面信息: face field values keyed by the type's field keys. */
  face: z.record(z.string(), z.string()),
  /** 版本号, three digits; equals the identifier's version segment. */
  version: z.string().regex(/^\d{3}$/, 'expected three digits such as 001'),
  /** 证照状态. */
  state: CertificateStateSchema,
  /** Status history, oldest first. */
  history: z.array(CertificateStatusChangeSchema).default([]),
  /** 关联证照标识: the record this one renews or replaces. */
  previousIdentifier: z.string().optional(),
});

/** A certificate record (output of {@link CertificateRecordSchema}). */
export type CertificateRecord = z.output<typeof CertificateRecordSchema>;
/** Input accepted by {@link CertificateRecordSchema} (`history` may be omitted). */
export type CertificateRecordInput = z.input<typeof CertificateRecordSchema>;

/**
 * Whether `value` has the shape of a {@link CertificateRecord} (schema only; use `validateCertificateRecord` to
 * check it against its type).
 *
 * @param value - any value.
 * @returns `true` when the schema accepts it.
 * @example
 * ```ts
 * if (isCertificateRecord(json)) console.log(json.identifier);
 * ```
 */
export function isCertificateRecord(value: unknown): value is CertificateRecord {
  return CertificateRecordSchema.safeParse(value).success;
}
