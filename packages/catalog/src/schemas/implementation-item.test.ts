import { describe, expect, it } from 'vitest';
import { loadHengyangFixture } from '../../test/fixtures';
import { checkUscc } from '../codes/uscc';
import { BasicItemSchema } from './basic-item';
import { CatalogDocumentSchema } from './catalog-document';
import { ENUM_LABELS, ItemType } from './enums';
import { ImplementationItemSchema, isImplementationItem } from './implementation-item';
import { isParallelApprovalGroup, ParallelApprovalGroupSchema } from './parallel-approval-group';

const fixture = loadHengyangFixture();
const sample = fixture.items[0] as Record<string, unknown>;

describe('ImplementationItemSchema', () => {
  it('accepts every item of the Hengyang fixture', () => {
    expect(fixture.items.length).toBeGreaterThanOrEqual(300);
    for (const item of fixture.items) expect(ImplementationItemSchema.safeParse(item).error).toBeUndefined();
    expect(CatalogDocumentSchema.safeParse(fixture).success).toBe(true);
  });

  it('keeps unknown fields at every level (round trip)', () => {
    const input = {
      ...sample,
      vendorField: { a: 1 },
      body: { ...(sample.body as object), dept_type: 'X' },
      online: { ...(sample.online as object), is_schedule: '1' },
    };
    const parsed = ImplementationItemSchema.parse(input) as Record<string, unknown>;
    expect(parsed.vendorField).toEqual({ a: 1 });
    expect((parsed.body as Record<string, unknown>).dept_type).toBe('X');
    expect((parsed.online as Record<string, unknown>).is_schedule).toBe('1');
    expect(ImplementationItemSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it('applies defaults for omitted lists', () => {
    const { materials: _m, fees: _f, faqs: _q, ...rest } = sample;
    const parsed = ImplementationItemSchema.parse(rest);
    expect(parsed.materials).toEqual([]);
    expect(parsed.fees).toEqual([]);
    expect(parsed.faqs).toEqual([]);
  });

  it('reports structural problems with paths', () => {
    const bad = { ...sample, type: '99', maxOnSiteVisits: -1, body: { ...(sample.body as object), uscc: 'x' } };
    const result = ImplementationItemSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['type', 'maxOnSiteVisits', 'body.uscc']));
    expect(isImplementationItem(bad)).toBe(false);
    expect(isImplementationItem(sample)).toBe(true);
  });
});

describe('fixture content', () => {
  it('uses USCCs with correct check characters for every body', () => {
    for (const body of fixture.bodies) expect(checkUscc(body.uscc).issues).toEqual([]);
  });

  it('covers every item type and holds the Hengyang pilots', () => {
    const types = new Set((fixture.items as { type: string }[]).map((item) => item.type));
    for (const type of Object.values(ItemType)) expect(types.has(type)).toBe(true);
    const group = ParallelApprovalGroupSchema.parse(fixture.parallelGroups[0]);
    expect(group.name).toBe('投资项目报建并联审批');
    expect(group.items).toHaveLength(5);
    expect(isParallelApprovalGroup(group)).toBe(true);
    for (const basic of fixture.basicItems) expect(BasicItemSchema.safeParse(basic).success).toBe(true);
  });
});

describe('ENUM_LABELS', () => {
  it('labels GB/T 39046 codes in Chinese', () => {
    expect(ENUM_LABELS.itemType['01']).toBe('行政许可');
    expect(ENUM_LABELS.exerciseLevel['6']).toBe('村(社区)级');
    expect(ENUM_LABELS.caseType['1']).toBe('即办件');
  });
});
