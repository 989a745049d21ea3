// OCSP responses (RFC 6960): parsing and checking one certificate's status against a response, with the responder
// authorised as the issuing CA itself or as a delegated responder (issued by it, EKU id-kp-OCSPSigning).
import { createHash } from 'node:crypto';
import { describeSignatureAlgorithm, verifyWithKey } from '../asn1/algorithms';
import { type ParsedCertificate, extendedKeyUsageOf, parseCertificate } from '../asn1/certificate';
import { type DerNode, childrenOf, contentOf, expectTag, nodeBytes, readOid, readSingle, readTime } from '../asn1/der';
import { bytesEqual } from '../asn1/input';
import { HASH_BY_OID } from '../asn1/oids';
import { serialKey } from './crl';

const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
/** Tolerance for responder clocks. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** One SingleResponse. */
interface SingleResponse {
  hash: string;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  serial: string;
  status: 'good' | 'revoked' | 'unknown';
  revocationTime?: Date;
  reason?: number;
  thisUpdate: Date;
  nextUpdate?: Date;
}

/** A parsed, successful BasicOCSPResponse. */
export interface ParsedOcspResponse {
  tbs: Uint8Array;
  responderName?: Uint8Array;
  responderKeyHash?: Uint8Array;
  producedAt: Date;
  responses: SingleResponse[];
  signatureAlgorithm: Uint8Array;
  signature: Uint8Array;
  certificates: Uint8Array[];
}

function readSingleResponse(node: DerNode): SingleResponse {
  const [certId, statusNode, thisUpdate, ...rest] = childrenOf(expectTag(node, 0x30, 'SingleResponse'));
  const [algorithm, nameHash, keyHash, serial] = childrenOf(expectTag(certId, 0x30, 'CertID'));
  const hashOid = readOid(childrenOf(expectTag(algorithm, 0x30, 'hashAlgorithm'))[0], 'CertID hash');
  const hash = HASH_BY_OID[hashOid];
  if (hash === undefined) throw new Error(`unknown CertID hash ${hashOid}`);
  const response: SingleResponse = {
    hash,
    issuerNameHash: contentOf(expectTag(nameHash, 0x04, 'issuerNameHash')),
    issuerKeyHash: contentOf(expectTag(keyHash, 0x04, 'issuerKeyHash')),
    serial: serialKey(contentOf(expectTag(serial, 0x02, 'serialNumber'))),
    status: 'unknown',
    thisUpdate: readTime(thisUpdate, 'thisUpdate'),
  };
  if (statusNode?.tag === 0x80) response.status = 'good';
  else if (statusNode?.tag === 0xa1) {
    response.status = 'revoked';
    const [time, reason] = childrenOf(statusNode);
    response.revocationTime = readTime(time, 'revocationTime');
    if (reason?.tag === 0xa0) response.reason = contentOf(childrenOf(reason)[0] ?? reason)[0] ?? 0;
  } else if (statusNode?.tag !== 0x82) throw new Error('unknown certStatus');
  const next = rest.find((field) => field.tag === 0xa0);
  if (next !== undefined) response.nextUpdate = readTime(childrenOf(next)[0], 'nextUpdate');
  return response;
}

/** Parses an OCSPResponse DER; throws unless it is a successful basic response. */
export function parseOcspResponse(der: Uint8Array): ParsedOcspResponse {
  const [statusNode, bytesNode] = childrenOf(expectTag(readSingle(der, 'OCSPResponse'), 0x30, 'OCSPResponse'));
  const status = contentOf(expectTag(statusNode, 0x0a, 'responseStatus'))[0];
  if (status !== 0) throw new Error(`OCSP responseStatus ${status} (not successful)`);
  const [responseBytes] = childrenOf(expectTag(bytesNode, 0xa0, 'responseBytes'));
  const [type, octets] = childrenOf(expectTag(responseBytes, 0x30, 'ResponseBytes'));
  if (readOid(type, 'responseType') !== ID_PKIX_OCSP_BASIC) throw new Error('not a basic OCSP response');
  const basic = readSingle(contentOf(expectTag(octets, 0x04, 'response')), 'BasicOCSPResponse');
  const [tbsNode, algorithm, signature, certsNode] = childrenOf(expectTag(basic, 0x30, 'BasicOCSPResponse'));
  const tbsFields = childrenOf(expectTag(tbsNode, 0x30, 'ResponseData'));
  let index = tbsFields[0]?.tag === 0xa0 ? 1 : 0;
  const responder = tbsFields[index++];
  const parsed: ParsedOcspResponse = {
    tbs: nodeBytes(tbsNode!),
    producedAt: readTime(tbsFields[index++], 'producedAt'),
    responses: childrenOf(expectTag(tbsFields[index], 0x30, 'responses')).map(readSingleResponse),
    signatureAlgorithm: nodeBytes(expectTag(algorithm, 0x30, 'signatureAlgorithm')),
    signature: contentOf(expectTag(signature, 0x03, 'signature')).subarray(1),
    certificates:
      certsNode === undefined ? [] : childrenOf(childrenOf(expectTag(certsNode, 0xa0, 'certs'))[0]!).map(nodeBytes),
  };
  if (responder?.tag === 0xa1) parsed.responderName = nodeBytes(childrenOf(responder)[0]!);
  else if (responder?.tag === 0xa2)
    parsed.responderKeyHash = contentOf(expectTag(childrenOf(responder)[0], 0x04, 'byKey'));
  else throw new Error('unknown ResponderID');
  return parsed;
}

