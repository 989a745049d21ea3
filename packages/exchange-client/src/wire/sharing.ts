import { z } from 'zod';
import { TimestampSchema, UseCauseSchema } from './common';

/** 共享属性: 无条件共享, 有条件共享, 不予共享. */
export const ShareTypeSchema = z.enum(['unconditional', 'conditional', 'none']);
/** See {@link ShareTypeSchema}. */
export type ShareType = z.output<typeof ShareTypeSchema>;

/** A data resource of the sharing catalogue (政务信息资源目录, GB/T 21063.3 core metadata). */
export const DataResourceSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1),
  provider: z.object({ code: z.string().min(1), name: z.string().min(1) }),
  summary: z.string(),
  format: z.string().min(1),
  /** 信息项. */
  fields: z.array(z.object({ name: z.string().min(1), dataType: z.string().min(1) })),
  shareType: ShareTypeSchema,
  shareCondition: z.string().optional(),
  shareMethod: z.string().optional(),
  updateCycle: z.string().optional(),
  publishedAt: z.iso.date(),
});
/** See {@link DataResourceSchema}. */
export type DataResource = z.output<typeof DataResourceSchema>;

/** Body of `POST /catalog/resources/{code}/query`. */
export const DataQueryInputSchema = z.object({
  useCause: UseCauseSchema,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
/** See {@link DataQueryInputSchema}. */
export type DataQueryInput = z.output<typeof DataQueryInputSchema>;

/** `data` of a shared-data query. */
export const DataQueryResultSchema = z.object({
  resourceCode: z.string().min(1),
  rows: z.array(z.record(z.string(), z.unknown())),
  queriedAt: TimestampSchema,
});
/** See {@link DataQueryResultSchema}. */
export type DataQueryResult = z.output<typeof DataQueryResultSchema>;
