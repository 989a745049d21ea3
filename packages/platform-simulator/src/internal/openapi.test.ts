import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { createOpenApiDocument } from './openapi';
import { createReceiptKeys } from './receipts';
import { createSimulatorRuntime } from './server';
import { SimulatorState } from './state';

const file = fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url));
const committed = JSON.parse(readFileSync(file, 'utf8'));

describe('docs/openapi.json', () => {
  it('matches the document generated from the wire schemas (regenerate: pnpm --filter @zwfw/platform-simulator openapi)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(createOpenApiDocument(pkg.version))));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(committed);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents exactly the routes the simulator serves', async () => {
    const runtime = createSimulatorRuntime({
      state: new SimulatorState({}, () => async () => new Uint8Array()),
      receipts: await createReceiptKeys('test'),
      initialSeed: {},
      maxBodyBytes: 1024,
      slotCapacity: 1,
      requestLogLimit: 1,
      faultSeed: 1,
      baseNow: () => new Date(),
      signatureAlgorithms: ['hmac-sha256'],
      timestampToleranceMs: 1,
      nonceWindowMs: 1,
    });
    const documented = Object.entries(committed.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(runtime.routes().sort());
  });
});
