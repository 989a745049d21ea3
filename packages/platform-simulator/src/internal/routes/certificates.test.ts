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
