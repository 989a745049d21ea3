import { z } from 'zod';
import { CaseNoSchema, DepartmentSchema, RegionCodeSchema, TimestampSchema } from './common';

/** Body of `POST /evaluation-services` (addEvaluateService): register a service before it can be evaluated. */
export const EvaluationServiceInputSchema = z.object({
  caseNo: CaseNoSchema,
  /** Natural key with `caseNo`: a second registration is `DUPLICATE_SERVICE`. */
  serviceNumber: z.string().min(1).max(64),
  itemCode: z.string().min(1).max(64),
  itemName: z.string().min(1).max(500),
  department: DepartmentSchema,
  regionCode: RegionCodeSchema,
  /** proChannel: 线上 / 线下. */
  channel: z.enum(['online', 'offline']),
  /** userProp: 1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人, 5 非法人企业, 6 行政机关, 9 其他组织. */
  userType: z.enum(['1', '2', '3', '4', '5', '6', '9']),
  userName: z.string().min(1).max(200),
  /** creditNum (ID number or USCC): personal data, masked in logs. */
  userIdNumber: z.string().min(1).max(64),
  mobile: z.string().max(32).optional(),
  acceptedAt: TimestampSchema,
  promisedLimit: z.object({ value: z.number().int().min(0), unit: z.enum(['day', 'workday', 'month', 'year']) }),
  serviceTime: TimestampSchema,
});
/** See {@link EvaluationServiceInputSchema}. */
export type EvaluationServiceInput = z.output<typeof EvaluationServiceInputSchema>;

/** A registered evaluation service. */
export const EvaluationServiceSchema = EvaluationServiceInputSchema.extend({ registeredAt: TimestampSchema });
/** See {@link EvaluationServiceSchema}. */
export type EvaluationService = z.output<typeof EvaluationServiceSchema>;

/**
 * Body of `POST /evaluations` (submitTemp). satisfaction as in the national feed: 5 非常满意, 4 满意, 3 基本满意,
 * 2 不满意, 1 非常不满意; 2 or less needs `details` or `text`.
 */
export const EvaluationInputSchema = z
  .object({
    caseNo: CaseNoSchema,
    serviceNumber: z.string().min(1).max(64),
    /** Natural key with `caseNo`: a second evaluation is `DUPLICATE_EVALUATION`. */
    assessNumber: z.string().min(1).max(64),
    /** pf 评价渠道 (e.g. `pc`, `app`, `window`, `sms`). */
    channel: z.string().min(1).max(16),
    satisfaction: z.number().int().min(1).max(5),
    details: z.array(z.string().min(1).max(64)).max(20).default([]),
    text: z.string().max(2000).optional(),
    evaluatedAt: TimestampSchema,
  })
  .superRefine((value, context) => {
    if (value.satisfaction <= 2 && value.details.length === 0 && !value.text?.trim()) {
      context.addIssue({
        code: 'custom',
        path: ['details'],
        message: 'a 差评 (satisfaction 1 or 2) needs details or text explaining it',
      });
    }
  });
/** See {@link EvaluationInputSchema}. */
export type EvaluationInput = z.output<typeof EvaluationInputSchema>;
/** What callers pass to `evaluations.submit`. */
export type EvaluationInputInput = z.input<typeof EvaluationInputSchema>;

/** A recorded evaluation; `grade`: 好评 (4–5), 中评 (3), 差评 (1–2). */
export const EvaluationSchema = EvaluationInputSchema.safeExtend({
  grade: z.enum(['good', 'average', 'bad']),
  receivedAt: TimestampSchema,
});
/** See {@link EvaluationSchema}. */
export type Evaluation = z.output<typeof EvaluationSchema>;
