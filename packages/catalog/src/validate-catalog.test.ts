import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHengyangFixture } from '../test/fixtures';
import { formatUscc } from './codes/uscc';
import { CATALOG_RULES, validateCatalog } from './validate-catalog';

const fixture = loadHengyangFixture();
const items = fixture.items;
const byName = (name: string, level = '3') => {
  const found = items.find((item) => item.name === name && item.body.level === level);
  if (!found) throw new Error(`fixture has no ${name}`);
  return structuredClone(found);
};
/** A full-online licensing item (企业设立登记, city level) and a promised-limit item with visits (节能审查). */
const online = () => byName('企业设立登记');
const visit = () => byName('固定资产投资项目节能审查');

function codesOf(item: unknown, options?: Parameters<typeof validateCatalog>[1]) {
  const report = validateCatalog([item], options);
  return [...report.errors, ...report.warnings].map((issue) => `${issue.severity}:${issue.code}`);
}

describe('validateCatalog', () => {
  it('accepts the Hengyang fixture without errors', () => {
    const report = validateCatalog(items);
    expect(report.itemCount).toBe(items.length);
    expect(report.validItemCount).toBe(items.length);
    expect(report.errors).toEqual([]);
    expect(new Set(report.warnings.map((issue) => issue.code))).toEqual(new Set(['NOT_ON_APPLICATION']));
  });

  it('reports schema problems with item code and path, and keeps checking other items', () => {
    const bad = { ...online(), maxOnSiteVisits: 'two' };
    const report = validateCatalog([bad, null, online()]);
    expect(report.itemCount).toBe(3);
    expect(report.validItemCount).toBe(1);
    expect(report.errors[0]).toMatchObject({
      code: 'SCHEMA',
      severity: 'error',
      itemCode: bad.implementationCode,
      path: [0, 'maxOnSiteVisits'],
    });
    expect(report.errors[0]?.message.en).toBe('Field maxOnSiteVisits: Invalid input: expected number, received string');
    expect(report.errors[1]).toMatchObject({ code: 'SCHEMA', path: [1] });
  });

  it('never throws on arbitrary values, and every issue has a code, a severity and both messages', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.constant(online()))), (values) => {
        const report = validateCatalog(values);
        for (const issue of [...report.errors, ...report.warnings]) {
          expect(issue.message.zh.length).toBeGreaterThan(0);
          expect(issue.message.en.length).toBeGreaterThan(0);
        }
        expect(report.itemCount).toBe(values.length);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on hostile input', () => {
    expect(validateCatalog('nope').errors[0]?.message.en).toBe('The items must be an array, got a string');
    expect(validateCatalog([undefined, 1, [], { implementationCode: 5 }]).errors.length).toBeGreaterThanOrEqual(4);
  });

  it('DUPLICATE_ITEM_CODE', () => {
    const report = validateCatalog([online(), online()]);
    expect(report.errors).toMatchObject([{ code: 'DUPLICATE_ITEM_CODE', path: [1, 'implementationCode'] }]);
  });

  it('USCC_CHECK_CHAR and IMPLEMENTATION_CODE_LAYOUT', () => {
    const item = online();
    const wrong = `${item.body.uscc.slice(0, 17)}${item.body.uscc[17] === '0' ? '1' : '0'}`;
    item.body.uscc = wrong;
    expect(codesOf(item)).toEqual(
      expect.arrayContaining(['error:USCC_CHECK_CHAR', 'error:IMPLEMENTATION_CODE_LAYOUT']),
    );
    const level = online();
    level.body.level = '4';
    const report = validateCatalog([level]);
    expect(report.errors[0]?.message.en).toBe(
      'Implementation code must be body USCC + level digit + basic code: character 19 "3" ≠ body.level "4"',
    );
  });

  it('accepts a pilot USCC with allowPilotCodes only', () => {
    const item = online();
    item.body.uscc = '91350211M00013FA1N';
    item.implementationCode = `91350211M00013FA1N3${item.basicCode}`;
    expect(codesOf(item)).toContain('error:USCC_CHECK_CHAR');
    expect(codesOf(item, { allowPilotCodes: true })).toContain('warning:USCC_PILOT_CHECK_MISMATCH');
    expect(codesOf(item, { allowPilotCodes: true }).filter((code) => code.startsWith('error'))).toEqual([]);
  });

  it('HANDLING_ITEM_CODE_LAYOUT', () => {
    const item = { ...online(), handlingItemCode: 'ABC0000000000000000000000000000001' };
    expect(codesOf(item)).toContain('warning:HANDLING_ITEM_CODE_LAYOUT');
    expect(codesOf({ ...online(), handlingItemCode: `${online().implementationCode}01` })).toEqual([]);
  });

  it('CODE_LENGTH and layout follow the profile', () => {
    expect(codesOf(online(), { profile: 'gb39046-2020' })).toEqual(['error:CODE_LENGTH']);
  });

  it('ZONE_CODE_MISSING and DIVISION_UNKNOWN for zones', () => {
    const item = online();
    item.body.division = null;
    expect(codesOf(item)).toContain('error:ZONE_CODE_MISSING');
    item.body.zoneCode = '430400-NOPE';
    expect(codesOf(item)).toEqual(['warning:DIVISION_UNKNOWN']);
    item.body.zoneCode = '430400-GXQ';
    expect(codesOf(item)).toEqual([]);
  });

  it('CASE_TYPE_LIMIT_MISMATCH in both directions', () => {
    const promised = { ...visit(), caseType: '1' as const };
    expect(codesOf(promised)).toContain('error:CASE_TYPE_LIMIT_MISMATCH');
    const zero = visit();
    zero.promisedLimit = { value: 0, unit: 'WORKING_DAY' };
    zero.process = [];
    const report = validateCatalog([zero]);
    expect(report.errors.map((issue) => issue.code)).toEqual(['CASE_TYPE_LIMIT_MISMATCH']);
    expect(report.errors[0]?.message).toEqual({
      zh: '承诺办结时间为即办（0）时，办件类型必须为即办件',
      en: 'A promised limit of 0 means an immediate case: set caseType to "1" (is "2")',
    });
  });

  it('PROMISED_EXCEEDS_LEGAL only when units match', () => {
    const item = visit();
    item.promisedLimit = { value: 30, unit: 'WORKING_DAY' };
    expect(codesOf(item)).toContain('error:PROMISED_EXCEEDS_LEGAL');
    item.promisedLimit = { value: 30, unit: 'NATURAL_DAY' };
    expect(codesOf(item)).not.toContain('error:PROMISED_EXCEEDS_LEGAL');
  });

  it('ON_SITE_REASON_MISSING', () => {
    const item = visit();
    delete item.onSiteReason;
    expect(codesOf(item)).toEqual(['error:ON_SITE_REASON_MISSING']);
  });

  it('ZERO_VISITS_WITHOUT_CHANNEL', () => {
    const item = visit();
    item.maxOnSiteVisits = 0;
    item.online = { available: false, capabilities: [] };
    item.handlingForms = ['1'];
    expect(codesOf(item)).toEqual(['error:ZERO_VISITS_WITHOUT_CHANNEL']);
    item.handlingForms = ['1', '4'];
    expect(codesOf(item)).toEqual([]);
  });

  it('FULL_ONLINE_WITH_VISITS (capabilities or a Ⅳ label)', () => {
    const item = online();
    item.maxOnSiteVisits = 1;
    item.onSiteReason = '核验原件';
    expect(codesOf(item)).toEqual(['error:FULL_ONLINE_WITH_VISITS']);
    const labelled = visit();
    labelled.online = { ...labelled.online, provincialDepthLabel: '全程网办（Ⅳ级）' };
    expect(codesOf(labelled)).toEqual(['error:FULL_ONLINE_WITH_VISITS']);
  });

  it('FEE_INCONSISTENT both ways', () => {
    const free = online();
    free.online = { ...free.online, onlinePayment: true };
    expect(codesOf(free)).toEqual(['error:FEE_INCONSISTENT']);
    const charged = { ...online(), charged: true, fees: [] };
    expect(codesOf(charged)).toEqual(['error:FEE_INCONSISTENT']);
  });

  it('CONTACT_PHONES: present and different', () => {
    const missing = { ...online(), complaint: [{ kind: 'WEB' as const, value: 'https://x' }] };
    expect(codesOf(missing)).toEqual(['error:CONTACT_PHONES']);
    const same = online();
    same.complaint = [{ kind: 'PHONE', value: (same.consultation?.[0]?.value ?? '').replace('-', ' ') }];
    expect(codesOf(same)).toEqual(['error:CONTACT_PHONES']);
  });

  it('NOT_ON_APPLICATION and VILLAGE_LEVEL_NON_PUBLIC warnings', () => {
    expect(codesOf({ ...online(), type: '02' })).toEqual(['warning:NOT_ON_APPLICATION']);
    const village = items.find((item) => item.body.level === '6');
    expect(codesOf({ ...structuredClone(village), type: '07' })).toEqual(['warning:VILLAGE_LEVEL_NON_PUBLIC']);
  });

  it('DIVISION_USCC_MISMATCH and DIVISION_UNKNOWN', () => {
    const item = online();
    item.body.division = '430421';
    expect(codesOf(item)).toEqual(['warning:DIVISION_USCC_MISMATCH']);
    const point = online();
    point.servicePoints = [
      { ...(point.servicePoints?.[0] as NonNullable<typeof point.servicePoints>[number]), region: '439999000000' },
    ];
    expect(validateCatalog([point]).warnings).toMatchObject([
      { code: 'DIVISION_UNKNOWN', path: [0, 'servicePoints', 0, 'region'] },
    ]);
  });

  it('NAME_LOCALISED names digits, body and place names', () => {
    const report = validateCatalog([{ ...online(), name: '衡阳市2024年企业设立登记' }]);
    expect(report.warnings[0]?.message.en).toBe(
      'Item name contains digits, 衡阳; the same item should have the same name at every level',
    );
  });

  it('STEP_LIMIT_SUM', () => {
    const item = visit();
    item.process = [
      { name: '受理', limit: { value: 5, unit: 'WORKING_DAY' }, hasSpecialProcedure: false },
      { name: '审查', limit: { value: 9, unit: 'WORKING_DAY' }, hasSpecialProcedure: false },
    ];
    expect(codesOf(item)).toEqual(['warning:STEP_LIMIT_SUM']);
  });

  it('LICENSING_WITHOUT_FAQ can be switched off', () => {
    const item = { ...online(), faqs: [] };
    expect(codesOf(item)).toEqual(['warning:LICENSING_WITHOUT_FAQ']);
    expect(codesOf(item, { rules: { LICENSING_WITHOUT_FAQ: 'off' } })).toEqual([]);
    expect(codesOf(item, { rules: { LICENSING_WITHOUT_FAQ: 'error' } })).toEqual(['error:LICENSING_WITHOUT_FAQ']);
  });

  it('lists every rule it reports with a default severity', () => {
    expect(Object.keys(CATALOG_RULES)).toHaveLength(25);
    expect(formatUscc('11430400MB1234567')).toHaveLength(18);
  });
});
