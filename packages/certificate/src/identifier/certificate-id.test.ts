import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_IDENTIFIER_ROOT,
  checkCertificateId,
  computeCertificateCheckCharacter,
  createCertificateId,
  parseCertificateId,
} from './certificate-id';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// certificate.md §2: identifiers found in public government code and data, plus the synthetic fixture.
const VALID_VECTORS = [
  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0',
  '1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9',
  '1.2.156.3005.2.11100000000013338W032.114304001000001120.HY2025000001.001.9',
];

describe('computeCertificateCheckCharacter', () => {
  it.each(VALID_VECTORS)('reproduces the check character of %s', (id) => {
    const [typeCode, issuerCode, serial, version, check] = id.slice(CERTIFICATE_IDENTIFIER_ROOT.length + 1).split('.');
    expect(computeCertificateCheckCharacter(`${typeCode}${issuerCode}${serial}${version}`)).toBe(check);
  });

  it('throws ERR_CERTIFICATE_ID_INVALID for characters outside 0-9A-Z', () => {
    expect(() => computeCertificateCheckCharacter('0624_001')).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_ID_INVALID',
        message:
          'Check-character body may only contain 0-9 and A-Z, found "_"; convert to upper case and remove separators',
      }),
    );
  });

  const body = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 80 });

  it('satisfies the ISO 7064 property: the body plus its check character reduces to 1', () => {
    fc.assert(
      fc.property(body, (value) => {
        const check = computeCertificateCheckCharacter(value);
        let product = 36;
        for (const character of value) product = (((product + ALPHABET.indexOf(character)) % 36 || 36) * 2) % 37;
        expect((product + ALPHABET.indexOf(check)) % 36).toBe(1);
      }),
    );
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 35 }), (value, at, shift) => {
        const index = at % value.length;
        const replaced = ALPHABET[(ALPHABET.indexOf(value[index] as string) + shift) % 36] as string;
        const changed = value.slice(0, index) + replaced + value.slice(index + 1);
        expect(computeCertificateCheckCharacter(changed)).not.toBe(computeCertificateCheckCharacter(value));
      }),
    );
  });

  it('detects adjacent transpositions except for a few pairs (exhaustive sweep: 6 of 3,780 missed)', () => {
    // MOD 37,36 catches every single substitution but not every swap: e.g. …KJ… and …JK… after "Z3" collide.
    let missed = 0;
    let total = 0;
    for (const prefix of ['', '7', 'Z3']) {
      for (const a of ALPHABET) {
        for (const b of ALPHABET) {
          if (a === b) continue;
          total++;
          if (
            computeCertificateCheckCharacter(`${prefix}${a}${b}1`) ===
            computeCertificateCheckCharacter(`${prefix}${b}${a}1`)
          )
            missed++;
        }
      }
    }
    expect([missed, total]).toEqual([6, 3780]);
  });
});

describe('createCertificateId', () => {
  it('builds the synthetic fixture identifier with the default version 001', () => {
    expect(
      createCertificateId({
        typeCode: '11100000000013338W032',
        issuerCode: '114304001000001120',
        serial: 'HY2025000001',
      }),
    ).toBe('1.2.156.3005.2.11100000000013338W032.114304001000001120.HY2025000001.001.9');
  });

  it('accepts a numeric version and reproduces a real identifier', () => {
    expect(
      createCertificateId({
        typeCode: '11100000000013338W009',
        issuerCode: '11330105002500287C',
        serial: '2025052201',
        version: 2,
      }),
    ).toBe('1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0');
  });

  it('round-trips through parseCertificateId for any conforming segments', () => {
    const segment = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 32 });
    fc.assert(
      fc.property(
        segment,
        segment,
        segment,
        fc.integer({ min: 1, max: 999 }),
        (typeCode, issuerCode, serial, version) => {
          const id = createCertificateId({ typeCode, issuerCode, serial, version });
          const parts = parseCertificateId(id);
          expect(parts).toMatchObject({ typeCode, issuerCode, serial, version: String(version).padStart(3, '0') });
        },
      ),
    );
  });

  it('rejects a serial that cannot be checksummed (ERR_CERTIFICATE_ID_INVALID)', () => {
    expect(() =>
      createCertificateId({ typeCode: '11100000000013338W032', issuerCode: '114304001000001120', serial: '0624_001' }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_ID_INVALID',
        message: expect.stringMatching(/^serial may only contain 0-9 and A-Z/),
      }),
    );
  });

  it.each([0, 1000, 1.5, '01', '000'])('rejects version %s', (version) => {
    expect(() => createCertificateId({ typeCode: 'A1', issuerCode: 'B2', serial: 'C3', version })).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_ID_INVALID',
        message: expect.stringContaining('version must be 1–999'),
      }),
    );
  });

  it('rejects a non-object input with a message naming the type', () => {
    expect(() => createCertificateId(null as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_ID_INVALID',
        message: 'createCertificateId() expects { typeCode, issuerCode, serial, version? }, got null',
      }),
    );
  });
});