/** SHA-1 of the subjectPublicKey BIT STRING value (RFC 6960 KeyHash / CertID issuerKeyHash base). */
function keyBits(certificate: ParsedCertificate): Uint8Array {
  const [, bits] = childrenOf(readSingle(certificate.spki, 'SPKI'));
  return contentOf(expectTag(bits, 0x03, 'subjectPublicKey')).subarray(1);
}

function isResponder(response: ParsedOcspResponse, candidate: ParsedCertificate): boolean {
  if (response.responderName !== undefined) return bytesEqual(response.responderName, candidate.subjectDer);
  return bytesEqual(response.responderKeyHash!, createHash('sha1').update(keyBits(candidate)).digest());
}

/** The result of checking one certificate against an OCSP response. */
export type OcspVerdict =
  | { status: 'good' }
  | { status: 'revoked'; date: Date; reason?: number }
  | { status: 'unusable'; problem: string };

/** Checks `certificate` (issued by `issuer`) against an OCSP response valid at `now`. Never throws. */
export async function checkOcspResponse(
  der: Uint8Array,
  certificate: ParsedCertificate,
  issuer: ParsedCertificate,
  now: Date,
): Promise<OcspVerdict> {
  try {
    const response = parseOcspResponse(der);
    const single = response.responses.find(
      (entry) =>
        entry.serial === serialKey(certificate.serial) &&
        bytesEqual(entry.issuerNameHash, createHash(entry.hash).update(issuer.subjectDer).digest()) &&
        bytesEqual(entry.issuerKeyHash, createHash(entry.hash).update(keyBits(issuer)).digest()),
    );
    if (single === undefined) return { status: 'unusable', problem: 'other certificate' };
    let signer: ParsedCertificate | undefined;
    if (isResponder(response, issuer)) signer = issuer;
    else {
      for (const der of response.certificates) {
        const candidate = parseCertificate(der);
        if (!isResponder(response, candidate)) continue;
        const delegated =
          bytesEqual(candidate.issuerDer, issuer.subjectDer) &&
          extendedKeyUsageOf(candidate)?.purposes.includes(KP_OCSP_SIGNING) === true &&
          candidate.notBefore <= response.producedAt &&
          response.producedAt <= candidate.notAfter &&
          (await verifyWithKey(
            describeSignatureAlgorithm(candidate.signatureAlgorithm),
            issuer,
            candidate.tbs,
            candidate.signatureValue,
          ));
        if (delegated) signer = candidate;
      }
    }
    if (signer === undefined) return { status: 'unusable', problem: 'OCSP responder not authorised by the issuer' };
    const signed = await verifyWithKey(
      describeSignatureAlgorithm(response.signatureAlgorithm),
      signer,
      response.tbs,
      response.signature,
    );
    if (!signed) return { status: 'unusable', problem: 'bad OCSP response signature' };
    if (single.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS)
      return { status: 'unusable', problem: 'OCSP response from the future' };
    if (single.nextUpdate !== undefined && single.nextUpdate < now)
      return { status: 'unusable', problem: 'OCSP response is stale' };
    if (single.status === 'good') return { status: 'good' };
    if (single.status === 'revoked') {
      return single.reason === undefined
        ? { status: 'revoked', date: single.revocationTime! }
        : { status: 'revoked', date: single.revocationTime!, reason: single.reason };
    }
    return { status: 'unusable', problem: 'OCSP status unknown' };
  } catch (error) {
    return { status: 'unusable', problem: `unreadable OCSP response (${(error as Error).message})` };
  }
}
