import { describe, expect, it } from 'vitest';
import { loadHengyangFixture } from '../test/fixtures';
import {
  diagnoseImplementationItem,
  parseImplementationItem,
  safeParseImplementationItem,
} from './parse-implementation-item';
import { toProfileCodes } from './profiles/profile-codes';
import type { ImplementationItemInput } from './schemas/implementation-item';

const fixture = loadHengyangFixture();
const item = fixture.items.find((entry) => entry.type === '02') as ImplementationItemInput;
const good = fixture.items.find((entry) => entry.type === '01') as ImplementationItemInput;

describe('parseImplementationItem', () => {
  it('returns the item and its warnings', () => {
    const result = safeParseImplementationItem(item);
    expect(result.success).toBe(true);
    if (result.success)
      expect(result.warnings.map((issue) => [issue.code, issue.path])).toEqual([['NOT_ON_APPLICATION', ['type']]]);
    expect(parseImplementationItem(good).name).toBe(good.name);
  });

  it('throws ERR_CATALOG_VALIDATION_FAILED naming the first error and its path', () => {
    const bad = { ...good, caseType: '1' };
    expect(() => parseImplementationItem(bad)).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_VALIDATION_FAILED',
        message:
          'Invalid implementation item: 1 error(s); first CASE_TYPE_LIMIT_MISMATCH at caseType: An immediate case (即办件) must have a promised limit of 0',
      }),
    );
    expect(diagnoseImplementationItem(bad).map((issue) => issue.code)).toEqual(['CASE_TYPE_LIMIT_MISMATCH']);
    expect(diagnoseImplementationItem(42)[0]).toMatchObject({ code: 'SCHEMA', path: [] });
  });

  it('maps raw codes with a profile first', () => {
    const raw = toProfileCodes(good, 'vendor-common');
    expect(raw.legalLimit.unit).toBe('1');
    expect(safeParseImplementationItem(raw).success).toBe(false);
    const parsed = parseImplementationItem(raw, { profile: 'vendor-common' });
    expect(parsed.legalLimit.unit).toBe('WORKING_DAY');
  });

  it('reports uncopyable input as a SCHEMA issue instead of throwing', () => {
    const hostile = { ...good, extensions: { fn: () => 1 } };
    const result = safeParseImplementationItem(hostile, { profile: 'vendor-common' });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]).toMatchObject({ code: 'SCHEMA', path: [] });
  });
});
