import { type KeyObject, createPublicKey, generateKeyPair, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  CertificateList,
  CRLNumber,
  CRLReason,
  CRLReasons,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  RevokedCertificate,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertList,
  TBSCertificate,
  Time,
  Validity,
} from '@peculiar/asn1-x509';
import { createHash } from 'node:crypto';
import { toPem } from '../internal/asn1/input';
import { sm2PrivateKeyHex, sm2PublicKeyHex, sm2Sign } from '../internal/asn1/sm2';
import { OID } from '../internal/asn1/oids';
import { signatureAlgorithmIdentifier } from '../internal/cms/signed-data';
import { type Signer, createSoftwareSigner } from '../signer';
import { SM2_DEFAULT_USER_ID, type SignatureAlgorithm, type TrustPolicy } from '../types';
import {
  type TimestampResponder,
  type TimestampResponderOptions,
  startTimestampResponder,
} from './timestamp-responder';

const generateKeyPairAsync = promisify(generateKeyPair);

/** A generated certificate, as DER and PEM. */
export interface TestCertificate {
  /** DER bytes. */
  der: Uint8Array;
  /** PEM text (`CERTIFICATE`). */
  pem: string;
  /** Serial number, lower-case hex. */
  serialHex: string;
}

/** A signer of the test PKI, with its key in PEM for external tools (openssl, PKCS#12 export). */
export interface TestSigner extends Signer {
  /** Unencrypted PKCS#8 PEM of the private key. Test-only, generated at run time. */
  readonly privateKeyPem: string;
  /** The certificate, DER and PEM. */
  readonly testCertificate: TestCertificate;
}

/** A generated CRL, as DER and PEM. */
export interface TestCrl {
  /** DER bytes. */
  der: Uint8Array;
  /** PEM text (`X509 CRL`). */
  pem: string;
}

/** The time-stamp authority of the test PKI. */
export interface TestTsa {
  /** TSA certificate (issued by the root, critical extendedKeyUsage timeStamping). */
  certificate: TestCertificate;
  /** The TSA's signer (ES256). */
  signer: TestSigner;
  /**
   * Starts an RFC 3161 responder on 127.0.0.1 (random port).
   *
   * @param options - clock and policy of the responder.
   * @returns the running responder; call `close()` when done.
   */
  startResponder(options?: TimestampResponderOptions): Promise<TimestampResponder>;
}

/** Everything {@link createTestPki} generates. */
export interface TestPki {
  /** Self-signed root CA (RSA 2048). */
  rootCertificate: TestCertificate;
  /** Intermediate CA (ECDSA P-256) issuing the seal and personal certificates. */
  intermediateCertificate: TestCertificate;
  /**
   * PKCS#8 PEM private keys of the root and intermediate CAs, for making extra test artefacts with external tools
   * (e.g. `openssl ocsp` responses). Test-only, generated at run time.
   */
  caKeys: { root: string; intermediate: string };
  /** Organisation seal signer, RSA 2048 (RS256), O=衡阳市行政审批服务局. */
  sealSigner: TestSigner;
  /** Organisation seal signer, ECDSA P-256 (ES256). */
  sealSignerEc: TestSigner;
  /** Personal signer, ECDSA P-256, CN=张三. */
  personalSigner: TestSigner;
  /** A seal signer whose certificate is revoked in {@link TestPki.crl}. */
  revokedSigner: TestSigner;
  /** Self-signed SM2 root CA (SM2-with-SM3, standard user ID). */
  sm2RootCertificate: TestCertificate;
  /** Organisation seal signer with an SM2 key (`SM2-SM3`), issued by {@link TestPki.sm2RootCertificate}. */
  sealSignerSm2: TestSigner;
  /** The SM2 root's CRL (empty). */
  sm2Crl: TestCrl;
  /** The intermediate's CRL, listing {@link TestPki.revokedSigner} as revoked (keyCompromise). */
  crl: TestCrl;
  /** The root's CRL (empty), covering the intermediate and the TSA. */
  rootCrl: TestCrl;
  /** The time-stamp authority. */
  tsa: TestTsa;
  /**
   * Issues another CRL signed by the intermediate CA, e.g. an older or newer CRL than {@link TestPki.crl}, to test
   * how a verifier chooses between several usable CRLs.
   *
   * @param options - `thisUpdate` (default: the reference time; `nextUpdate` is 30 days later) and the
   * certificates to list as revoked (keyCompromise, one hour before `thisUpdate`; default none).
   * @returns the CRL.
   */
  issueCrl(options?: { thisUpdate?: Date; revoked?: TestCertificate[] }): Promise<TestCrl>;
  /**
   * A trust policy with the two roots (RSA and SM2) as the only anchors, the intermediate, all CRLs and
   * `mode: 'require'`.
   *
   * @param overrides - fields to replace.
   * @returns the policy.
   */
  policy(overrides?: Partial<TrustPolicy>): TrustPolicy;
}

