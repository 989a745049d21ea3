import { generateKeyPairSync, sign } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

/** The simulator's receipt signing key (ES256), generated at start. */
export interface ReceiptKeys {
  sign(payload: Record<string, unknown>): Promise<string>;
  publicJwk: JWK;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Generate an ES256 key pair and return a signer of compact JWS receipts plus the public JWK. Signing uses
 * node:crypto synchronously (the same JWS jose would produce: ES256 signature as r‖s): WebCrypto's asynchronous sign
 * was the largest per-submission cost in the simulator's profile.
 */
export async function createReceiptKeys(issuer: string): Promise<ReceiptKeys> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const exported = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(exported);
  const publicJwk: JWK = { ...exported, kid, alg: 'ES256', use: 'sig' };
  const protectedHeader = base64url(JSON.stringify({ alg: 'ES256', kid, typ: 'zwfw-receipt+jwt' }));
  return {
    publicJwk,
    sign: async (payload) => {
      const signingInput = `${protectedHeader}.${base64url(JSON.stringify({ iss: issuer, ...payload }))}`;
      const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
      return `${signingInput}.${signature.toString('base64url')}`;
    },
  };
}
