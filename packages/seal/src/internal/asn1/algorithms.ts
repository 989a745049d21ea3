// Signature algorithm identification and verification with node:crypto.
import { type KeyObject, constants, createPublicKey, verify } from 'node:crypto';
import type { SignatureAlgorithm } from '../../types';
import { Asn1ParseError, childrenOf, contentOf, expectTag, readOid, readSingle } from './der';
import { HASH_BY_OID, OID } from './oids';
import { sm2PublicKeyHex, sm2Verify } from './sm2';
import { SM2_DEFAULT_USER_ID } from '../../types';

/** What a signature algorithm identifier means. */
export interface AlgorithmDescription {
  /** JOSE-style name when it is one we accept, else undefined. */
  algorithm?: SignatureAlgorithm;
  /** node:crypto digest name (`sha256`, `sm3`, `sha1`, ...); null for Ed25519. */
  hash: string | null;
  /** Readable name for reports. */
  name: string;
  /** PSS salt length. */
  saltLength?: number;
}

const RSA_PKCS1: Readonly<Record<string, string>> = {
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
  [OID.sha1WithRsa]: 'sha1',
  [OID.md5WithRsa]: 'md5',
};
const ECDSA: Readonly<Record<string, string>> = {
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
  [OID.ecdsaWithSha1]: 'sha1',
};

function hashName(oid: string): string {
  const name = HASH_BY_OID[oid];
  if (name === undefined) throw new Asn1ParseError(`unknown digest algorithm ${oid}`);
  return name;
}

/** Reads the digest OID of a DigestAlgorithmIdentifier DER. */
export function digestOf(algorithmIdentifier: Uint8Array): string {
  const [oidNode] = childrenOf(
    expectTag(readSingle(algorithmIdentifier, 'AlgorithmIdentifier'), 0x30, 'AlgorithmIdentifier'),
  );
  return hashName(readOid(oidNode, 'digest algorithm'));
}

function pssParameters(parameters: Uint8Array | undefined): { hash: string; saltLength: number } {
  // RSASSA-PSS-params ::= SEQUENCE { [0] hashAlgorithm, [1] maskGenAlgorithm, [2] saltLength, [3] trailerField }
  let hash = 'sha1';
  let mgfHash = 'sha1';
  let saltLength = 20;
  if (parameters !== undefined) {
    for (const field of childrenOf(expectTag(readSingle(parameters, 'RSASSA-PSS-params'), 0x30, 'RSASSA-PSS-params'))) {
      const [inner] = childrenOf(field);
      if (field.tag === 0xa0) hash = hashName(readOid(childrenOf(expectTag(inner, 0x30, 'hashAlgorithm'))[0], 'hash'));
      if (field.tag === 0xa1) {
        const [mgfOid, mgfParameters] = childrenOf(expectTag(inner, 0x30, 'maskGenAlgorithm'));
        if (readOid(mgfOid, 'mgf') !== OID.mgf1) throw new Asn1ParseError('unsupported PSS mask generation function');
        mgfHash = hashName(readOid(childrenOf(expectTag(mgfParameters, 0x30, 'mgf1 hash'))[0], 'mgf1 hash'));
      }
      if (field.tag === 0xa2)
        saltLength = contentOf(expectTag(inner, 0x02, 'saltLength')).reduce((v, b) => v * 256 + b, 0);
    }
  }
  if (mgfHash !== hash) throw new Asn1ParseError('PSS with a different MGF1 hash is not supported');
  return { hash, saltLength };
}

/**
 * Describes a signature AlgorithmIdentifier. `digestOid` is the SignerInfo digestAlgorithm, used when the signature
 * algorithm is a bare key algorithm (rsaEncryption / ecPublicKey), as OpenSSL writes it.
 */
