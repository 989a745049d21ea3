// The cryptographic core shared by CMS signature and time-stamp token validation: signing certificate lookup,
// message digest, signature value, ESS signing-certificate(-v2), algorithm allow-list.
import { createHash } from 'node:crypto';
import { type ValidationCheck, createCheck } from '../../report';
import { SM2_DEFAULT_USER_ID, type SignatureAlgorithm, type TrustPolicy } from '../../types';
import { type AlgorithmDescription, describeSignatureAlgorithm, keyProblem, verifyWithKey } from '../asn1/algorithms';
import { type ParsedCertificate, parseCertificate, subjectKeyIdentifierOf } from '../asn1/certificate';
import { Asn1ParseError, childrenOf, contentOf, expectTag, readOid, readSingle } from '../asn1/der';
import { bytesEqual, toDerList } from '../asn1/input';
import { HASH_BY_OID, OID } from '../asn1/oids';
import { serialKey } from '../trust/crl';
import type { ParsedSignedData, ParsedSignerInfo } from './parse-signed-data';

/** Algorithms accepted when the policy does not list any. */
export const DEFAULT_ACCEPTED_ALGORITHMS: readonly SignatureAlgorithm[] = [
  'RS256',
  'PS256',
  'ES256',
  'ES384',
  'EdDSA',
  'SM2-SM3',
];
const STRONG_HASHES = new Set(['sha256', 'sha384', 'sha512', 'sm3']);

/** Outcome of {@link verifySignerInfo}. */
export interface SignerInfoResult {
  checks: ValidationCheck[];
  certificate?: ParsedCertificate;
  /** true when digest, signature value and ESS attribute all passed. */
  intact: boolean;
}

function candidateCertificates(signedData: ParsedSignedData, policy: TrustPolicy): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  const add = (der: Uint8Array) => {
    try {
      out.push(parseCertificate(der));
    } catch {
      // unreadable certificates in a CMS bag are ignored; the signer lookup reports if the signer's is missing
    }
  };
  signedData.certificates.forEach(add);
  for (const entry of [...(policy.intermediates ?? []), ...policy.trustAnchors]) {
    try {
      toDerList(entry, 'certificate', ['CERTIFICATE']).forEach(add);
    } catch {
      // reported by path validation
    }
  }
  return out;
}

function findSigner(signerInfo: ParsedSignerInfo, certificates: ParsedCertificate[]): ParsedCertificate | undefined {
  const { sid } = signerInfo;
  return certificates.find((certificate) =>
    sid.kind === 'issuerSerial'
      ? bytesEqual(certificate.issuerDer, sid.issuerDer) && serialKey(certificate.serial) === serialKey(sid.serial)
      : (() => {
          const ski = subjectKeyIdentifierOf(certificate);
          return ski !== undefined && bytesEqual(ski, sid.keyId);
        })(),
  );
}

function singleValue(signerInfo: ParsedSignerInfo, type: string): Uint8Array | undefined {
  const values = signerInfo.signedAttributes.get(type);
  return values?.length === 1 ? values[0] : undefined;
}

/** Checks the ESS signing-certificate(-v2) attribute against the signer certificate; undefined when absent. */
function essCheck(
  signerInfo: ParsedSignerInfo,
  certificate: ParsedCertificate,
): { found: 'v1' | 'v2'; problem?: string } | undefined {
  const v2 = singleValue(signerInfo, OID.signingCertificateV2);
  const v1 = singleValue(signerInfo, OID.signingCertificate);
  const value = v2 ?? v1;
  if (value === undefined) return undefined;
  const found = v2 !== undefined ? 'v2' : 'v1';
  try {
    const [certs] = childrenOf(expectTag(readSingle(value, 'SigningCertificate'), 0x30, 'SigningCertificate'));
    const [first] = childrenOf(expectTag(certs, 0x30, 'certs'));
    const fields = childrenOf(expectTag(first, 0x30, 'ESSCertID'));
    let index = 0;
    let hash = found === 'v2' ? 'sha256' : 'sha1';
    if (found === 'v2' && fields[0]?.tag === 0x30) {
      const oid = readOid(childrenOf(fields[0])[0], 'ESSCertIDv2.hashAlgorithm');
      hash = HASH_BY_OID[oid] ?? oid;
      index = 1;
    }
    if (!STRONG_HASHES.has(hash) && !(found === 'v1' && hash === 'sha1'))
      return { found, problem: `unsupported certHash algorithm ${hash}` };
    const certHash = contentOf(expectTag(fields[index], 0x04, 'certHash'));
    if (!bytesEqual(certHash, createHash(hash).update(certificate.der).digest())) {
      return { found, problem: 'certHash does not match the signing certificate' };
    }
    const issuerSerial = fields[index + 1];
    if (issuerSerial !== undefined) {
      const [names, serial] = childrenOf(expectTag(issuerSerial, 0x30, 'IssuerSerial'));
      const directoryNames = childrenOf(expectTag(names, 0x30, 'GeneralNames')).filter((name) => name.tag === 0xa4);
      const serialMatches =
        serialKey(contentOf(expectTag(serial, 0x02, 'serialNumber'))) === serialKey(certificate.serial);
      const issuerMatches = directoryNames.some((name) => bytesEqual(contentOf(name), certificate.issuerDer));
      if (!serialMatches || (directoryNames.length > 0 && !issuerMatches)) {
        return { found, problem: 'issuerSerial does not match the signing certificate' };
      }
    }
    return { found };
  } catch (error) {
    return { found, problem: `malformed attribute (${(error as Error).message})` };
  }
}

