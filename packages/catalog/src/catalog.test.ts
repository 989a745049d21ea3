import { describe, expect, it } from 'vitest';
import { loadHengyangFixture } from '../test/fixtures';
import { Catalog } from './catalog';
import { CatalogValidationError } from './errors';
import type { ImplementationItemInput } from './schemas/implementation-item';

const document = loadHengyangFixture();
const catalog = Catalog.from(document);
const first = document.items[0] as ImplementationItemInput;

describe('Catalog.from', () => {
  it('builds an immutable catalog from the fixture document', () => {
    expect(catalog.size).toBe(document.items.length);
    expect(catalog.basicItems).toHaveLength(document.basicItems.length);
    expect(catalog.parallelGroups[0]?.name).toBe('投资项目报建并联审批');
    expect(Object.isFrozen(catalog.items[0]?.body)).toBe(true);
    expect(() => {
      (catalog.items as ImplementationItemInput[]).push(first);
    }).toThrow(TypeError);
  });

  it('throws ERR_CATALOG_VALIDATION_FAILED naming the first bad item, or skips with onInvalid', () => {
    const bad = { ...first, implementationCode: `${first.implementationCode.slice(0, 18)}9${first.basicCode}` };
    const items = [bad, document.items[1]];
    expect(() => Catalog.from(items)).toThrow(CatalogValidationError);
    expect(() => Catalog.from(items)).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_VALIDATION_FAILED',
        message: `1 of 2 items have errors (first: item ${bad.implementationCode} IMPLEMENTATION_CODE_LAYOUT: Implementation code must be body USCC + level digit + basic code: character 19 "9" ≠ body.level "${first.body.level}"); fix them or pass onInvalid: 'skip'`,
      }),
    );
    const skipped = Catalog.from(items, { onInvalid: 'skip' });
    expect(skipped.size).toBe(1);
    expect(skipped.rejected[0]?.index).toBe(0);
  });

  it('rejects input without items and bad basic items', () => {
    expect(() => Catalog.from({} as never)).toThrow(expect.objectContaining({ code: 'ERR_CATALOG_INPUT_INVALID' }));
    expect(() => Catalog.from({ items: [], basicItems: [{ basicCode: 'x' }] })).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_VALIDATION_FAILED',
        message: expect.stringContaining('basicItems[0]'),
      }),
    );
  });
});

describe('look-ups', () => {
  it('finds items by code and by every filter', () => {
    expect(catalog.get(first.implementationCode)?.name).toBe(first.name);
    expect(catalog.get('nope')).toBeUndefined();
    const county = catalog.query({ division: '430421', type: '01' });
    expect(county.length).toBeGreaterThan(0);
    expect(county.every((item) => item.body.division === '430421' && item.type === '01')).toBe(true);
    expect(catalog.query({ level: '6' }).every((item) => item.type === '20')).toBe(true);
    expect(catalog.query({ department: '衡阳市住房公积金管理中心' }).map((item) => item.name)).toEqual([
      '住房公积金提取',
      '住房公积金个人住房贷款',
    ]);
    expect(catalog.query({ topic: '不动产登记', level: '3' })).toHaveLength(3);
    expect(catalog.query({ division: '430400-GXQ' }).length).toBeGreaterThan(0);
    expect(catalog.query()).toHaveLength(catalog.size);
  });
});

describe('statistics', () => {
  it('counts by type × level × department × division and summarises per level', () => {
    const stats = catalog.statistics();
    expect(stats.total).toBe(catalog.size);
    expect(Object.values(stats.byType).reduce((a, b) => a + b, 0)).toBe(catalog.size);
    expect(stats.matrix.reduce((sum, row) => sum + row.count, 0)).toBe(catalog.size);
    expect(stats.byDivision.map((row) => row.division)).toContain('430421');
    expect(stats.summary[0]).toMatch(/^市级: \d+ 行政许可 \+ /);
    const city = catalog.query({ level: '3', type: '01' }).length;
    expect(stats.summary[0]).toContain(`${city} 行政许可`);
  });
});

