import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../test/tools';
import { BUSINESS_LICENCE_TEMPLATE } from '../templates/builtin-templates';
import { BUSINESS_LICENCE_TYPE, PROOF_CERTIFICATE_TYPE, REAL_ESTATE_CERTIFICATE_TYPE } from './builtin-types';
import { defineCertificateType } from './certificate-type';
import { validateCertificateRecord } from './validate-certificate-record';

describe('validateCertificateRecord', () => {
  it.each([
    ['business-licence', BUSINESS_LICENCE_TYPE],
    ['real-estate-certificate', REAL_ESTATE_CERTIFICATE_TYPE],
    ['proof', PROOF_CERTIFICATE_TYPE],
  ] as const)('accepts the %s fixture', (name, type) => {
    const report = validateCertificateRecord(loadFixture(name), type);
    expect(report.issues).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.parts?.typeCode).toBe(type.typeCode);
  });

  it('reports face, identifier, holder and validity problems with Chinese labels and no personal data', () => {
    const record = loadFixture('proof');
    const bad = {
      ...record,
      identifier: `${record.identifier.slice(0, -1)}0`,
      holder: { ...record.holder, code: '43040419900101123', codeType: '001' },
      validUntil: '2027-06-01',
      face: { content: '', purpose: '办理居住证申领', extra: 'x' },
    };
    const report = validateCertificateRecord(bad, PROOF_CERTIFICATE_TYPE);
    expect(report.valid).toBe(false);
    expect(report.issues.map((i) => [i.code, i.path?.join('.'), i.severity])).toEqual([
      ['RECORD_FACE', 'face.content', 'error'],
      ['RECORD_FACE_UNKNOWN', 'face.extra', 'warning'],
      ['CERTIFICATE_ID_CHECK_CHARACTER', 'identifier.check', 'error'],
      ['RECORD_HOLDER_CODE_TYPE', 'holder.codeType', 'error'],
      ['USCC_FORMAT', 'holder.code', 'error'],
      ['RECORD_VALIDITY', 'validUntil', 'error'],
    ]);
    expect(report.issues[0]?.message.zh).toBe('证明事项（face.content）：证明事项不能为空');
    expect(JSON.stringify(report.issues)).not.toContain('43040419900101123');
  });

  it('requires validUntil for a type without long-term validity and rejects reversed dates', () => {
    const { validUntil: _omit, ...open } = loadFixture('proof');
    expect(validateCertificateRecord(open, PROOF_CERTIFICATE_TYPE).issues.map((i) => i.code)).toEqual([
      'RECORD_VALIDITY',
    ]);
    const reversed = { ...loadFixture('proof'), validUntil: '2025-01-01' };
    expect(validateCertificateRecord(reversed, PROOF_CERTIFICATE_TYPE).issues.map((i) => i.code)).toEqual([
      'RECORD_DATES',
    ]);
  });

  it('reports a record of another type and an identifier of another version', () => {
    const record = { ...loadFixture('proof'), version: '002' };
    const codes = validateCertificateRecord(record, BUSINESS_LICENCE_TYPE).issues.map((i) => i.code);
    expect(codes).toContain('RECORD_TYPE_MISMATCH');
    expect(codes).toContain('RECORD_IDENTIFIER_MISMATCH');
  });

  it('never throws on hostile input', () => {
    for (const value of [null, 42, 'x', [], { face: null }, { holder: { code: 1 } }]) {
      const report = validateCertificateRecord(value, PROOF_CERTIFICATE_TYPE);
      expect(report.valid).toBe(false);
      expect(report.issues[0]?.code).toBe('RECORD_SCHEMA');
    }
  });
});

describe('defineCertificateType', () => {
  it('labels each face field in the zod schema', () => {
    expect(BUSINESS_LICENCE_TYPE.faceSchema.shape.legalRepresentative?.meta()).toEqual({ label: '法定代表人' });
  });

  it('rejects a template that prints a face key the type does not define (ERR_CERTIFICATE_TYPE_INVALID)', () => {
    expect(() =>
      defineCertificateType({
        ...BUSINESS_LICENCE_TYPE,
        faceFields: BUSINESS_LICENCE_TYPE.faceFields.slice(1),
        defaultTemplate: BUSINESS_LICENCE_TEMPLATE,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_TYPE_INVALID',
        message: 'Template "zwfw.business-licence.v1" prints face.entityType, which type 营业执照 does not define',
      }),
    );
  });
});
