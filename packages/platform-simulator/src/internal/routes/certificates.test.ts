import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../test/helpers';

const { call } = useSimulator();
const COMPANY = '914304001000001234';
const LICENCE = '1.2.156.3005.2.11100000000013338W032.114304001000001120.HY2025000001.001.9';
const CAUSE = encodeURIComponent('办理食品经营许可');

describe('GET /certificates', () => {
  it('finds a holder’s certificates, optionally by type', async () => {
    const all = await call('GET', `/api/v1/certificates?holderCode=${COMPANY}&holderType=001&useCause=${CAUSE}`);
    expect(all.status).toBe(200);
    expect(all.json.data.items).toHaveLength(2);
    const typed = await call(
      'GET',
      `/api/v1/certificates?holderCode=${COMPANY}&holderType=001&certTypeCode=11100000000013338W032&useCause=${CAUSE}`,
    );
    expect(typed.json.data.items.map((record: { certId: string }) => record.certId)).toEqual([LICENCE]);
  });

  it('answers 400 USE_CAUSE_REQUIRED without 用证事由 and 400 for a bad holder type', async () => {
    const missing = await call('GET', `/api/v1/certificates?holderCode=${COMPANY}&holderType=001`);
    expect(missing.status).toBe(400);
    expect(missing.json.code).toBe('USE_CAUSE_REQUIRED');
    expect(missing.json.message).toMatch(/^useCause \(用证事由\) is required/);
    const blank = await call('GET', `/api/v1/certificates?holderCode=${COMPANY}&holderType=001&useCause=%20`);
    expect(blank.json.code).toBe('USE_CAUSE_REQUIRED');
    const badType = await call('GET', `/api/v1/certificates?holderCode=${COMPANY}&holderType=999&useCause=${CAUSE}`);
    expect(badType.json.code).toBe('INVALID_REQUEST');
  });
});

describe('GET /certificates/{certId}/file', () => {
  it('downloads a PDF with its SHA-256, and requires useCause', async () => {
    const file = await call('GET', `/api/v1/certificates/${LICENCE}/file?useCause=${CAUSE}`);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(file.json.data.contentBase64, 'base64');
    expect(bytes.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(file.json.data).toMatchObject({ mediaType: 'application/pdf', fileName: 'HY2025000001.pdf' });
    expect(file.json.data.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await call('GET', `/api/v1/certificates/${LICENCE}/file`)).json.code).toBe('USE_CAUSE_REQUIRED');
    const missing = await call('GET', `/api/v1/certificates/1.2.156.3005.2.X.Y.Z.001.0/file?useCause=${CAUSE}`);
    expect(missing.json.code).toBe('CERTIFICATE_NOT_FOUND');
  });
});

describe('fixture certificates', () => {
  it('downloads a real e-certificate PDF rendered by @zwfw/certificate, and verifies it', async () => {
    const { readCertificatePdf } = await import('@zwfw/certificate');
    const found = await call(
      'GET',
      `/api/v1/certificates?holderCode=91430400MA4L0ABC9X&holderType=001&useCause=${CAUSE}`,
    );
    const [licence] = found.json.data.items;
    expect(licence).toMatchObject({
      certTypeName: '营业执照',
      holderName: '衡阳市蒸湘区堃喆镕科技有限公司',
      status: '01',
    });
    const file = await call('GET', `/api/v1/certificates/${licence.certId}/file?useCause=${CAUSE}`);
    const bytes = new Uint8Array(Buffer.from(file.json.data.contentBase64, 'base64'));
    const content = await readCertificatePdf(bytes);
    expect(content.record.identifier).toBe(licence.certId);
    expect(content.consistent).toBe(true);
    const again = await call('GET', `/api/v1/certificates/${licence.certId}/file?useCause=${CAUSE}`);
    expect(again.json.data.sha256).toBe(file.json.data.sha256);
    const verified = await call('POST', '/api/v1/certificates/verify', {
      body: { certId: licence.certId, sha256: file.json.data.sha256 },
    });
    expect(verified.json.data).toMatchObject({ valid: true, fileMatches: true });
  });
});

describe('fixture certificates (every template)', () => {
  it('renders each fixture certificate with its own record', async () => {
    const { readCertificatePdf } = await import('@zwfw/certificate');
    const found = await call(
      'GET',
      `/api/v1/certificates?holderCode=430404199001011237&holderType=111&useCause=${CAUSE}`,
    );
    expect(found.json.data.items.map((record: { certTypeName: string }) => record.certTypeName).sort()).toEqual([
      '不动产权证书',
      '证明',
    ]);
    for (const record of found.json.data.items) {
      const file = await call('GET', `/api/v1/certificates/${record.certId}/file?useCause=${CAUSE}`);
      const content = await readCertificatePdf(new Uint8Array(Buffer.from(file.json.data.contentBase64, 'base64')));
      expect(content.record.identifier).toBe(record.certId);
    }
  });
});

describe('POST /certificates/verify', () => {
  it('reports a valid, known, active certificate and whether a file matches', async () => {
    const file = await call('GET', `/api/v1/certificates/${LICENCE}/file?useCause=${CAUSE}`);
    const ok = await call('POST', '/api/v1/certificates/verify', {
      body: { certId: LICENCE, sha256: file.json.data.sha256 },
    });
    expect(ok.json.data).toEqual({
      certId: LICENCE,
      valid: true,
      identifierValid: true,
      found: true,
      status: '01',
      fileMatches: true,
    });
    const wrongFile = await call('POST', '/api/v1/certificates/verify', {
      body: { certId: LICENCE, sha256: '0'.repeat(64) },
    });
    expect(wrongFile.json.data).toMatchObject({ valid: false, fileMatches: false });
  });

  it('reports revoked, unknown and malformed identifiers as not valid', async () => {
    const revoked = await call('POST', '/api/v1/certificates/verify', {
      body: { certId: '1.2.156.3005.2.11100000000013338W009.114304001000001120.HY2025000003.001.J' },
    });
    expect(revoked.json.data).toMatchObject({ valid: false, found: true, status: '04', fileMatches: null });
    const malformed = await call('POST', '/api/v1/certificates/verify', { body: { certId: 'not-an-identifier' } });
    expect(malformed.json.data).toMatchObject({ valid: false, identifierValid: false, found: false, status: null });
    // Well formed, but the MOD 37,36 check character is wrong (9 is right).
    const wrongCheck = await call('POST', '/api/v1/certificates/verify', {
      body: { certId: `${LICENCE.slice(0, -1)}8` },
    });
    expect(wrongCheck.json.data).toMatchObject({ valid: false, identifierValid: false, found: false });
  });
});
