import {
  type KeyObject,
  X509Certificate,
  constants,
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign,
} from 'node:crypto';
import forge from 'node-forge';
import { SealError } from './errors';
import { childrenOf, contentOf, expectTag, readOid, readSingle } from './internal/asn1/der';
import { type BytesInput, bytesEqual, describeInput, toBytes, toDer, toDerList } from './internal/asn1/input';
import { sm2PrivateKeyHex, sm2PublicKeyHex, sm2Sign } from './internal/asn1/sm2';
import { SM2_DEFAULT_USER_ID, type SignatureAlgorithm } from './types';

/**
 * A raw signer: software keys, HSMs, UKeys and cloud KMS implement it. The SDK builds the CMS / JWS / SES structure
 * around the raw signature, so the signer never needs to know about PDF or JSON.
 *
 * @example
 * ```ts
 * const hsmSigner: Signer = {
 *   algorithm: 'ES256',
 *   certificate: certificateDer,
 *   chain: [intermediateDer],
 *   sign: (data) => hsm.signSha256Ecdsa(data), // hashes `data` itself, returns DER Ecdsa-Sig-Value
 * };
 * ```
 */
export interface Signer {
  /** The algorithm `sign` applies; it must match the certificate's key. */
  readonly algorithm: SignatureAlgorithm;
  /** The signing certificate, DER. */
  readonly certificate: Uint8Array;
  /** Intermediate certificates up to (not necessarily including) the root, DER, nearest first. */
  readonly chain?: Uint8Array[];
  /**
   * Signs `data` (the signer hashes it as its algorithm requires).
   *
   * @param data - the bytes to sign (for CMS: the DER of the signed attributes).
   * @returns the raw signature: PKCS#1 / PSS bytes for RSA, DER `Ecdsa-Sig-Value` for ECDSA and SM2, 64 bytes for
   * Ed25519.
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** Options of {@link createSoftwareSigner} for a PEM/DER private key plus certificate. */
export interface SoftwareSignerKeyOptions {
  /** PKCS#8 private key: PEM (`PRIVATE KEY`, also `RSA PRIVATE KEY` / `EC PRIVATE KEY`) or DER PKCS#8 bytes. */
  privateKey: BytesInput | string;
  /** Passphrase of an encrypted PEM/PKCS#8 key. */
  passphrase?: string;
  /** Signing certificate, PEM or DER. */
  certificate: BytesInput | string;
  /** Intermediate certificates, PEM (one string may hold several) or DER, nearest first. */
  chain?: Array<BytesInput | string>;
  /**
   * Algorithm; default inferred from the key (RSA → RS256, P-256 → ES256, P-384 → ES384, Ed25519 → EdDSA,
   * SM2 → SM2-SM3).
   */
  algorithm?: SignatureAlgorithm;
  /**
   * SM2 user ID (GB/T 32918 Z value) for SM2 keys.
   * @default '1234567812345678'
   */
  sm2UserId?: string;
}

/** Options of {@link createSoftwareSigner} for a PKCS#12 (.p12 / .pfx) file. */
export interface SoftwareSignerPkcs12Options {
  /** The PKCS#12 file bytes. */
  pkcs12: BytesInput;
  /** Its password (Unicode passwords are handled as OpenSSL does: UTF-8 for PBES2, BMPString for the MAC). */
  password: string;
  /** Algorithm; default inferred from the key. */
  algorithm?: SignatureAlgorithm;
  /**
   * SM2 user ID for SM2 keys.
   * @default '1234567812345678'
   */
  sm2UserId?: string;
}

/** Options of {@link createSoftwareSigner}. */
export type SoftwareSignerOptions = SoftwareSignerKeyOptions | SoftwareSignerPkcs12Options;

const PEM_CERTIFICATE = ['CERTIFICATE'] as const;

function keyAlgorithms(key: KeyObject): SignatureAlgorithm[] {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return ['RS256', 'PS256'];
  if (type === 'rsa-pss') return ['PS256'];
  if (type === 'ed25519') return ['EdDSA'];
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return ['ES256'];
    if (curve === 'secp384r1') return ['ES384'];
  }
  return [];
}

function describeKey(key: KeyObject): string {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  return [key.asymmetricKeyType ?? 'unknown', curve, bits === undefined ? undefined : `${bits} bits`]
    .filter((part) => part !== undefined)
    .join(' ');
}