describe('checkCertificateId', () => {
  it.each(VALID_VECTORS)('accepts %s', (id) => {
    const result = checkCertificateId(id);
    expect(result.valid).toBe(true);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('warns (but stays valid) on a 6-digit area code issuer only when the length is unusual', () => {
    expect(checkCertificateId(VALID_VECTORS[3]).issues).toEqual([]);
    const odd = createCertificateId({ typeCode: '11100000000013338W032', issuerCode: '1234567', serial: '1' });
    const result = checkCertificateId(odd);
    expect(result.valid).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['CERTIFICATE_ID_ISSUER_CODE_LENGTH', 'warning']]);
  });

  it('rejects a wrong check character and names the expected one', () => {
    const result = checkCertificateId('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G');
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      {
        code: 'CERTIFICATE_ID_CHECK_CHARACTER',
        severity: 'error',
        path: ['check'],
        message: {
          zh: '校验位错误：应为 F，实际为 G；标识可能录入有误',
          en: 'Check character mismatch: expected F, found G; the identifier was probably mistyped',
        },
      },
    ]);
    expect(result.parts?.serial).toBe('2430599');
  });

  it('reports the non-conforming root 1.2.156.3003.2', () => {
    const result = checkCertificateId('1.2.156.3003.2.11100000000013338W032.2430599.001.F');
    expect(result).toMatchObject({ valid: false, issues: [{ code: 'CERTIFICATE_ID_ROOT_NONCONFORMING' }] });
  });

  it.each([
    [42, 'CERTIFICATE_ID_TYPE'],
    ['', 'CERTIFICATE_ID_ROOT'],
    ['1.2.156.3005.2.A.B.C', 'CERTIFICATE_ID_FORMAT'],
    ['1.2.156.3005.2.abc.B.C.001.X', 'CERTIFICATE_ID_SEGMENT'],
    ['1.2.156.3005.2.A.B.C.1.X', 'CERTIFICATE_ID_VERSION'],
    ['1.2.156.3005.2.A.B.C.001.XY', 'CERTIFICATE_ID_CHECK_CHARACTER'],
  ])('never throws; %j → %s', (input, code) => {
    const result = checkCertificateId(input);
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => i.code)).toContain(code);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof checkCertificateId(value).valid).toBe('boolean');
      }),
    );
  });
});

describe('parseCertificateId', () => {
  it('returns the parts of a valid identifier', () => {
    expect(parseCertificateId(VALID_VECTORS[3] as string)).toEqual({
      root: '1.2.156.3005.2',
      typeCode: '11100000MB03271699022',
      issuerCode: '340100',
      serial: '000000016',
      version: '001',
      check: '9',
    });
  });

  it('throws ERR_CERTIFICATE_ID_INVALID with every problem', () => {
    expect(() => parseCertificateId('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G')).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_ID_INVALID',
        message:
          'Invalid e-certificate identifier: Check character mismatch: expected F, found G; the identifier was probably mistyped',
      }),
    );
  });
});