/** Options of {@link createTestPki}. */
export interface TestPkiOptions {
  /**
   * Reference time: certificates are valid from one day before it; CRLs are issued at it.
   * @default new Date()
   */
  now?: Date;
  /**
   * Validity of the end-entity certificates in days.
   * @default 730
   */
  leafValidityDays?: number;
}

interface Issuer {
  name: Name;
  key: KeyObject;
  keyId: Uint8Array;
  algorithm: SignatureAlgorithm;
}

const DAY = 86_400_000;

function name(attributes: Array<[string, string]>): Name {
  return new Name(
    attributes.map(
      ([type, value]) =>
        new RelativeDistinguishedName([
          new AttributeTypeAndValue({
            type,
            // C must be a PrintableString (RFC 5280); everything else UTF8String, so Chinese names are byte-exact.
            value: new AttributeValue(type === '2.5.4.6' ? { printableString: value } : { utf8String: value }),
          }),
        ]),
    ),
  );
}

/** Name of a certificate of the test CA organisation. */
function caName(commonName: string): Name {
  return name([
    ['2.5.4.6', 'CN'],
    ['2.5.4.10', '衡阳市数字证书认证中心（测试）'],
    ['2.5.4.3', commonName],
  ]);
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function serialNumber(): ArrayBuffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10; // positive, no leading zero
  return new Uint8Array(bytes).buffer;
}

function isSm2(key: KeyObject): boolean {
  return key.asymmetricKeyDetails?.namedCurve === 'SM2';
}

async function signWith(algorithm: SignatureAlgorithm, key: KeyObject, data: Uint8Array): Promise<Uint8Array> {
  if (algorithm === 'SM2-SM3') {
    const privateKeyHex = sm2PrivateKeyHex(new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })))!;
    const publicKeyHex = sm2PublicKeyHex(new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' })))!;
    return sm2Sign(privateKeyHex, publicKeyHex, data, SM2_DEFAULT_USER_ID);
  }
  return new Uint8Array(sign(algorithm === 'ES384' ? 'sha384' : 'sha256', data, { key, dsaEncoding: 'der' }));
}

function algorithmIdentifier(algorithm: SignatureAlgorithm): AlgorithmIdentifier {
  return AsnConvert.parse(signatureAlgorithmIdentifier(algorithm), AlgorithmIdentifier);
}

function keyIdentifier(spki: Uint8Array): Uint8Array {
  const parsed = AsnConvert.parse(spki, SubjectPublicKeyInfo);
  return new Uint8Array(createHash('sha1').update(new Uint8Array(parsed.subjectPublicKey)).digest());
}

interface CertificateSpec {
  subject: Name;
  publicKey: KeyObject;
  issuer?: Issuer;
  selfKey?: KeyObject;
  notBefore: Date;
  notAfter: Date;
  ca?: { pathLength?: number };
  keyUsage: number;
  extendedKeyUsage?: string[];
}