/** Verifies the message digest over `content` and the signature value of one SignerInfo. */
export async function verifySignerInfo(input: {
  signedData: ParsedSignedData;
  signerInfo: ParsedSignerInfo;
  /** The signed content in chunks (detached) — or the encapsulated content. */
  content: Uint8Array[];
  policy: TrustPolicy;
  /** ESS signing-certificate attribute: `required` fails without it, `preferred` warns. */
  essAttribute: 'required' | 'preferred';
}): Promise<SignerInfoResult> {
  const { signerInfo, policy } = input;
  const checks: ValidationCheck[] = [];
  let description: AlgorithmDescription | undefined;
  let digestName: string | undefined;
  let algorithmProblem: string | undefined;
  try {
    digestName = HASH_BY_OID[signerInfo.digestOid];
    if (digestName === undefined) throw new Asn1ParseError(`unknown digest algorithm ${signerInfo.digestOid}`);
    description = describeSignatureAlgorithm(signerInfo.signatureAlgorithm, signerInfo.digestOid);
    const accepted = policy.acceptedAlgorithms ?? DEFAULT_ACCEPTED_ALGORITHMS;
    if (!STRONG_HASHES.has(digestName) || (description.hash !== null && !STRONG_HASHES.has(description.hash))) {
      algorithmProblem = `weak digest ${(STRONG_HASHES.has(digestName) ? description.hash : digestName)?.toUpperCase()}`;
    } else if (
      description.algorithm === undefined
        ? policy.acceptedAlgorithms !== undefined
        : !accepted.includes(description.algorithm)
    ) {
      algorithmProblem = `${description.name} is not in the accepted algorithms (${accepted.join(', ')})`;
    }
  } catch (error) {
    algorithmProblem = (error as Error).message;
  }

  const certificate = findSigner(signerInfo, candidateCertificates(input.signedData, policy));
  if (certificate !== undefined) {
    const weak = keyProblem(certificate);
    if (weak !== undefined && algorithmProblem === undefined) algorithmProblem = weak;
  }
  checks.push(
    algorithmProblem === undefined
      ? createCheck(
          'CRYPTO_ALG_ALLOWED',
          'PASSED',
          '算法符合要求',
          `${description?.name} with ${digestName?.toUpperCase()} is accepted`,
        )
      : createCheck('CRYPTO_ALG_ALLOWED', 'FAILED', '算法不符合要求', algorithmProblem, {
          subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
        }),
  );

  // message digest
  const messageDigest = singleValue(signerInfo, OID.messageDigest);
  let digestOk = false;
  if (digestName === undefined || digestName === 'md5') {
    checks.push(
      createCheck(
        'CMS_MESSAGE_DIGEST',
        'FAILED',
        '摘要算法不受支持',
        `unsupported digest algorithm ${signerInfo.digestOid}`,
        { subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' },
      ),
    );
  } else if (messageDigest === undefined) {
    checks.push(
      createCheck(
        'CMS_MESSAGE_DIGEST',
        'FAILED',
        '缺少消息摘要属性',
        'the message-digest signed attribute is missing or repeated',
        { subIndication: 'FORMAT_FAILURE' },
      ),
    );
  } else {
    const hash = createHash(digestName);
    for (const chunk of input.content) hash.update(chunk);
    let stated: Uint8Array | undefined;
    try {
      stated = contentOf(expectTag(readSingle(messageDigest, 'messageDigest'), 0x04, 'messageDigest'));
    } catch {
      stated = undefined;
    }
    digestOk = stated !== undefined && bytesEqual(stated, hash.digest());
    checks.push(
      digestOk
        ? createCheck(
            'CMS_MESSAGE_DIGEST',
            'PASSED',
            '签名内容摘要一致，内容未被篡改',
            'the digest of the signed content matches',
          )
        : createCheck(
            'CMS_MESSAGE_DIGEST',
            'FAILED',
            '签名内容摘要不一致，内容已被篡改',
            'the digest of the signed content does not match: the content was modified',
            {
              subIndication: 'HASH_FAILURE',
            },
          ),
    );
  }

  if (certificate === undefined) {
    checks.push(
      createCheck(
        'CMS_SIGNING_CERT_FOUND',
        'FAILED',
        '未找到签名证书',
        'no certificate matches the SignerInfo issuer and serial number (compared as DER)',
        {
          subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
        },
      ),
      createCheck(
        'CMS_SIGNATURE_VALUE',
        'INDETERMINATE',
        '无签名证书，无法验证签名值',
        'signature value not verified: no signing certificate',
        {
          subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
        },
      ),
    );
    return { checks, intact: false };
  }
  checks.push(
    createCheck(
      'CMS_SIGNING_CERT_FOUND',
      'PASSED',
      '已找到签名证书',
      `signing certificate found: ${certificate.subject}`,
    ),
  );

  let signatureOk = false;
  if (description === undefined || signerInfo.signedAttributesDer === undefined) {
    checks.push(
      createCheck(
        'CMS_SIGNATURE_VALUE',
        'FAILED',
        '签名值无法验证',
        'the signature value cannot be verified (unknown algorithm or no signed attributes)',
        { subIndication: 'FORMAT_FAILURE' },
      ),
    );
  } else {
    signatureOk = await verifyWithKey(
      description,
      certificate,
      signerInfo.signedAttributesDer,
      signerInfo.signature,
      policy.sm2UserId ?? SM2_DEFAULT_USER_ID,
    );
    checks.push(
      signatureOk
        ? createCheck(
            'CMS_SIGNATURE_VALUE',
            'PASSED',
            '签名值验证通过',
            `the ${description.name} signature value verifies`,
          )
        : createCheck(
            'CMS_SIGNATURE_VALUE',
            'FAILED',
            '签名值验证失败',
            `the ${description.name} signature value does not verify with the signing certificate`,
            {
              subIndication: 'SIG_CRYPTO_FAILURE',
            },
          ),
    );
  }

  const ess = essCheck(signerInfo, certificate);
  let essOk = false;
  if (ess === undefined) {
    checks.push(
      input.essAttribute === 'required'
        ? createCheck(
            'CMS_SIGNING_CERT_V2',
            'FAILED',
            '缺少签名证书属性 (signing-certificate-v2)',
            'the ESS signing-certificate-v2 attribute is missing',
            {
              subIndication: 'SIG_CONSTRAINTS_FAILURE',
            },
          )
        : createCheck(
            'CMS_SIGNING_CERT_V2',
            'WARNING',
            '缺少签名证书属性',
            'no ESS signing-certificate attribute binds the certificate to the signature',
          ),
    );
  } else if (ess.problem !== undefined) {
    checks.push(
      createCheck(
        'CMS_SIGNING_CERT_V2',
        'FAILED',
        '签名证书属性与签名证书不符',
        `ESS signing-certificate${ess.found === 'v2' ? '-v2' : ''}: ${ess.problem}`,
        { subIndication: 'SIG_CONSTRAINTS_FAILURE' },
      ),
    );
  } else if (ess.found === 'v1' && input.essAttribute === 'required') {
    checks.push(
      createCheck(
        'CMS_SIGNING_CERT_V2',
        'FAILED',
        '仅有旧版签名证书属性 (SHA-1)',
        'only the SHA-1 ESS signing-certificate (v1) attribute is present; PAdES requires v2',
        { subIndication: 'SIG_CONSTRAINTS_FAILURE' },
      ),
    );
  } else {
    essOk = true;
    checks.push(
      createCheck(
        'CMS_SIGNING_CERT_V2',
        'PASSED',
        '签名证书属性与证书一致',
        `ESS signing-certificate${ess.found === 'v2' ? '-v2' : ''} matches the signing certificate`,
      ),
    );
  }
  return { checks, certificate, intact: digestOk && signatureOk && essOk };
}
