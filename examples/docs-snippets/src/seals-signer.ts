import { createHash } from 'node:crypto';
import type { Signer } from '@zwfw/seal';

/** Your HSM, UKey or KMS client: signs a SHA-256 digest with a key it never releases. */
interface KmsClient {
  signDigest(keyId: string, digest: Uint8Array): Promise<Uint8Array>; // returns DER Ecdsa-Sig-Value
}
declare const kms: KmsClient;
declare const sealCertificateDer: Uint8Array; // issued by your CA for the KMS key
declare const intermediateDer: Uint8Array;

const kmsSigner: Signer = {
  algorithm: 'ES256',
  certificate: sealCertificateDer,
  chain: [intermediateDer],
  sign: (data) => kms.signDigest('hengyang-xzsp-seal', createHash('sha256').update(data).digest()),
};
export { kmsSigner }; // use it exactly like a software signer: signPdf(pdf, kmsSigner), signJson(value, kmsSigner)