function loadPrivateKey(value: BytesInput | string, passphrase: string | undefined): KeyObject {
  try {
    if (typeof value === 'string') {
      return createPrivateKey(passphrase === undefined ? value : { key: value, passphrase });
    }
    const der = Buffer.from(toBytes(value, 'privateKey'));
    return createPrivateKey(
      passphrase === undefined
        ? { key: der, format: 'der', type: 'pkcs8' }
        : { key: der, format: 'der', type: 'pkcs8', passphrase },
    );
  } catch (cause) {
    if (cause instanceof SealError) throw cause;
    throw new SealError(
      'ERR_SEAL_KEY_INVALID',
      `privateKey (${describeInput(value)}) could not be read as a PKCS#8/PEM private key (wrong format or passphrase); export it with "openssl pkcs8 -topk8".`,
      { cause },
    );
  }
}

function readCertificate(der: Uint8Array, name: string): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (cause) {
    throw new SealError(
      'ERR_SEAL_CERTIFICATE_INVALID',
      `${name} (${describeInput(der)}) is not an X.509 certificate; pass the DER bytes or PEM text of the certificate.`,
      { cause },
    );
  }
}

function spki(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ type: 'spki', format: 'der' }));
}

interface SignerParts {
  key: KeyObject;
  certificate: Uint8Array;
  chain: Uint8Array[];
  algorithm?: SignatureAlgorithm;
}

/** The SM2 private scalar of a key, or undefined for other key types (node reports no type for SM2 keys). */
function sm2KeyOf(key: KeyObject): string | undefined {
  if (key.asymmetricKeyType !== undefined) return undefined;
  try {
    return sm2PrivateKeyHex(new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })));
  } catch {
    return undefined;
  }
}

function readPkcs12(options: SoftwareSignerPkcs12Options): SignerParts {
  const bytes = toBytes(options.pkcs12, 'pkcs12');
  if (typeof options.password !== 'string') {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `password must be a string, got ${describeInput(options.password)}; pass '' for a PKCS#12 file without a password.`,
    );
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = openPkcs12(bytes, options.password);
  } catch (cause) {
    throw new SealError(
      'ERR_SEAL_KEY_INVALID',
      `pkcs12 (${describeInput(bytes)}) could not be opened: not a PKCS#12 file, or the password is wrong.`,
      { cause },
    );
  }
  const keys: KeyObject[] = [];
  const certificates: Uint8Array[] = [];
  for (const safeContents of p12.safeContents) {
    for (const bag of safeContents.safeBags) {
      // RSA keys come back as forge keys (integers, re-encoding is exact); EC/Ed25519 keys stay as PrivateKeyInfo ASN.1.
      const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
      const isKey = bag.type === forge.pki.oids.keyBag || bag.type === forge.pki.oids.pkcs8ShroudedKeyBag;
      if (isKey && info) {
        const der = Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary');
        keys.push(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
      } else if (bag.type === forge.pki.oids.certBag) {
        certificates.push(certificateBagDer(bag));
      }
    }
  }
  const [key] = keys;
  if (key === undefined || keys.length > 1) {
    throw new SealError(
      'ERR_SEAL_KEY_INVALID',
      `pkcs12 holds ${keys.length} private keys; export a PKCS#12 file with exactly one key and its certificate chain.`,
    );
  }
  const publicKey = spki(createPublicKey(key));
  const index = certificates.findIndex((der) =>
    bytesEqual(spki(readCertificate(der, 'pkcs12 certificate').publicKey), publicKey),
  );
  if (index < 0) {
    throw new SealError(
      'ERR_SEAL_CERTIFICATE_INVALID',
      `pkcs12 holds ${certificates.length} certificates but none matches its private key; re-export it with the signing certificate.`,
    );
  }
  const chain = certificates.filter((_, position) => position !== index);
  return options.algorithm === undefined
    ? { key, certificate: certificates[index]!, chain }
    : { key, certificate: certificates[index]!, chain, algorithm: options.algorithm };
}

const MAC_DIGESTS: Readonly<Record<string, { node: string; forge: () => forge.md.MessageDigest; length: number }>> = {
  '1.3.14.3.2.26': { node: 'sha1', forge: () => forge.md.sha1.create(), length: 20 },
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', forge: () => forge.md.sha256.create(), length: 32 },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', forge: () => forge.md.sha384.create(), length: 48 },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', forge: () => forge.md.sha512.create(), length: 64 },
};

/**
 * Opens a PKCS#12 file with node-forge. forge derives PBES2 keys from the password's low bytes, while OpenSSL uses its
 * UTF-8 bytes (and BMPString for the MAC and PKCS#12 PBE). For a non-ASCII password the MAC is therefore checked here
 * (BMPString, as RFC 7292 says) and forge decrypts with the UTF-8 form (PBES2), falling back to the plain string
 * (legacy PKCS#12 PBE).
 */
