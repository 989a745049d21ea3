import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpensslPki, type OpensslPki } from '../../test/json/openssl-pki';
import { isSealVerificationError } from '../pdf/seal-verification-error';
import { signJson } from './sign-json';
import { verifyJson } from './verify-json';

let pki: OpensslPki;
beforeAll(() => {
  pki = createOpensslPki();
});
afterAll(() => pki.cleanup());

describe('verifyJson', () => {
  it('returns the report when the JWS is TOTAL_PASSED', async () => {
    const jws = await signJson({ ok: true }, pki.leaves.ES256.signer);
    const report = await verifyJson(jws, {
      trustAnchors: [pki.rootDer],
      algorithms: ['ES256'],
      revocation: { mode: 'off' },
    });
    expect(report.indication).toBe('TOTAL_PASSED');
  });

  it('throws ERR_SEAL_VERIFICATION_FAILED carrying the report otherwise', async () => {
    const jws = await signJson({ ok: true }, pki.stranger.signer);
    const promise = verifyJson(jws, {
      trustAnchors: [pki.rootDer],
      algorithms: ['ES256'],
      revocation: { mode: 'off' },
    });
    await expect(promise).rejects.toMatchObject({
      name: 'SealVerificationError',
      code: 'ERR_SEAL_VERIFICATION_FAILED',
      message:
        'verifyJson(): the JWS is INDETERMINATE (NO_CERTIFICATE_CHAIN_FOUND); failed checks: JWS_X5C_CHAIN, CERT_CHAIN. Inspect error.report, or call validateJson() to get the report without throwing.',
      report: { indication: 'INDETERMINATE' },
    });
    const error = await promise.catch((caught: unknown) => caught);
    expect(isSealVerificationError(error)).toBe(true);
  });
});
