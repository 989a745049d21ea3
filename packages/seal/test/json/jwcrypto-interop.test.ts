// Interop with python3-jwcrypto (Debian): it verifies our JWS, and we verify its JWS (seal.md §10).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJson } from '../../src/json/sign-json';
import { validateJson } from '../../src/json/validate-json';
import { createOpensslPki, type OpensslPki } from './openssl-pki';

const PYTHON = '/usr/bin/python3';

const VERIFY = `
import sys
from jwcrypto import jwk, jws
token = jws.JWS()
token.deserialize(sys.argv[1])
token.verify(jwk.JWK.from_pem(open(sys.argv[2], 'rb').read()), alg=sys.argv[3])
print('JWS OK ' + token.payload.decode('utf-8'))
`;

const SIGN = `
import sys, json, base64
from jwcrypto import jwk, jws
from jwcrypto.common import json_encode
key = jwk.JWK.from_pem(open(sys.argv[1], 'rb').read())
der = base64.b64encode(open(sys.argv[2], 'rb').read()).decode('ascii')
token = jws.JWS(sys.argv[4].encode('utf-8'))
token.add_signature(key, None, json_encode({'alg': sys.argv[3], 'x5c': [der]}))
print(token.serialize(compact=True))
`;

function python(script: string, args: string[]): string {
  return execFileSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

let pki: OpensslPki;
beforeAll(() => {
  pki = createOpensslPki();
});
afterAll(() => pki.cleanup());

describe('JWS interop with python3-jwcrypto', () => {
  it.each(['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const)('jwcrypto verifies our %s JWS', async (alg) => {
    const jws = await signJson({ 证照: '营业执照', n: 1 }, pki.leaves[alg].signer);
    const output = python(VERIFY, [jws, `${pki.dir}/leaf-${alg}.pem`, alg]);
    expect(output).toBe('JWS OK {"n":1,"证照":"营业执照"}');
  });

  it('jwcrypto rejects our JWS once the payload is altered', async () => {
    const jws = await signJson({ n: 1 }, pki.leaves.ES256.signer);
    const [h, , s] = jws.split('.');
    const forged = `${h}.${Buffer.from('{"n":2}').toString('base64url')}.${s}`;
    expect(() => python(VERIFY, [forged, `${pki.dir}/leaf-ES256.pem`, 'ES256'])).toThrow(
      /InvalidJWSSignature|Verification failed/,
    );
  });

  it.each(['ES256', 'RS256', 'PS256'] as const)('we verify a %s JWS made by jwcrypto', async (alg) => {
    const jws = python(SIGN, [
      `${pki.dir}/leaf-${alg}.key`,
      `${pki.dir}/leaf-${alg}.pem.der`,
      alg,
      '{"from":"jwcrypto"}',
    ]);
    const report = await validateJson(jws, {
      trustAnchors: [pki.rootPem],
      intermediates: [pki.intermediatePem],
      algorithms: [alg],
      revocation: { mode: 'off' },
    });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]?.checks.find((check) => check.id === 'JWS_SIGNATURE')?.status).toBe('PASSED');
  });
});
