// Adobe's adbe-revocationInfoArchival signed attribute (1.2.840.113583.1.1.8): the CRLs and OCSP responses that
// Acrobat (by default) and iText in CMS mode embed at signing time. They are candidates only, like DSS data: the path
// validation still verifies each CRL / OCSP response against the issuer and checks that it is current.
import { childrenOf, expectTag, nodeBytes, readSingle } from '../asn1/der';
import type { ParsedSignerInfo } from './parse-signed-data';

/** OID of the adbe-revocationInfoArchival signed attribute. */
export const ADBE_REVOCATION_INFO_ARCHIVAL = '1.2.840.113583.1.1.8';

/** Revocation data carried in a SignerInfo. */
export interface ArchivedRevocationInfo {
  /** DER CertificateLists. */
  crls: Uint8Array[];
  /** DER OCSPResponses. */
  ocspResponses: Uint8Array[];
}

/**
 * Reads `RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList OPTIONAL,
 * ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL, otherRevInfo [2] EXPLICIT SEQUENCE OF OtherRevInfo OPTIONAL }`
 * from the signed attributes. Absent, repeated or malformed: nothing (a missing CRL is reported by the revocation
 * check, a repeated attribute by CMS_FORMAT).
 */
export function revocationInfoArchival(signerInfo: ParsedSignerInfo): ArchivedRevocationInfo {
  const values = signerInfo.signedAttributes.get(ADBE_REVOCATION_INFO_ARCHIVAL);
  if (values?.length !== 1) return { crls: [], ocspResponses: [] };
  const found: ArchivedRevocationInfo = { crls: [], ocspResponses: [] };
  try {
    const archival = expectTag(readSingle(values[0]!, 'RevocationInfoArchival'), 0x30, 'RevocationInfoArchival');
    for (const field of childrenOf(archival)) {
      const target = field.tag === 0xa0 ? found.crls : field.tag === 0xa1 ? found.ocspResponses : undefined;
      if (target === undefined) continue;
      const [list] = childrenOf(field);
      for (const item of childrenOf(expectTag(list, 0x30, 'revocation values'))) target.push(nodeBytes(item));
    }
  } catch {
    return { crls: [], ocspResponses: [] };
  }
  return found;
}
