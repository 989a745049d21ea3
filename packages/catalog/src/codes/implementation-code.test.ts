import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBasicCode, parseBasicCode } from './basic-code';
import {
  checkHandlingItemCode,
  checkImplementationCode,
  formatImplementationCode,
  parseHandlingItemCode,
  parseImplementationCode,
} from './implementation-code';
import { formatUscc, USCC_ALPHABET } from './uscc';

const REAL: [string, string, string, string][] = [
  ['11450721MB155808114000104002000', '11450721MB15580811', '4', '000104002000'],
  ['11450721348531435D4001033002000', '11450721348531435D', '4', '001033002000'],
  ['12441500196720244T3442199806003', '12441500196720244T', '3', '442199806003'],
  ['11440232MB2D06811W4000117051000', '11440232MB2D06811W', '4', '000117051000'],
];

describe('basic codes', () => {
  it('accepts 12 characters and flags locally created items', () => {
    expect(checkBasicCode('000104002000')).toEqual({
      valid: true,
      issues: [],
      parts: { code: '000104002000', locallyCreated: false },
    });
    expect(checkBasicCode('430000000001').parts?.locallyCreated).toBe(true);
  });

  it('rejects other shapes with BASIC_CODE_FORMAT', () => {
    expect(checkBasicCode('00010400200').issues[0]?.message.en).toBe(
      'Basic code "00010400200" is malformed: expected 12 digits or upper-case letters',
    );
    expect(() => parseBasicCode('abc')).toThrow(expect.objectContaining({ code: 'ERR_CATALOG_CODE_INVALID' }));
  });
});

describe('parseImplementationCode', () => {
  it.each(REAL)('splits the real code %s', (code, uscc, level, basicCode) => {
    expect(parseImplementationCode(code)).toEqual({ code, uscc, level, basicCode });
    expect(formatImplementationCode({ uscc, level, basicCode })).toBe(code);
  });

  it('reports a bad USCC part, level and length', () => {
    const badUscc = checkImplementationCode('11450721MB155808124000104002000');
    expect(badUscc.issues).toMatchObject([{ code: 'IMPLEMENTATION_CODE_USCC', severity: 'error' }]);
    expect(badUscc.issues[0]?.message.en).toContain('expected 1, got 2');
    expect(checkImplementationCode('11450721MB155808118000104002000').issues).toMatchObject([
      { code: 'IMPLEMENTATION_CODE_LEVEL' },
    ]);
    expect(checkImplementationCode('11450721MB15580811400010400200').issues[0]?.message.en).toBe(
      'Implementation code "11450721MB15580811400010400200" is malformed: expected 31 digits or upper-case letters (length 30)',
    );
    expect(() => parseImplementationCode(null)).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_CODE_INVALID',
        message: expect.stringContaining('IMPLEMENTATION_CODE_FORMAT'),
      }),
    );
  });
});

describe('handling-item codes', () => {
  it('split into implementation code and sequence', () => {
    expect(parseHandlingItemCode('11450721MB15580811400010400200001')).toMatchObject({
      implementationCode: '11450721MB155808114000104002000',
      sequence: '01',
      level: '4',
    });
    expect(checkHandlingItemCode('11450721MB1558081140001040020000A').issues).toMatchObject([
      { code: 'HANDLING_ITEM_CODE_SEQUENCE' },
    ]);
    expect(checkHandlingItemCode('11450721MB155808114000104002000').issues[0]?.code).toBe('HANDLING_ITEM_CODE_FORMAT');
  });
});

const alphabetChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const parts = fc.record({
  uscc: fc
    .tuple(
      fc.array(alphabetChar, { minLength: 2, maxLength: 2 }),
      fc.stringMatching(/^\d{6}$/),
      fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
    )
    .map(([a, d, b]) => formatUscc(a.join('') + d + b.join(''))),
  level: fc.constantFrom('1', '2', '3', '4', '5', '6', '7'),
  basicCode: fc.stringMatching(/^[0-9A-Z]{12}$/),
});

describe('implementation code properties', () => {
  it('round-trips generated codes', () => {
    fc.assert(
      fc.property(parts, (value) => {
        expect(parseImplementationCode(formatImplementationCode(value))).toMatchObject(value);
      }),
    );
  });

  it('detects every single-character change in the USCC part and level digit', () => {
    fc.assert(
      fc.property(parts, fc.nat(18), alphabetChar, (value, position, replacement) => {
        const code = formatImplementationCode(value);
        fc.pre(code[position] !== replacement && (position !== 18 || !/[1-7]/.test(replacement)));
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(checkImplementationCode(changed).valid).toBe(false);
      }),
    );
  });
});