function openPkcs12(bytes: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  const read = () => forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  if (/^[\x00-\x7f]*$/.test(password)) return forge.pkcs12.pkcs12FromAsn1(read(), false, password);
  verifyPkcs12Mac(bytes, password);
  const withoutMac = () => {
    const asn1 = read();
    (asn1.value as forge.asn1.Asn1[]).splice(2);
    return asn1;
  };
  try {
    return forge.pkcs12.pkcs12FromAsn1(withoutMac(), false, forge.util.encodeUtf8(password));
  } catch {
    return forge.pkcs12.pkcs12FromAsn1(withoutMac(), false, password);
  }
}

function verifyPkcs12Mac(bytes: Uint8Array, password: string): void {
  const [, authSafe, macData] = childrenOf(readSingle(bytes, 'PFX'));
  if (macData === undefined) return;
  const [, wrapper] = childrenOf(expectTag(authSafe, 0x30, 'authSafe'));
  const content = contentOf(
    expectTag(childrenOf(expectTag(wrapper, 0xa0, 'authSafe content'))[0], 0x04, 'authSafe data'),
  );
  const [digestInfo, salt, iterations] = childrenOf(expectTag(macData, 0x30, 'MacData'));
  const [algorithm, digest] = childrenOf(expectTag(digestInfo, 0x30, 'DigestInfo'));
  const spec = MAC_DIGESTS[readOid(childrenOf(expectTag(algorithm, 0x30, 'digestAlgorithm'))[0], 'MAC digest')];
  if (spec === undefined) throw new Error('unsupported PKCS#12 MAC digest');
  const count = iterations === undefined ? 1 : contentOf(iterations).reduce((value, byte) => value * 256 + byte, 0);
  const saltBytes = Buffer.from(contentOf(expectTag(salt, 0x04, 'macSalt'))).toString('binary');
  const key = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(saltBytes),
    3,
    count,
    spec.length,
    spec.forge(),
  );
  const mac = createHmac(spec.node, Buffer.from(key.getBytes(), 'binary')).update(content).digest();
  if (!bytesEqual(mac, contentOf(expectTag(digest, 0x04, 'MAC digest'))))
    throw new Error('PKCS#12 MAC mismatch: wrong password');
}

/**
 * DER of a certificate bag, byte-exact. forge's certificate object re-encodes names from decoded strings (the
 * Chinese-DN double-encoding bug), so the DER is rebuilt from forge's generic ASN.1 tree, which keeps the bytes.
 */
function certificateBagDer(bag: forge.pkcs12.Bag): Uint8Array {
  const tree = bag.asn1 ?? (bag.cert ? rebuildCertificateAsn1(bag.cert) : undefined);
  if (tree === undefined) {
    throw new SealError('ERR_SEAL_CERTIFICATE_INVALID', 'pkcs12 holds an empty certificate bag; re-export the file.');
  }
  return new Uint8Array(Buffer.from(forge.asn1.toDer(tree).getBytes(), 'binary'));
}

