import { z } from 'zod';
import { BasicItemSchema } from './basic-item';
import { DivisionCodeSchema, ImplementationItemSchema, ImplementingBodySchema } from './implementation-item';
import { ParallelApprovalGroupSchema } from './parallel-approval-group';

/**
 * The canonical JSON file of a catalog: metadata, the basic directory, the implementation items, the implementing
 * bodies and the parallel-approval groups (the shape of `fixtures/catalog/hengyang-catalog.json`).
 *
 * @example
 * ```ts
 * const document = CatalogDocumentSchema.parse(JSON.parse(text));
 * document.items.length;
 * ```
 */
export const CatalogDocumentSchema = z.looseObject({
  meta: z.looseObject({
    name: z.string().min(1),
    division: DivisionCodeSchema.optional(),
    version: z.string().optional(),
    synthetic: z.boolean().optional(),
    source: z.string().optional(),
  }),
  bodies: z.array(ImplementingBodySchema).default([]),
  basicItems: z.array(BasicItemSchema).default([]),
  items: z.array(ImplementationItemSchema),
  parallelGroups: z.array(ParallelApprovalGroupSchema).default([]),
});
/** A catalog document after parsing. */
export type CatalogDocument = z.output<typeof CatalogDocumentSchema>;
/** A catalog document as accepted by {@link CatalogDocumentSchema}. */
export type CatalogDocumentInput = z.input<typeof CatalogDocumentSchema>;