async function issueCertificate(
  spec: CertificateSpec,
): Promise<{ der: Uint8Array; serialHex: string; keyId: Uint8Array }> {
  const spki = new Uint8Array(spec.publicKey.export({ type: 'spki', format: 'der' }));
  const keyId = keyIdentifier(spki);
  const signerKey = spec.issuer?.key ?? spec.selfKey!;
  const algorithm: SignatureAlgorithm =
    spec.issuer?.algorithm ??
    (signerKey.asymmetricKeyType === 'rsa' ? 'RS256' : isSm2(signerKey) ? 'SM2-SM3' : 'ES256');
  const extensions = [
    extension(
      OID.basicConstraints,
      true,
      new BasicConstraints(
        spec.ca
          ? { cA: true, ...(spec.ca.pathLength === undefined ? {} : { pathLenConstraint: spec.ca.pathLength }) }
          : {},
      ),
    ),
    extension(OID.keyUsage, true, new KeyUsage(spec.keyUsage)),
    extension(OID.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId)),
    extension(
      OID.authorityKeyIdentifier,
      false,
      new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(spec.issuer?.keyId ?? keyId) }),
    ),
  ];
  if (spec.extendedKeyUsage)
    extensions.push(extension(OID.extKeyUsage, true, new ExtendedKeyUsage(spec.extendedKeyUsage)));
  const serial = serialNumber();
  const tbs = new TBSCertificate({
    version: 2,
    serialNumber: serial,
    signature: algorithmIdentifier(algorithm),
    issuer: spec.issuer?.name ?? spec.subject,
    validity: new Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject: spec.subject,
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    extensions: new Extensions(extensions),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: algorithmIdentifier(algorithm),
    signatureValue: (await signWith(algorithm, signerKey, tbsDer)).slice().buffer,
  });
  return {
    der: new Uint8Array(AsnConvert.serialize(certificate)),
    serialHex: Buffer.from(serial).toString('hex'),
    keyId,
  };
}

async function issueCrl(
  issuer: Issuer,
  now: Date,
  revoked: Array<{ serialHex: string; date: Date }>,
): Promise<TestCrl> {
  const tbs = new TBSCertList({
    version: 1,
    signature: algorithmIdentifier(issuer.algorithm),
    issuer: issuer.name,
    thisUpdate: new Time(now),
    nextUpdate: new Time(new Date(now.getTime() + 30 * DAY)),
    ...(revoked.length === 0
      ? {}
      : {
          revokedCertificates: revoked.map(
            (entry) =>
              new RevokedCertificate({
                userCertificate: new Uint8Array(Buffer.from(entry.serialHex, 'hex')).buffer,
                revocationDate: new Time(entry.date),
                crlEntryExtensions: [extension(OID.crlReason, false, new CRLReason(CRLReasons.keyCompromise))],
              }),
          ),
        }),
    crlExtensions: [
      extension(
        OID.authorityKeyIdentifier,
        false,
        new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(issuer.keyId) }),
      ),
      extension(OID.crlNumber, false, new CRLNumber(1)),
    ],
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const crl = new CertificateList({
    tbsCertList: tbs,
    signatureAlgorithm: algorithmIdentifier(issuer.algorithm),
    signature: (await signWith(issuer.algorithm, issuer.key, tbsDer)).slice().buffer,
  });
  const der = new Uint8Array(AsnConvert.serialize(crl));
  return { der, pem: toPem(der, 'X509 CRL') };
}

function testCertificate(issued: { der: Uint8Array; serialHex: string }): TestCertificate {
  return { der: issued.der, pem: toPem(issued.der, 'CERTIFICATE'), serialHex: issued.serialHex };
}

function testSigner(key: KeyObject, certificate: TestCertificate, chain: Uint8Array[]): TestSigner {
  const privateKeyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signer = createSoftwareSigner({ privateKey: privateKeyPem, certificate: certificate.der, chain });
  return { ...signer, privateKeyPem, testCertificate: certificate };
}

