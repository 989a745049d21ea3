import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, serialiseJsonSchema } from './internal/json-schemas';

describe('committed JSON Schema files', () => {
  const schemas = buildJsonSchemas();

  it.each(Object.keys(schemas))(
    'schema/%s.schema.json matches the zod schema (regenerate with scripts/gen-json-schema.ts)',
    (name) => {
      const committed = readFileSync(new URL(`../schema/${name}.schema.json`, import.meta.url), 'utf8');
      expect(committed).toBe(serialiseJsonSchema(schemas[name] as Record<string, unknown>));
    },
  );

  it('describes the implementation item with its required fields and enumerations', () => {
    const item = schemas['implementation-item'] as {
      required: string[];
      properties: Record<string, { enum?: string[] }>;
    };
    expect(item.required).toEqual(expect.arrayContaining(['implementationCode', 'basicCode', 'body', 'promisedLimit']));
    expect(item.properties.type?.enum).toContain('20');
  });
});
