import { z } from 'zod';

/** ISO 8601 date-time with an offset (`2026-05-01T09:30:00+08:00`; `Z` is accepted too). */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** A 12-digit administrative region code (行政区划代码, padded with zeros: `430400000000`). */
export const RegionCodeSchema = z.string().regex(/^\d{12}$/, 'expected a 12-digit region code such as 430400000000');

/** A client-generated case number (申办流水号 / PROJID): letters, digits, `-` and `_`, at most 64 characters. */
export const CaseNoSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    'expected 1–64 letters, digits, "-" or "_" (start with a letter or digit)',
  );

/** Purpose of a data pull (用证事由 / 申请事由): required on certificate and shared-data queries, at most 200 characters. */
export const UseCauseSchema = z.string().trim().min(1, 'useCause (用证事由) is required').max(200);

/** A department: its code (usually the USCC) and name. */
export const DepartmentSchema = z.object({ code: z.string().min(1).max(64), name: z.string().min(1).max(200) });
/** A department, see {@link DepartmentSchema}. */
export type Department = z.output<typeof DepartmentSchema>;

/** Person or organisation types of an applicant: 个人 / 企业 / 非企业组织 (APPLY_TYPE 0/1/2). */
export const ApplicantTypeSchema = z.enum(['person', 'enterprise', 'nonEnterprise']);
/** See {@link ApplicantTypeSchema}. */
export type ApplicantType = z.output<typeof ApplicantTypeSchema>;

/**
 * A party (applicant, agent, booker). `idType` follows GB/T 36903 holder types (`111` 公民身份号码, `001` 统一社会信用代码,
 * others as strings). `idNumber` and `phone` are personal data: the client masks them in logs and errors.
 */
export const PartySchema = z.object({
  type: ApplicantTypeSchema,
  name: z.string().min(1).max(200),
  idType: z.string().min(1).max(8),
  idNumber: z.string().min(1).max(64),
  legalPerson: z.string().max(200).optional(),
  phone: z.string().max(32).optional(),
});
/** See {@link PartySchema}. */
export type Party = z.output<typeof PartySchema>;

/** Query of every list endpoint: `?cursor=&limit=`. */
export const PageQuerySchema = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** See {@link PageQuerySchema}. */
export type PageQuery = z.output<typeof PageQuerySchema>;

/** A page of a list: `{ items, nextCursor }`; `nextCursor` is `null` on the last page. */
export interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** Pass as `cursor` to get the next page; `null` when this is the last one. */
  nextCursor: string | null;
}

/**
 * Build the schema of a page of `item`.
 *
 * @param item - the schema of one list element.
 * @returns a zod schema of `{ items: item[], nextCursor: string | null }`.
 * @example
 * ```ts
 * const CasePageSchema = createPageSchema(CaseSchema);
 * ```
 */
export function createPageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().min(1).nullable() });
}
