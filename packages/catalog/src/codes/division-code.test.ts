import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDivisionCode, formatDivisionCode12, parseDivisionCode } from './division-code';

describe('checkDivisionCode', () => {
  it('knows Hengyang and its 12 county-level units', () => {
    expect(checkDivisionCode('430400')).toMatchObject({
      valid: true,
      issues: [],
      parts: { level: 'prefecture', name: '衡阳市', provinceCode: '43', status: 'current' },
    });
    for (const code of [
      '430405',
      '430406',
      '430407',
      '430408',
      '430412',
      '430421',
      '430422',
      '430423',
      '430424',
      '430426',
      '430481',
      '430482',
    ]) {
      expect(checkDivisionCode(code)).toMatchObject({
        valid: true,
        issues: [],
        parts: { level: 'county', status: 'current' },
      });
    }
  });

  it('decodes 12-digit township and village codes', () => {
    expect(checkDivisionCode('430421101000').parts).toMatchObject({
      level: 'township',
      division: '430421',
      townshipCode: '101',
    });
    expect(checkDivisionCode('430421101201').parts).toMatchObject({ level: 'village', villageCode: '201' });
    expect(checkDivisionCode('430421000000').parts?.level).toBe('county');
  });

  it('warns on retired and unknown codes; requireKnown makes unknown an error', () => {
    const retired = checkDivisionCode('430402');
    expect(retired).toMatchObject({ valid: true, parts: { status: 'retired', name: '江东区' } });
    expect(retired.issues[0]).toMatchObject({ code: 'DIVISION_RETIRED', severity: 'warning' });
    expect(retired.issues[0]?.message.en).toBe('Division code 430402 (江东区) was retired in 2001; now 430405');
    expect(checkDivisionCode('430499').issues).toMatchObject([{ code: 'DIVISION_UNKNOWN', severity: 'warning' }]);
    expect(checkDivisionCode('430499', { requireKnown: true }).valid).toBe(false);
  });

  it.each([
    ['4304', 'expected 6 or 12 digits'],
    ['43040a', 'expected 6 or 12 digits'],
    ['990000', 'province part 99 does not exist'],
    ['430021', 'a county part needs a prefecture part'],
    ['430421000101', 'a village part needs a township part'],
  ])('rejects %s with DIVISION_FORMAT', (code, detail) => {
    const checked = checkDivisionCode(code);
    expect(checked).toMatchObject({ valid: false, issues: [{ code: 'DIVISION_FORMAT', severity: 'error' }] });
    expect(checked.issues[0]?.message.en).toContain(detail);
  });

  it('rejects 12 digits when allowTwelveDigits is false, and non-strings', () => {
    expect(checkDivisionCode('430421000000', { allowTwelveDigits: false }).valid).toBe(false);
    expect(checkDivisionCode(430421).issues[0]?.message.en).toBe(
      'Division code a number is malformed: expected 6 or 12 digits',
    );
  });

  it('parse throws ERR_CATALOG_CODE_INVALID; format pads to 12 digits', () => {
    expect(() => parseDivisionCode('4304')).toThrow(expect.objectContaining({ code: 'ERR_CATALOG_CODE_INVALID' }));
    expect(formatDivisionCode12('430421')).toBe('430421000000');
    expect(parseDivisionCode('430421').name).toBe('衡阳县');
  });

  it('never throws on any string', () => {
    fc.assert(fc.property(fc.string(), (value) => typeof checkDivisionCode(value).valid === 'boolean'));
  });
});