function rebuildCertificateAsn1(cert: forge.pki.Certificate): forge.asn1.Asn1 {
  const tbs = (cert as unknown as { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate;
  const { asn1 } = forge;
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(cert.signatureOid ?? '').getBytes()),
      ...signatureParameters(cert),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${cert.signature as string}`),
  ]);
}

function signatureParameters(cert: forge.pki.Certificate): forge.asn1.Asn1[] {
  const { asn1 } = forge;
  const oid = cert.signatureOid ?? '';
  // RSA PKCS#1 v1.5 algorithms carry an explicit NULL; ECDSA/EdDSA carry nothing. RSASSA-PSS certificates are read
  // through bag.asn1 (forge cannot parse them), so they never reach this point.
  return oid.startsWith('1.2.840.113549.1.1.') ? [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')] : [];
}

function readKeyAndCertificate(options: SoftwareSignerKeyOptions): SignerParts {
  const key = loadPrivateKey(options.privateKey, options.passphrase);
  const certificate = toDer(options.certificate, 'certificate', PEM_CERTIFICATE);
  const chain = (options.chain ?? []).flatMap((entry, index) => toDerList(entry, `chain[${index}]`, PEM_CERTIFICATE));
  for (const [index, der] of chain.entries()) readCertificate(der, `chain[${index}]`);
  return options.algorithm === undefined
    ? { key, certificate, chain }
    : { key, certificate, chain, algorithm: options.algorithm };
}

/**
 * Creates a {@link Signer} from a software key: a PEM/DER PKCS#8 private key plus its certificate, or a PKCS#12 file.
 * Signatures are computed with Node's native crypto (`node:crypto`). RSA keys must have 2048 bits or more; ECDSA keys
 * must be P-256 or P-384; Ed25519 is supported. SM2 keys sign GB/T 32918 SM2-with-SM3 through sm-crypto-v2 (Node's
 * crypto cannot apply the SM2 user ID), with `sm2UserId` (default `1234567812345678`). node-forge is used only to open PKCS#12 files (MAC and decryption);
 * certificates inside are kept byte-exact.
 *
 * @param options - the key and certificate, or `{ pkcs12, password }`.
 * @returns a signer whose `sign()` returns the raw signature (DER for ECDSA).
 * @throws SealError `ERR_SEAL_INPUT_INVALID` for wrongly typed input; `ERR_SEAL_KEY_INVALID` when the key (or the
 * PKCS#12 file / password) cannot be read or is too weak; `ERR_SEAL_CERTIFICATE_INVALID` when the certificate cannot be
 * read or does not match the key; `ERR_SEAL_ALGORITHM_UNSUPPORTED` when `algorithm` does not fit the key.
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * const signer = createSoftwareSigner({
 *   privateKey: await readFile('seal.key', 'utf8'),
 *   certificate: await readFile('seal.crt', 'utf8'),
 *   chain: [await readFile('intermediate.crt', 'utf8')],
 * });
 * const p12Signer = createSoftwareSigner({ pkcs12: await readFile('seal.p12'), password: 'secret' });
 * ```
 */
export function createSoftwareSigner(options: SoftwareSignerOptions): Signer {
  if (typeof options !== 'object' || options === null) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `createSoftwareSigner() needs an options object, got ${describeInput(options)}; pass { privateKey, certificate } or { pkcs12, password }.`,
    );
  }
  const parts = 'pkcs12' in options ? readPkcs12(options) : readKeyAndCertificate(options);
  const { key, certificate, chain } = parts;
  const x509 = readCertificate(certificate, 'certificate');
  if (!bytesEqual(spki(x509.publicKey), spki(createPublicKey(key)))) {
    throw new SealError(
      'ERR_SEAL_CERTIFICATE_INVALID',
      'certificate does not match privateKey (different public keys); pass the certificate issued for this key.',
    );
  }
  const sm2PrivateKey = sm2KeyOf(key);
  const supported: SignatureAlgorithm[] = sm2PrivateKey === undefined ? keyAlgorithms(key) : ['SM2-SM3'];
  if (supported.length === 0) {
    throw new SealError(
      'ERR_SEAL_ALGORITHM_UNSUPPORTED',
      `the private key is ${describeKey(key)}; the software signer supports RSA (2048+ bits), ECDSA P-256/P-384, Ed25519 and SM2.`,
    );
  }
  const modulusLength = key.asymmetricKeyDetails?.modulusLength;
  if (modulusLength !== undefined && modulusLength < 2048) {
    throw new SealError(
      'ERR_SEAL_KEY_INVALID',
      `the RSA key has ${modulusLength} bits; at least 2048 bits are required. Generate a new key and certificate.`,
    );
  }
  const algorithm = parts.algorithm ?? supported[0]!;
  if (!supported.includes(algorithm)) {
    throw new SealError(
      'ERR_SEAL_ALGORITHM_UNSUPPORTED',
      `algorithm ${String(algorithm)} does not fit a ${describeKey(key)} key; use ${supported.join(' or ')}.`,
    );
  }
  if (sm2PrivateKey !== undefined) {
    const publicKeyHex = sm2PublicKeyHex(new Uint8Array(x509.publicKey.export({ type: 'spki', format: 'der' })))!;
    const userId = options.sm2UserId ?? SM2_DEFAULT_USER_ID;
    return {
      algorithm,
      certificate,
      chain,
      sign: async (data) => {
        try {
          return await sm2Sign(sm2PrivateKey, publicKeyHex, toBytes(data, 'data'), userId);
        } catch (cause) {
          throw new SealError('ERR_SEAL_SIGNER_FAILED', 'the SM2 software signature failed.', { cause });
        }
      },
    };
  }
  return {
    algorithm,
    certificate,
    chain,
    sign: (data) => signRaw(algorithm, key, toBytes(data, 'data')),
  };
}

function signRaw(algorithm: SignatureAlgorithm, key: KeyObject, data: Uint8Array): Promise<Uint8Array> {
  const digest = algorithm === 'EdDSA' ? null : algorithm === 'ES384' ? 'sha384' : 'sha256';
  const keyInput =
    algorithm === 'PS256'
      ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
      : { key, dsaEncoding: 'der' as const };
  return new Promise((resolve, reject) => {
    sign(digest, data, keyInput, (error, signature) => {
      if (error) {
        reject(
          new SealError('ERR_SEAL_SIGNER_FAILED', `the ${algorithm} software signature failed: ${error.message}`, {
            cause: error,
          }),
        );
      } else {
        resolve(new Uint8Array(signature));
      }
    });
  });
}
