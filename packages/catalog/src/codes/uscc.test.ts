import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogValidationError } from '../errors';
import {
  checkUscc,
  computeOrganizationCodeCheckCharacter,
  computeUsccCheckCharacter,
  formatUscc,
  parseUscc,
  USCC_ALPHABET,
} from './uscc';

const VALID = [
  '91310110666007217T',
  '11450721MB15580811',
  '11450721348531435D',
  '12441500196720244T',
  '11440232MB2D06811W',
  '12440600MB2C07549J',
  '11100000000013338W',
  '11220000013544541J',
  '11430000006122244L',
  '114304001000001120',
  '11430400100000067Y',
];
const PILOTS: [string, string, string][] = [
  ['91350211M00013FA1N', '3', '1'],
  ['91350100M0001TGQXM', '1', 'X'],
  ['91350203M0001QKT19', 'F', '1'],
];

describe('checkUscc', () => {
  it.each(VALID)('accepts the spec vector %s', (code) => {
    const checked = checkUscc(code);
    expect(checked.valid).toBe(true);
    expect(checked.issues).toEqual([]);
    expect(checked.parts?.organizationCodeValid).toBe(true);
  });

  it('compute* functions throw ERR_CATALOG_INPUT_INVALID on bad input', () => {
    expect(() => computeUsccCheckCharacter('1143040010000011')).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_INPUT_INVALID',
        message: 'computeUsccCheckCharacter() needs the first 17 characters of a USCC, got length 16',
      }),
    );
    expect(() => computeUsccCheckCharacter('1143040010000011I')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('character 17 is not in the USCC alphabet') }),
    );
    expect(() => computeOrganizationCodeCheckCharacter('mb155808')).toThrow(
      expect.objectContaining({ code: 'ERR_CATALOG_INPUT_INVALID' }),
    );
  });

  it('computes a check value of 0 and of 30 (Y)', () => {
    expect(computeUsccCheckCharacter('11430400100000112')).toBe('0');
    expect(computeUsccCheckCharacter('11430400100000067')).toBe('Y');
  });

  it('decodes the parts', () => {
    expect(checkUscc('11450721MB15580811').parts).toEqual({
      code: '11450721MB15580811',
      registrationDepartment: '1',
      category: '1',
      registrationDepartmentName: '机构编制',
      categoryName: '机关',
      division: '450721',
      organizationCode: 'MB1558081',
      checkCharacter: '1',
      organizationCodeValid: true,
      knownPilotPattern: false,
    });
  });

  it('rejects 111111111111111111 with USCC_CHECK_CHAR (expected 5)', () => {
    const checked = checkUscc('111111111111111111');
    expect(checked.valid).toBe(false);
    expect(checked.issues[0]).toMatchObject({ code: 'USCC_CHECK_CHAR', severity: 'error' });
    expect(checked.issues[0]?.message.en).toBe('USCC 111111111111111111: wrong check character, expected 5, got 1');
  });

  it.each(PILOTS)('flags the pilot code %s (computed %s) and its valid nested check %s', (code, computed, nested) => {
    expect(computeUsccCheckCharacter(code.slice(0, 17))).toBe(computed);
    expect(computeOrganizationCodeCheckCharacter(code.slice(8, 16))).toBe(nested);
    const strict = checkUscc(code);
    expect(strict.valid).toBe(false);
    expect(strict.parts?.knownPilotPattern).toBe(true);
    expect(strict.issues.map((i) => i.code)).toEqual(['USCC_CHECK_CHAR']);
    expect(strict.issues[0]?.message.en).toContain('allowPilotCodes');
    const lenient = checkUscc(code, { allowPilotCodes: true });
    expect(lenient.valid).toBe(true);
    expect(lenient.issues).toMatchObject([{ code: 'USCC_PILOT_CHECK_MISMATCH', severity: 'warning' }]);
  });

  it('reports a failing nested organisation code as a warning', () => {
    const code = formatUscc('91430400AAAAAAAAA');
    const checked = checkUscc(code);
    expect(checked.valid).toBe(true);
    expect(checked.issues).toMatchObject([{ code: 'USCC_ORGANIZATION_CODE', severity: 'warning' }]);
    expect(checkUscc(code, { checkOrganizationCode: false }).issues).toEqual([]);
  });

  it.each([
    ['', 'length 0'],
    ['9131011066600721', 'length 16'],
    ['91310110666007217I', 'length 18'],
    ['9131011O666007217T', 'length 18'],
  ])('rejects the malformed %j with USCC_FORMAT', (code, detail) => {
    const checked = checkUscc(code);
    expect(checked).toMatchObject({ valid: false, issues: [{ code: 'USCC_FORMAT', severity: 'error' }] });
    expect(checked.issues[0]?.message.en).toContain(detail);
  });

  it.each([null, undefined, 42, {}, []])('never throws on %j', (value) => {
    expect(checkUscc(value)).toMatchObject({ valid: false, issues: [{ code: 'USCC_FORMAT' }] });
  });

  it('names the registration department and category, and warns on an unknown department', () => {
    expect(checkUscc('12441500196720244T').parts).toMatchObject({
      registrationDepartmentName: '机构编制',
      categoryName: '事业单位',
    });
    expect(checkUscc('91310110666007217T').parts).toMatchObject({
      registrationDepartmentName: '工商/市场监管',
      categoryName: '企业',
    });
    const unknown = checkUscc(formatUscc('B1430400MB1558081'));
    expect(unknown.valid).toBe(true);
    expect(unknown.issues).toMatchObject([{ code: 'USCC_REGISTRATION_DEPARTMENT_UNKNOWN', severity: 'warning' }]);
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(checkUscc(' 91310110666007217t ').parts?.code).toBe('91310110666007217T');
  });
});

describe('parseUscc / formatUscc', () => {
  it('throws ERR_CATALOG_CODE_INVALID with the issues', () => {
    expect(() => parseUscc('111111111111111111')).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_CODE_INVALID',
        message:
          'Invalid unified social credit code (USCC_CHECK_CHAR: USCC 111111111111111111: wrong check character, expected 5, got 1)',
      }),
    );
    expect(() => parseUscc('x')).toThrow(CatalogValidationError);
    expect(() => parseUscc('x')).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ code: 'USCC_FORMAT' })] }),
    );
  });

  it('formats the synthetic check-0 vector and rejects a bad prefix', () => {
    expect(formatUscc('11430400100000112')).toBe('114304001000001120');
    expect(() => formatUscc('1143040010000011')).toThrow(expect.objectContaining({ code: 'ERR_CATALOG_CODE_INVALID' }));
  });
});

const alphabetChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const first17 = fc
  .tuple(
    fc.array(alphabetChar, { minLength: 2, maxLength: 2 }),
    fc.stringMatching(/^\d{6}$/),
    fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, division, b]) => a.join('') + division + b.join(''));

describe('USCC properties', () => {
  it('generated codes round-trip through formatUscc and parseUscc', () => {
    fc.assert(
      fc.property(first17, (prefix) => {
        const code = formatUscc(prefix);
        expect(parseUscc(code, { checkOrganizationCode: false }).code).toBe(code);
      }),
    );
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(first17, fc.nat(17), alphabetChar, (prefix, position, replacement) => {
        const code = formatUscc(prefix);
        fc.pre(code[position] !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(checkUscc(changed).valid).toBe(false);
      }),
    );
  });
});
