// JSON Schema documents generated from the zod schemas (z.toJSONSchema). Used by scripts/gen-json-schema.ts, which
// writes them to packages/catalog/schema/, and by the drift test. Input shape (`io: 'input'`): what a file may contain.
import { z } from 'zod';
import { BasicItemSchema } from '../schemas/basic-item';
import { CatalogDocumentSchema } from '../schemas/catalog-document';
import { ImplementationItemSchema } from '../schemas/implementation-item';
import { ParallelApprovalGroupSchema } from '../schemas/parallel-approval-group';

const SCHEMAS = {
  'implementation-item': [ImplementationItemSchema, '实施清单事项 Implementation-list item'],
  'basic-item': [BasicItemSchema, '基本目录事项 Basic-directory item'],
  'parallel-approval-group': [ParallelApprovalGroupSchema, '并联审批 Parallel-approval group'],
  'catalog-document': [CatalogDocumentSchema, '事项目录文件 Catalog document'],
} as const;

/** File name (without `.schema.json`) → JSON Schema object. */
export function buildJsonSchemas(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, [schema, title]] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
    out[name] = { $id: `https://zwfw.example.invalid/schema/catalog/${name}.schema.json`, title, ...json };
  }
  return out;
}

/** Serialise one schema the way the committed files are written. */
export function serialiseJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
