import { CompactSign, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The simulator's receipt signing key (ES256), generated at start. */
export interface ReceiptKeys {
  sign(payload: Record<string, unknown>): Promise<string>;
  publicJwk: JWK;
}

/** Generate an ES256 key pair and return a signer of compact JWS receipts plus the public JWK. */
export async function createReceiptKeys(issuer: string): Promise<ReceiptKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported);
  const publicJwk: JWK = { ...exported, kid, alg: 'ES256', use: 'sig' };
  const encoder = new TextEncoder();
  return {
    publicJwk,
    sign: (payload) =>
      new CompactSign(encoder.encode(JSON.stringify({ iss: issuer, ...payload })))
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'zwfw-receipt+jwt' })
        .sign(privateKey),
  };
}
