import { z } from 'zod';
import { CaseNoSchema, DepartmentSchema, PartySchema, RegionCodeSchema, TimestampSchema } from './common';

/** 办件类型 (INFOTYPE): 即办件, 承诺件, 联办件, 上报件. */
export const CaseKindSchema = z.enum(['immediate', 'promised', 'joint', 'reported']);
/** See {@link CaseKindSchema}. */
export type CaseKind = z.output<typeof CaseKindSchema>;

/** 申报渠道 (APPLYFROM): 网上, 窗口, 其它. */
export const CaseChannelSchema = z.enum(['online', 'window', 'other']);
/** See {@link CaseChannelSchema}. */
export type CaseChannel = z.output<typeof CaseChannelSchema>;

/** One material (申请材料) of a case. */
export const CaseMaterialSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  /** 纸质 / 电子 (WJLX). */
  form: z.enum(['paper', 'electronic']),
  /** 原件 / 复印件 / 电子件 (CLLX). */
  copy: z.enum(['original', 'copy', 'electronic']),
  count: z.number().int().min(1).max(999),
  /** E-certificate identifier when the material is an e-certificate (`1.2.156.3005.2.…`). */
  certificateId: z.string().min(1).max(128).optional(),
});
/** See {@link CaseMaterialSchema}. */
export type CaseMaterial = z.output<typeof CaseMaterialSchema>;

/** Body of `POST /cases` (统一受理 申报). `caseNo` is client-generated and stable across retries. */
export const CaseInputSchema = z.object({
  caseNo: CaseNoSchema,
  /** DATAVER: 1 for a new case. */
  version: z.number().int().min(1).default(1),
  queryPassword: z.string().min(1).max(64).optional(),
  /** 实施编码 of the item. */
  itemCode: z.string().min(1).max(64),
  itemVersion: z.number().int().min(1).optional(),
  projectName: z.string().min(1).max(500),
  kind: CaseKindSchema,
  channel: CaseChannelSchema,
  regionCode: RegionCodeSchema,
  applicant: PartySchema,
  agent: PartySchema.optional(),
  acceptDepartment: DepartmentSchema,
  materials: z.array(CaseMaterialSchema).max(200).default([]),
  /** BUS_MODE: 00 普通, 01 快递送达, 99 其他. */
  deliveryMode: z.enum(['00', '01', '99']).default('00'),
  relatedCaseNo: CaseNoSchema.optional(),
  submittedAt: TimestampSchema,
});
/** A validated case submission (defaults applied). */
export type CaseInput = z.output<typeof CaseInputSchema>;
/** What callers pass to `cases.submit` (defaults optional). */
export type CaseInputInput = z.input<typeof CaseInputSchema>;

/** 办件状态. `withdrawn` (撤件) is reached through an event, as every other stage change. */
export const CaseStatusSchema = z.enum([
  'submitted',
  'preAccepted',
  'accepted',
  'rejected',
  'supplementRequested',
  'supplementAccepted',
  'undertaken',
  'reviewed',
  'approved',
  'returned',
  'specialProcedure',
  'completed',
  'certificateCollected',
  'withdrawn',
]);
/** See {@link CaseStatusSchema}. */
export type CaseStatus = z.output<typeof CaseStatusSchema>;

/**
 * Allowed status transitions (from → to). Events may only move a case along these edges; `completed` is reached
 * through `POST /cases/{caseNo}/completion`, not through an event.
 */
export const CASE_STATUS_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  submitted: ['preAccepted', 'accepted', 'rejected', 'supplementRequested', 'withdrawn'],
  preAccepted: ['accepted', 'rejected', 'supplementRequested', 'withdrawn'],
  supplementRequested: ['supplementAccepted', 'rejected', 'withdrawn'],
  supplementAccepted: ['accepted', 'rejected', 'supplementRequested', 'withdrawn'],
  accepted: ['undertaken', 'specialProcedure', 'withdrawn', 'completed'],
  undertaken: ['reviewed', 'returned', 'specialProcedure', 'withdrawn', 'completed'],
  reviewed: ['approved', 'returned', 'specialProcedure', 'completed'],
  approved: ['completed'],
  returned: ['undertaken', 'completed'],
  specialProcedure: ['undertaken', 'reviewed', 'approved'],
  completed: ['certificateCollected'],
  rejected: [],
  certificateCollected: [],
  withdrawn: [],
};

/** Body of `POST /cases/{caseNo}/events` (过程信息). `version` must be the case's current version + 1. */
export const CaseEventInputSchema = z.object({
  version: z.number().int().min(2),
  status: CaseStatusSchema.exclude(['submitted', 'completed']),
  occurredAt: TimestampSchema,
  handler: z.object({ name: z.string().min(1).max(100), department: DepartmentSchema.optional() }).optional(),
  opinion: z.string().max(2000).optional(),
});
/** See {@link CaseEventInputSchema}. */
export type CaseEventInput = z.output<typeof CaseEventInputSchema>;

