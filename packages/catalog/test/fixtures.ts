// Test helper: the synthetic Hengyang catalog of fixtures/catalog (see its SOURCES.md).
import { readFileSync } from 'node:fs';
import type { BasicItemInput } from '../src/schemas/basic-item';
import type { ImplementationItemInput } from '../src/schemas/implementation-item';

export interface HengyangFixture {
  items: ImplementationItemInput[];
  basicItems: BasicItemInput[];
  parallelGroups: unknown[];
  bodies: { uscc: string }[];
}

/** A fresh parsed copy of fixtures/catalog/hengyang-catalog.json. */
export function loadHengyangFixture(): HengyangFixture {
  return JSON.parse(
    readFileSync(new URL('../../../fixtures/catalog/hengyang-catalog.json', import.meta.url), 'utf8'),
  ) as HengyangFixture;
}
