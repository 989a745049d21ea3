// SM2 (GB/T 32918) with SM3 through sm-crypto-v2, loaded on first use. Node's crypto cannot do it: it signs SM2 keys
// as plain ECDSA or with an empty user ID (seal.md §8).
import { type DerNode, childrenOf, contentOf, expectTag, readOid, readSingle } from './der';
import { toHex } from './input';
import { OID } from './oids';

/** OID of the SM2 curve, as namedCurve of id-ecPublicKey. */
export const SM2_CURVE_OID = '1.2.156.10197.1.301';

/** Whether an AlgorithmIdentifier node is id-ecPublicKey on the SM2 curve. */
function isSm2Algorithm(algorithm: DerNode | undefined): boolean {
  const [type, curve] = childrenOf(expectTag(algorithm, 0x30, 'AlgorithmIdentifier'));
  return (
    readOid(type, 'key type') === OID.ecPublicKey && curve?.tag === 0x06 && readOid(curve, 'curve') === SM2_CURVE_OID
  );
}

/** Uncompressed public key hex ("04" ‖ x ‖ y) of an SM2 SubjectPublicKeyInfo, or undefined when it is not SM2. */
export function sm2PublicKeyHex(spki: Uint8Array): string | undefined {
  try {
    const [algorithm, key] = childrenOf(expectTag(readSingle(spki, 'SubjectPublicKeyInfo'), 0x30, 'SPKI'));
    if (!isSm2Algorithm(algorithm)) return undefined;
    const bits = contentOf(expectTag(key, 0x03, 'subjectPublicKey'));
    return bits.length === 66 && bits[1] === 0x04 ? toHex(bits.subarray(1)) : undefined;
  } catch {
    return undefined;
  }
}

/** The 32-byte private scalar (hex) of an SM2 PKCS#8 PrivateKeyInfo DER, or undefined when it is not SM2. */
export function sm2PrivateKeyHex(pkcs8: Uint8Array): string | undefined {
  try {
    const [, algorithm, keyOctets] = childrenOf(expectTag(readSingle(pkcs8, 'PrivateKeyInfo'), 0x30, 'PrivateKeyInfo'));
    if (!isSm2Algorithm(algorithm)) return undefined;
    const ecPrivateKey = readSingle(contentOf(expectTag(keyOctets, 0x04, 'privateKey')), 'ECPrivateKey');
    const scalar = contentOf(
      expectTag(childrenOf(expectTag(ecPrivateKey, 0x30, 'ECPrivateKey'))[1], 0x04, 'privateKey'),
    );
    return scalar.length === 32 ? toHex(scalar) : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a DER SM2 signature over `data` (SM3 of Z(userId, key) ‖ data). */
export async function sm2Verify(
  publicKeyHex: string,
  data: Uint8Array,
  signature: Uint8Array,
  userId: string,
): Promise<boolean> {
  const { sm2 } = await import('sm-crypto-v2');
  try {
    return sm2.doVerifySignature(data, toHex(signature), publicKeyHex, { der: true, hash: true, userId });
  } catch {
    return false;
  }
}

/** Makes a DER SM2 signature over `data` with the standard construction (SM3 of Z ‖ data). */
export async function sm2Sign(
  privateKeyHex: string,
  publicKeyHex: string,
  data: Uint8Array,
  userId: string,
): Promise<Uint8Array> {
  const { sm2 } = await import('sm-crypto-v2');
  const hex = sm2.doSignature(data, privateKeyHex, { der: true, hash: true, publicKey: publicKeyHex, userId });
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
