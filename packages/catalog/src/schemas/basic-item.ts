import { z } from 'zod';
import { ExerciseLevelSchema, ItemNodeSchema, ItemStatusSchema, ItemTypeSchema } from './enums';
import { BasicCodeSchema, LegalBasisSchema } from './implementation-item';

/**
 * An item of the basic directory (基本目录): the level-independent definition that implementation items refer to by
 * `basicCode`.
 *
 * @example
 * ```ts
 * BasicItemSchema.parse({ basicCode: '000104002000', name: '固定资产投资项目节能审查', type: '01', node: 'MAIN',
 *   exerciseLevels: ['3', '4'], legalBasis: [], status: 'ACTIVE', version: 1 });
 * ```
 */
export const BasicItemSchema = z.looseObject({
  basicCode: BasicCodeSchema,
  localBasicCode: z.string().optional(),
  name: z.string().trim().min(1),
  type: ItemTypeSchema,
  node: ItemNodeSchema,
  parentBasicCode: BasicCodeSchema.optional(),
  exerciseLevels: z.array(ExerciseLevelSchema).min(1),
  legalBasis: z.array(LegalBasisSchema).default([]),
  centralGuidingDepartment: z.string().optional(),
  status: ItemStatusSchema,
  version: z.int().positive(),
  plannedEffective: z.string().optional(),
  plannedCancel: z.string().optional(),
  extensions: z.record(z.string(), z.unknown()).optional(),
});
/** A basic-directory item after parsing. */
export type BasicItem = z.output<typeof BasicItemSchema>;
/** A basic-directory item as accepted by {@link BasicItemSchema}. */
export type BasicItemInput = z.input<typeof BasicItemSchema>;

/**
 * Whether `value` has the structure of a {@link BasicItem}.
 *
 * @param value - any value.
 * @returns `true` when {@link BasicItemSchema} accepts it.
 * @example
 * ```ts
 * isBasicItem({}); // false
 * ```
 */
export function isBasicItem(value: unknown): value is BasicItem {
  return BasicItemSchema.safeParse(value).success;
}