/**
 * Creates a complete test PKI at run time: root CA (RSA 2048) → intermediate CA (P-256) → organisation seal
 * certificates (RSA 2048 and P-256) with Chinese subject names encoded as UTF8String, a personal certificate, a revoked
 * certificate and CRLs, an SM2 root with an SM2 seal certificate (standard user ID), plus a time-stamp authority with a
 * critical timeStamping EKU and a local RFC 3161 responder.
 * Nothing is read from disk and no private key is stored: every call makes new keys. For tests, examples and CI only.
 *
 * @param options - reference time and leaf validity.
 * @returns the certificates, signers, CRLs, TSA and a ready trust policy.
 * @throws SealError only if node:crypto cannot generate keys (never for valid options).
 * @example
 * ```ts
 * import { createTestPki } from '@zwfw/seal/testing';
 * const pki = await createTestPki();
 * const responder = await pki.tsa.startResponder();
 * const signed = await signPdf(pdf, pki.sealSigner, { tsa: responder.client });
 * const report = await validatePdf(signed, pki.policy());
 * await responder.close();
 * ```
 */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - DAY);
  const leafNotAfter = new Date(now.getTime() + (options.leafValidityDays ?? 730) * DAY);
  const [
    rootKeys,
    intermediateKeys,
    sealKeys,
    sealEcKeys,
    personalKeys,
    revokedKeys,
    tsaKeys,
    sm2RootKeys,
    sm2SealKeys,
  ] = await Promise.all([
    generateKeyPairAsync('rsa', { modulusLength: 2048 }),
    generateKeyPairAsync('ec', { namedCurve: 'P-256' }),
    generateKeyPairAsync('rsa', { modulusLength: 2048 }),
    generateKeyPairAsync('ec', { namedCurve: 'P-256' }),
    generateKeyPairAsync('ec', { namedCurve: 'P-256' }),
    generateKeyPairAsync('ec', { namedCurve: 'P-256' }),
    generateKeyPairAsync('ec', { namedCurve: 'P-256' }),
    generateKeyPairAsync('ec', { namedCurve: 'SM2' }),
    generateKeyPairAsync('ec', { namedCurve: 'SM2' }),
  ]);

  const selfSignedRoot = async (subject: Name, keys: { publicKey: KeyObject; privateKey: KeyObject }) =>
    issueCertificate({
      subject,
      publicKey: keys.publicKey,
      selfKey: keys.privateKey,
      notBefore,
      notAfter: new Date(now.getTime() + 3650 * DAY),
      ca: {},
      keyUsage: KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign,
    });
  const rootName = caName('衡阳测试根证书');
  const root = await selfSignedRoot(rootName, rootKeys);
  const rootIssuer: Issuer = { name: rootName, key: rootKeys.privateKey, keyId: root.keyId, algorithm: 'RS256' };

  const intermediateName = caName('衡阳测试电子印章中级证书');
  const intermediate = await issueCertificate({
    subject: intermediateName,
    publicKey: intermediateKeys.publicKey,
    issuer: rootIssuer,
    notBefore,
    notAfter: new Date(now.getTime() + 1825 * DAY),
    ca: { pathLength: 0 },
    keyUsage: KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign,
  });
  const intermediateIssuer: Issuer = {
    name: intermediateName,
    key: intermediateKeys.privateKey,
    keyId: intermediate.keyId,
    algorithm: 'ES256',
  };

  const signingUsage = KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation;
  const leaf = (subject: Name, publicKey: KeyObject) =>
    issueCertificate({
      subject,
      publicKey,
      issuer: intermediateIssuer,
      notBefore,
      notAfter: leafNotAfter,
      keyUsage: signingUsage,
    });
  const organisation = (commonName: string) =>
    name([
      ['2.5.4.6', 'CN'],
      ['2.5.4.8', '湖南省'],
      ['2.5.4.7', '衡阳市'],
      ['2.5.4.10', '衡阳市行政审批服务局'],
      ['2.5.4.3', commonName],
    ]);
  const seal = await leaf(organisation('衡阳市行政审批服务局电子印章'), sealKeys.publicKey);
  const sealEc = await leaf(organisation('衡阳市行政审批服务局业务专用章'), sealEcKeys.publicKey);
  const personal = await leaf(
    name([
      ['2.5.4.6', 'CN'],
      ['2.5.4.10', '衡阳市行政审批服务局'],
      ['2.5.4.3', '张三'],
    ]),
    personalKeys.publicKey,
  );
  const revoked = await leaf(organisation('衡阳市行政审批服务局（已吊销测试章）'), revokedKeys.publicKey);
  const tsaCertificate = await issueCertificate({
    subject: caName('衡阳测试时间戳服务'),
    publicKey: tsaKeys.publicKey,
    issuer: rootIssuer,
    notBefore,
    notAfter: new Date(now.getTime() + 1825 * DAY),
    keyUsage: KeyUsageFlags.digitalSignature,
    extendedKeyUsage: [OID.kpTimeStamping],
  });

  // SM2 chain: SM2 root → SM2 seal certificate (signatures with the standard user ID, GM/T 0015)
  const sm2RootName = caName('衡阳测试SM2根证书');
  const sm2Root = await selfSignedRoot(sm2RootName, sm2RootKeys);
  const sm2Issuer: Issuer = {
    name: sm2RootName,
    key: sm2RootKeys.privateKey,
    keyId: sm2Root.keyId,
    algorithm: 'SM2-SM3',
  };
  const sm2Seal = await issueCertificate({
    subject: organisation('衡阳市行政审批服务局电子印章（SM2）'),
    publicKey: sm2SealKeys.publicKey,
    issuer: sm2Issuer,
    notBefore,
    notAfter: leafNotAfter,
    keyUsage: signingUsage,
  });
  const sm2Crl = await issueCrl(sm2Issuer, now, []);
  const sm2RootCertificate = testCertificate(sm2Root);

  const rootCertificate = testCertificate(root);
  const intermediateCertificate = testCertificate(intermediate);
  const chain = [intermediateCertificate.der];
  const revokedCertificate = testCertificate(revoked);
  const crl = await issueCrl(intermediateIssuer, now, [
    { serialHex: revokedCertificate.serialHex, date: new Date(now.getTime() - 3_600_000) },
  ]);
  const rootCrl = await issueCrl(rootIssuer, now, []);
  const tsaTestCertificate = testCertificate(tsaCertificate);
  const tsaSigner = testSigner(tsaKeys.privateKey, tsaTestCertificate, []);

  return {
    rootCertificate,
    intermediateCertificate,
    caKeys: {
      root: rootKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      intermediate: intermediateKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    sealSigner: testSigner(sealKeys.privateKey, testCertificate(seal), chain),
    sealSignerEc: testSigner(sealEcKeys.privateKey, testCertificate(sealEc), chain),
    personalSigner: testSigner(personalKeys.privateKey, testCertificate(personal), chain),
    revokedSigner: testSigner(revokedKeys.privateKey, revokedCertificate, chain),
    sm2RootCertificate,
    sealSignerSm2: testSigner(sm2SealKeys.privateKey, testCertificate(sm2Seal), []),
    crl,
    rootCrl,
    sm2Crl,
    tsa: {
      certificate: tsaTestCertificate,
      signer: tsaSigner,
      startResponder: (responderOptions) => startTimestampResponder(tsaSigner, responderOptions),
    },
    issueCrl: ({ thisUpdate = now, revoked: listed = [] } = {}) =>
      issueCrl(
        intermediateIssuer,
        thisUpdate,
        listed.map((entry) => ({ serialHex: entry.serialHex, date: new Date(thisUpdate.getTime() - 3_600_000) })),
      ),
    policy: (overrides = {}) => ({
      trustAnchors: [rootCertificate.der, sm2RootCertificate.der],
      intermediates: [intermediateCertificate.der],
      revocation: { crls: [crl.der, rootCrl.der, sm2Crl.der], mode: 'require' },
      ...overrides,
    }),
  };
}
