import { z } from 'zod';
import { UseCauseSchema } from './common';

/** Holder type (GB/T 36903): `111` 公民身份号码, `001` 统一社会信用代码. */
export const HolderTypeSchema = z.enum(['111', '001']);
/** See {@link HolderTypeSchema}. */
export type HolderType = z.output<typeof HolderTypeSchema>;

/** Query of `GET /certificates` (证照查询 by holder). `useCause` (用证事由) is mandatory. */
export const CertificateQuerySchema = z.object({
  holderCode: z.string().min(1).max(64),
  holderType: HolderTypeSchema,
  certTypeCode: z.string().min(1).max(64).optional(),
  useCause: UseCauseSchema,
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** See {@link CertificateQuerySchema}. */
export type CertificateQuery = z.output<typeof CertificateQuerySchema>;

/** Certificate status: 01 有效, 03 撤销, 04 注销, 05 失效, 06 办理转出, 07 吊销, 99 其他. */
export const CertificateStatusSchema = z.enum(['01', '03', '04', '05', '06', '07', '99']);
/** See {@link CertificateStatusSchema}. */
export type CertificateStatus = z.output<typeof CertificateStatusSchema>;

/** One e-certificate record (证照元数据). `certId` is the identifier `1.2.156.3005.2.…`. */
export const CertificateRecordSchema = z.object({
  certId: z.string().min(1).max(128),
  certTypeCode: z.string().min(1),
  certTypeName: z.string().min(1),
  certNo: z.string().min(1),
  holderName: z.string().min(1),
  holderCode: z.string().min(1),
  holderType: HolderTypeSchema,
  issuer: z.object({ code: z.string().min(1), name: z.string().min(1) }),
  issuedAt: z.iso.date(),
  validUntil: z.iso.date().nullable(),
  status: CertificateStatusSchema,
  /** 可信等级 A–D (国办函〔2016〕108号). */
  trustGrade: z.enum(['A', 'B', 'C', 'D']),
  fileFormat: z.enum(['pdf', 'ofd']),
});
/** See {@link CertificateRecordSchema}. */
export type CertificateRecord = z.output<typeof CertificateRecordSchema>;

/** `data` of `GET /certificates/{certId}/file?useCause=`: the file, base64-encoded, with its SHA-256. */
export const CertificateFileSchema = z.object({
  certId: z.string().min(1),
  fileName: z.string().min(1),
  mediaType: z.enum(['application/pdf', 'application/ofd']),
  contentBase64: z.base64(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
/** See {@link CertificateFileSchema}. */
export type CertificateFile = z.output<typeof CertificateFileSchema>;

/** Body of `POST /certificates/verify` (核验): the identifier and, optionally, the SHA-256 of a file claimed to be it. */
export const CertificateVerifyInputSchema = z.object({
  certId: z.string().min(1).max(128),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
/** See {@link CertificateVerifyInputSchema}. */
export type CertificateVerifyInput = z.output<typeof CertificateVerifyInputSchema>;

/** `data` of `POST /certificates/verify`. `valid` is true only if every applicable check passed. */
export const CertificateVerificationSchema = z.object({
  certId: z.string().min(1),
  valid: z.boolean(),
  /** The identifier's MOD 37,36 check character is correct. */
  identifierValid: z.boolean(),
  /** The platform knows the certificate. */
  found: z.boolean(),
  status: CertificateStatusSchema.nullable(),
  /** `null` when no `sha256` was sent. */
  fileMatches: z.boolean().nullable(),
});
/** See {@link CertificateVerificationSchema}. */
export type CertificateVerification = z.output<typeof CertificateVerificationSchema>;
