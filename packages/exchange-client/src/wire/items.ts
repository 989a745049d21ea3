import { z } from 'zod';
import { RegionCodeSchema, TimestampSchema } from './common';

/**
 * An implementation item (实施清单事项) as the platform sends it (事项下发). Loosely typed for now: the wire requires the
 * identity fields below and keeps every other field of `@zwfw/catalog`'s item model untouched.
 */
export const ItemRecordSchema = z.looseObject({
  /** 实施编码. */
  implementationCode: z.string().min(1).max(64),
  name: z.string().min(1),
  version: z.number().int().min(1),
  regionCode: RegionCodeSchema,
  /** When the platform last changed the item; the cursor of incremental sync. */
  updatedAt: TimestampSchema,
  /** `active`, or `cancelled` for an item withdrawn from the catalogue (sync must remove it). */
  status: z.string().min(1),
});
/** See {@link ItemRecordSchema}. */
export type ItemRecord = z.output<typeof ItemRecordSchema>;

/** Query of `GET /items`. */
export const ItemQuerySchema = z.object({
  regionCode: RegionCodeSchema.optional(),
  updatedSince: TimestampSchema.optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** See {@link ItemQuerySchema}. */
export type ItemQuery = z.output<typeof ItemQuerySchema>;