export function describeSignatureAlgorithm(algorithmIdentifier: Uint8Array, digestOid?: string): AlgorithmDescription {
  const fields = childrenOf(
    expectTag(readSingle(algorithmIdentifier, 'AlgorithmIdentifier'), 0x30, 'AlgorithmIdentifier'),
  );
  const oid = readOid(fields[0], 'signature algorithm');
  const digest = digestOid === undefined ? undefined : hashName(digestOid);
  const rsa = RSA_PKCS1[oid] ?? (oid === OID.rsaEncryption ? digest : undefined);
  if (rsa !== undefined)
    return { hash: rsa, name: `RSA-${rsa.toUpperCase()}`, ...(rsa === 'sha256' ? { algorithm: 'RS256' } : {}) };
  const ecdsa = ECDSA[oid] ?? (oid === OID.ecPublicKey ? digest : undefined);
  if (ecdsa !== undefined) {
    const algorithm: SignatureAlgorithm | undefined =
      ecdsa === 'sha256' ? 'ES256' : ecdsa === 'sha384' ? 'ES384' : undefined;
    return { hash: ecdsa, name: `ECDSA-${ecdsa.toUpperCase()}`, ...(algorithm ? { algorithm } : {}) };
  }
  if (oid === OID.rsassaPss) {
    const { hash, saltLength } = pssParameters(
      fields[1] === undefined ? undefined : fields[1].bytes.subarray(fields[1].start, fields[1].end),
    );
    return {
      hash,
      saltLength,
      name: `RSA-PSS-${hash.toUpperCase()}`,
      ...(hash === 'sha256' ? { algorithm: 'PS256' } : {}),
    };
  }
  if (oid === OID.ed25519) return { hash: null, name: 'Ed25519', algorithm: 'EdDSA' };
  // SM2-with-SM3, or the bare SM2 signature OID (sm2sign, …1.301.1) that some Chinese products write
  if (oid === OID.sm2WithSm3 || oid === '1.2.156.10197.1.301.1')
    return { hash: 'sm3', name: 'SM2-SM3', algorithm: 'SM2-SM3' };
  throw new Asn1ParseError(`unsupported signature algorithm ${oid}`);
}

/** Key size / curve check for the allow-list: RSA ≥ 2048, EC P-256/P-384, Ed25519. Returns a problem or undefined. */
export function weakKeyProblem(key: KeyObject): string | undefined {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = details?.modulusLength ?? 0;
    return bits < 2048 ? `RSA key of ${bits} bits (minimum 2048)` : undefined;
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = details?.namedCurve;
    return curve === 'prime256v1' || curve === 'secp384r1' || curve === 'secp521r1'
      ? undefined
      : `EC curve ${curve ?? 'unknown'}`;
  }
  if (key.asymmetricKeyType === 'ed25519') return undefined;
  return `key type ${key.asymmetricKeyType ?? 'unknown'}`;
}

/** A public key: the node KeyObject and the SPKI DER (SM2 keys are only usable through the SPKI). */
export interface VerificationKey {
  publicKey: KeyObject;
  spki: Uint8Array;
}

/** Key size / curve problem of a certificate key (SM2 keys are accepted), or undefined. */
export function keyProblem(key: VerificationKey): string | undefined {
  return sm2PublicKeyHex(key.spki) === undefined ? weakKeyProblem(key.publicKey) : undefined;
}

/**
 * Verifies `signature` over `data`, SM2 included (SM2 with `sm2UserId`, default 1234567812345678; certificates and
 * CRLs are always signed with the default ID, GM/T 0015).
 */
export async function verifyWithKey(
  description: AlgorithmDescription,
  key: VerificationKey,
  data: Uint8Array,
  signature: Uint8Array,
  sm2UserId: string = SM2_DEFAULT_USER_ID,
): Promise<boolean> {
  if (description.algorithm !== 'SM2-SM3') return verifySignature(description, key.publicKey, data, signature);
  const publicKeyHex = sm2PublicKeyHex(key.spki);
  return publicKeyHex === undefined ? false : sm2Verify(publicKeyHex, data, signature, sm2UserId);
}

/** Verifies `signature` over `data`. Throws Asn1ParseError for SM2: use {@link verifyWithKey}. */
export function verifySignature(
  description: AlgorithmDescription,
  key: KeyObject | Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (description.algorithm === 'SM2-SM3') {
    throw new Asn1ParseError('SM2 signatures cannot be verified with node:crypto (no GB/T 32918 user ID support)');
  }
  const publicKey =
    key instanceof Uint8Array ? createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' }) : key;
  const keyInput =
    description.saltLength !== undefined
      ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: description.saltLength }
      : { key: publicKey, dsaEncoding: 'der' as const };
  try {
    return verify(description.hash, data, keyInput, signature);
  } catch {
    return false;
  }
}
