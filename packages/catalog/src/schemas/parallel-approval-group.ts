import { z } from 'zod';
import { DivisionCodeSchema, ImplementationCodeSchema, TimeLimitSchema, UsccSchema } from './implementation-item';

/**
 * A parallel-approval group (并联审批 / "一件事" bundle): implementation items handled together under a lead body, e.g.
 * 投资项目报建 across 发改, 规划, 国土, 环保 and 消防.
 *
 * @example
 * ```ts
 * ParallelApprovalGroupSchema.parse({ id: 'hy-tzxm', name: '投资项目报建并联审批', leadBody: '11430400MB1234567X',
 *   items: [codeA, codeB] });
 * ```
 */
export const ParallelApprovalGroupSchema = z.looseObject({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  leadBody: UsccSchema,
  items: z.array(ImplementationCodeSchema).min(2),
  investmentProjectCode: z.string().optional(),
  division: DivisionCodeSchema.optional(),
  promisedLimit: TimeLimitSchema.optional(),
  extensions: z.record(z.string(), z.unknown()).optional(),
});
/** A parallel-approval group after parsing. */
export type ParallelApprovalGroup = z.output<typeof ParallelApprovalGroupSchema>;
/** A parallel-approval group as accepted by {@link ParallelApprovalGroupSchema}. */
export type ParallelApprovalGroupInput = z.input<typeof ParallelApprovalGroupSchema>;

/**
 * Whether `value` has the structure of a {@link ParallelApprovalGroup}.
 *
 * @param value - any value.
 * @returns `true` when {@link ParallelApprovalGroupSchema} accepts it.
 * @example
 * ```ts
 * isParallelApprovalGroup({ id: 'x' }); // false
 * ```
 */
export function isParallelApprovalGroup(value: unknown): value is ParallelApprovalGroup {
  return ParallelApprovalGroupSchema.safeParse(value).success;
}