describe('diff', () => {
  it('reports added, removed and field-level changes (materials by name)', () => {
    const changedItem = structuredClone(first);
    changedItem.promisedLimit = { ...changedItem.promisedLimit, value: changedItem.promisedLimit.value + 1 };
    changedItem.materials = [
      ...(changedItem.materials ?? []),
      { name: '新增材料', necessity: 'OPTIONAL', source: '10', forms: ['PAPER'] },
    ];
    const other = Catalog.from([changedItem, ...document.items.slice(2)], { onInvalid: 'skip' });
    const diff = catalog.diff(other);
    expect(diff.removed.map((item) => item.implementationCode)).toEqual([document.items[1]?.implementationCode]);
    expect(diff.added).toEqual([]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]?.changes).toEqual(
      expect.arrayContaining([
        { path: ['promisedLimit', 'value'], before: first.promisedLimit.value, after: first.promisedLimit.value + 1 },
        expect.objectContaining({ path: ['materials', '新增材料'], before: undefined }),
      ]),
    );
    expect(diff.unchangedCount).toBe(document.items.length - 2);
    expect(other.diff(catalog).added).toHaveLength(1);
  });
});

describe('checkAgainstDirectory', () => {
  it('finds missing, extra and mismatched items', () => {
    expect(catalog.checkAgainstDirectory()).toEqual({ missing: [], extra: [], issues: [] });
    const directory = [
      ...catalog.basicItems.filter((basic) => basic.basicCode !== first.basicCode),
      {
        basicCode: '999999999999',
        name: '新增目录事项',
        type: '01',
        node: 'MAIN',
        exerciseLevels: ['4'],
        status: 'ACTIVE',
        version: 1,
      },
    ];
    const renamed = directory.map((basic) =>
      basic.basicCode === '000117004000' ? { ...basic, name: '施工许可' } : basic,
    );
    const report = catalog.checkAgainstDirectory(renamed as never, { level: '4' });
    expect(report.missing.map((basic) => basic.basicCode)).toEqual(['999999999999']);
    expect(report.extra.every((item) => item.basicCode === first.basicCode)).toBe(true);
    const codes = new Set(report.issues.map((issue) => issue.code));
    expect(codes).toEqual(new Set(['DIRECTORY_UNKNOWN_BASIC_CODE', 'DIRECTORY_NAME_MISMATCH']));
    expect(report.issues.find((issue) => issue.code === 'DIRECTORY_NAME_MISMATCH')?.message.en).toBe(
      'Item name "建筑工程施工许可证核发" differs from the directory name "施工许可"',
    );
  });
});

describe('readiness', () => {
  it('computes the reform indicators', () => {
    const readiness = catalog.readiness();
    const items = catalog.items;
    expect(readiness.atMostOneVisit.count).toBe(items.filter((item) => item.maxOnSiteVisits <= 1).length);
    expect(readiness.immediate.count).toBe(items.filter((item) => item.caseType === '1').length);
    expect(readiness.zeroVisitFullOnline.count).toBe(
      items.filter((item) => item.maxOnSiteVisits === 0 && item.online.capabilities.includes('PROCESS')).length,
    );
    expect(readiness.zeroVisitFullOnline.share).toBeGreaterThan(0);
    expect(readiness.timeLimitReduction.promisedTotal).toBeLessThan(readiness.timeLimitReduction.legalTotal);
    expect(readiness.timeLimitReduction.averageReduction).toBeGreaterThan(0);
    expect(readiness.materialReuse[0]?.certificateTypeCode).toBe('CN-IDCARD');
    expect(readiness.materialReuse[0]?.materialNames).toContain('居民身份证');
  });

  it('handles an empty catalog', () => {
    const empty = Catalog.from([]).readiness();
    expect(empty.atMostOneVisit).toEqual({ count: 0, share: 0 });
    expect(empty.timeLimitReduction.averageReduction).toBe(0);
  });
});

describe('checkParallelGroups', () => {
  it('accepts the fixture groups and reports unknown items, single-body groups and a foreign lead body', () => {
    expect(catalog.checkParallelGroups()).toEqual([]);
    const group = catalog.parallelGroups[0];
    if (!group) throw new Error('fixture has no group');
    const sameBody = catalog.query({ department: catalog.items[0]?.body.uscc }).map((item) => item.implementationCode);
    const broken = Catalog.from({
      items: document.items,
      parallelGroups: [
        { ...group, items: [...group.items, '11430400MB0000000X3000000000000'] },
        { ...group, id: 'single', items: sameBody.slice(0, 2), leadBody: '11430400MB0000000X' },
      ],
    });
    expect(broken.checkParallelGroups().map((issue) => [issue.code, issue.itemCode, issue.path])).toEqual([
      ['GROUP_ITEM_UNKNOWN', group.id, ['parallelGroups', 0, 'items', 5]],
      ['GROUP_SINGLE_BODY', 'single', ['parallelGroups', 1, 'items']],
      ['GROUP_LEAD_BODY_NOT_MEMBER', 'single', ['parallelGroups', 1, 'leadBody']],
    ]);
  });
});
