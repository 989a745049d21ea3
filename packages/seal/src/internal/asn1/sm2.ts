// SM2 (GB/T 32918) with SM3 through sm-crypto-v2, loaded on first use. Node's crypto cannot do it: it signs SM2 keys
// as plain ECDSA or with an empty user ID (seal.md §8).
import { type DerNode, childrenOf, contentOf, expectTag, integer, readOid, readSingle, sequence } from './der';
import { bytesEqual, toHex } from './input';
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

/** Order n of the SM2 base point (GB/T 32918.5). */
const SM2_ORDER = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

/**
 * r ‖ s (32 bytes each, hex) of a DER SM2 signature, or undefined unless it is exactly SEQUENCE { INTEGER r,
 * INTEGER s } in DER (minimal, non-negative, no trailing bytes) with 1 ≤ r, s < n (GB/T 32918.2 §7.1 B1, B2).
 * sm-crypto-v2's own decoder checks none of this: it skips tags and trailing bytes and reads negative integers as
 * positive, so one signature had many accepted encodings (BouncyCastle and OpenSSL accept only the DER one).
 */
export function sm2SignatureRawHex(signature: Uint8Array): string | undefined {
  try {
    const fields = childrenOf(expectTag(readSingle(signature, 'SM2 signature'), 0x30, 'SM2 signature'));
    if (fields.length !== 2) return undefined;
    const values = fields.map((field) => contentOf(expectTag(field, 0x02, 'SM2 signature INTEGER')));
    if (!bytesEqual(sequence(...values.map((value) => integer(value))), signature)) return undefined;
    const hex = values.map((value) =>
      toHex(value)
        .replace(/^(00)+/, '')
        .padStart(64, '0'),
    );
    const inRange = hex.every((part) => {
      const number = BigInt(`0x${part}`);
      return number >= 1n && number < SM2_ORDER;
    });
    return inRange ? hex.join('') : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a DER SM2 signature over `data` (SM3 of Z(userId, key) ‖ data); only the DER encoding is accepted. */
export async function sm2Verify(
  publicKeyHex: string,
  data: Uint8Array,
  signature: Uint8Array,
  userId: string,
): Promise<boolean> {
  const raw = sm2SignatureRawHex(signature);
  if (raw === undefined) return false;
  const { sm2 } = await import('sm-crypto-v2');
  try {
    return sm2.doVerifySignature(data, raw, publicKeyHex, { der: false, hash: true, userId });
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
