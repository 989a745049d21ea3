import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResidentId, computeResidentIdCheckCharacter, parseResidentId } from './resident-id';

const now = () => new Date('2026-01-01T00:00:00Z');
const withCheck = (first17: string) => first17 + computeResidentIdCheckCharacter(first17);

describe('checkResidentId', () => {
  it('accepts the spec vectors (check X and 7)', () => {
    expect(checkResidentId('11010519491231002X')).toMatchObject({
      valid: true,
      issues: [],
      parts: { addressCode: '110105', birthDate: '1949-12-31', sequence: '002', sex: 'female', checkCharacter: 'X' },
    });
    expect(checkResidentId('110108201008081427').parts).toMatchObject({ sex: 'female', checkCharacter: '7' });
    expect(checkResidentId('11010519491231002x').valid).toBe(true);
  });

  it('rejects a wrong check character without echoing the number', () => {
    const checked = checkResidentId('110108201008081428');
    expect(checked.valid).toBe(false);
    expect(checked.issues).toMatchObject([{ code: 'RESIDENT_ID_CHECK_CHAR', severity: 'error' }]);
    expect(checked.issues[0]?.message.en).toBe(
      'ID number 110*************28 has a wrong check character: check the number for a typing error',
    );
    expect(JSON.stringify(checked.issues)).not.toContain('1101082010');
  });

  it('rejects 15-digit and malformed numbers with RESIDENT_ID_FORMAT', () => {
    expect(checkResidentId('110105491231002').issues[0]).toMatchObject({ code: 'RESIDENT_ID_FORMAT' });
    expect(checkResidentId('110105491231002').issues[0]?.message.en).toContain('15-digit');
    expect(checkResidentId('1101051949123100XX').issues[0]?.message.en).toContain('length 18');
    expect(checkResidentId(12345).issues[0]?.message.en).toBe('An ID number must be a string, got a number');
  });

  it('computeResidentIdCheckCharacter throws ERR_CATALOG_INPUT_INVALID on bad input', () => {
    expect(() => computeResidentIdCheckCharacter('1101051949123100')).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_INPUT_INVALID',
        message: 'computeResidentIdCheckCharacter() needs the first 17 digits of an ID number',
      }),
    );
  });

  it('strict mode checks the birth date', () => {
    const feb30 = withCheck('11010519490230123');
    expect(checkResidentId(feb30).valid).toBe(true);
    const strict = checkResidentId(feb30, { strict: true, now });
    expect(strict.issues).toMatchObject([{ code: 'RESIDENT_ID_BIRTH_DATE', severity: 'error' }]);
    expect(checkResidentId(withCheck('11010520300101123'), { strict: true, now }).valid).toBe(false);
    expect(checkResidentId(withCheck('11010518991231123'), { strict: true, now }).valid).toBe(false);
  });

  it('strict mode checks the address code: unknown is an error, retired a warning', () => {
    const unknown = checkResidentId(withCheck('43049919800101123'), { strict: true, now });
    expect(unknown.issues).toMatchObject([{ code: 'RESIDENT_ID_DIVISION_UNKNOWN', severity: 'error' }]);
    expect(unknown.issues[0]?.message.en).toContain('non-strict');
    const retired = checkResidentId(withCheck('43040219800101123'), { strict: true, now });
    expect(retired.valid).toBe(true);
    expect(retired.issues).toMatchObject([{ code: 'RESIDENT_ID_DIVISION_RETIRED', severity: 'warning' }]);
    expect(checkResidentId(withCheck('43042119800101123'), { strict: true, now }).issues).toEqual([]);
  });

  it.each(['810000', '820000', '830000'])('accepts residence permits with address code %s in strict mode', (code) => {
    const checked = checkResidentId(withCheck(`${code}19900101123`), { strict: true, now });
    expect(checked).toMatchObject({ valid: true, issues: [], parts: { kind: 'residence-permit' } });
  });

  it('parseResidentId throws ERR_CATALOG_CODE_INVALID with a masked message', () => {
    expect(() => parseResidentId('110108201008081428')).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_CODE_INVALID',
        message:
          'Invalid ID number (RESIDENT_ID_CHECK_CHAR: ID number 110*************28 has a wrong check character: check the number for a typing error)',
      }),
    );
  });

  it('round-trips generated numbers and detects every single-digit change', () => {
    const first17 = fc.stringMatching(/^\d{17}$/);
    fc.assert(
      fc.property(first17, fc.nat(17), fc.constantFrom(...'0123456789X'.split('')), (prefix, position, replacement) => {
        const id = withCheck(prefix);
        expect(parseResidentId(id).id).toBe(id);
        fc.pre(id[position] !== replacement && (position === 17 || replacement !== 'X'));
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(checkResidentId(changed).valid).toBe(false);
      }),
    );
  });
});