/** A recorded case event (including the initial `submitted` and the final `completed`). */
export const CaseEventSchema = z.object({
  caseNo: CaseNoSchema,
  version: z.number().int().min(1),
  status: CaseStatusSchema,
  occurredAt: TimestampSchema,
  recordedAt: TimestampSchema,
  handler: CaseEventInputSchema.shape.handler,
  opinion: z.string().optional(),
});
/** See {@link CaseEventSchema}. */
export type CaseEvent = z.output<typeof CaseEventSchema>;

/** 办结结果 names and their BJJGDM codes. */
export const COMPLETION_RESULT_CODES = {
  issued: '0',
  returnedEnd: '1',
  voided: '2',
  deleted: '3',
  transferred: '4',
  supplementAbandoned: '5',
  done: '6',
} as const;

/** 办结结果: 出证办结, 退回办结, 作废办结, 删除办结, 转报办结, 补正不来办结, 办结. */
export const CompletionResultSchema = z.enum([
  'issued',
  'returnedEnd',
  'voided',
  'deleted',
  'transferred',
  'supplementAbandoned',
  'done',
]);
/** See {@link CompletionResultSchema}. */
export type CompletionResult = z.output<typeof CompletionResultSchema>;

/** Body of `POST /cases/{caseNo}/completion` (办结). `fee` is required when `result` is `issued` (SFJE). */
export const CompletionInputSchema = z
  .object({
    version: z.number().int().min(2),
    result: CompletionResultSchema,
    description: z.string().max(2000).optional(),
    certificate: z
      .object({
        number: z.string().min(1).max(128),
        validUntil: z.iso.date().optional(),
        issuer: z.string().min(1).max(200),
      })
      .optional(),
    /** 收费金额 in yuan (0 when free). */
    fee: z.object({ amount: z.number().min(0), currency: z.literal('CNY').default('CNY') }).optional(),
    completedAt: TimestampSchema,
  })
  .superRefine((value, context) => {
    if (value.result === 'issued' && value.fee === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['fee'],
        message: 'fee is required when result is "issued" (出证办结 needs 收费金额; use amount 0 when free)',
      });
    }
  });
/** See {@link CompletionInputSchema}. */
export type CompletionInput = z.output<typeof CompletionInputSchema>;
/** What callers pass to `cases.complete`. */
export type CompletionInputInput = z.input<typeof CompletionInputSchema>;

/** A case as the platform holds it (`GET /cases/{caseNo}`, list items). */
export const CaseSchema = CaseInputSchema.extend({
  platformId: z.string().min(1),
  status: CaseStatusSchema,
  acceptedAt: TimestampSchema,
  updatedAt: TimestampSchema,
  events: z.array(CaseEventSchema),
  completion: CompletionInputSchema.optional(),
});
/** See {@link CaseSchema}. */
export type Case = z.output<typeof CaseSchema>;

/** Query of `GET /cases`. */
export const CaseListQuerySchema = z.object({
  status: CaseStatusSchema.optional(),
  updatedSince: TimestampSchema.optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** See {@link CaseListQuerySchema}. */
export type CaseListQuery = z.output<typeof CaseListQuerySchema>;

/**
 * `data` of a successful `POST /cases`, `POST /cases/{caseNo}/events` and `POST /cases/{caseNo}/completion`:
 * the new state and a JWS receipt whose payload is a {@link ReceiptPayload}.
 */
export const CaseMutationResultSchema = z.object({
  caseNo: CaseNoSchema,
  platformId: z.string().min(1),
  version: z.number().int().min(1),
  status: CaseStatusSchema,
  acceptedAt: TimestampSchema,
  receipt: z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'expected a compact JWS'),
});
/** See {@link CaseMutationResultSchema}. */
export type CaseMutationResult = z.output<typeof CaseMutationResultSchema>;

/** `data` of a `CASE_EXISTS` error: the original submission's result. */
export const CaseExistsDataSchema = z.object({ original: CaseMutationResultSchema });

/**
 * Payload of the platform's JWS receipt (ES256 or EdDSA): the platform accepted `caseNo` at `version` at
 * `acceptedAt`, for a request body whose SHA-256 (lowercase hex) is `payloadSha256`.
 */
export const ReceiptPayloadSchema = z.object({
  caseNo: CaseNoSchema,
  version: z.number().int().min(1),
  acceptedAt: TimestampSchema,
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected lowercase hex SHA-256'),
});
/** See {@link ReceiptPayloadSchema}. */
export type ReceiptPayload = z.output<typeof ReceiptPayloadSchema>;
