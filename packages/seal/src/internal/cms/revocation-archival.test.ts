import { describe, expect, it } from 'vitest';
import { explicit, sequence, tlv } from '../asn1/der';
import type { ParsedSignerInfo } from './parse-signed-data';
import { ADBE_REVOCATION_INFO_ARCHIVAL, revocationInfoArchival } from './revocation-archival';

const signerInfo = (values: Uint8Array[] | undefined): ParsedSignerInfo => ({
  sid: { kind: 'ski', keyId: new Uint8Array(20) },
  digestOid: '2.16.840.1.101.3.4.2.1',
  signedAttributes: new Map(values === undefined ? [] : [[ADBE_REVOCATION_INFO_ARCHIVAL, values]]),
  duplicateAttributes: [],
  signatureAlgorithm: new Uint8Array(),
  signature: new Uint8Array(),
  unsignedAttributes: new Map(),
});

// Stand-ins for a CertificateList and an OCSPResponse: the reader only splits the lists, the path validation
// verifies what they are.
const crl = sequence(tlv(0x02, Uint8Array.of(1)));
const ocsp = sequence(tlv(0x0a, Uint8Array.of(0)));

describe('revocationInfoArchival', () => {
  it('reads the CRLs [0] and OCSP responses [1], skipping otherRevInfo [2]', () => {
    const value = sequence(explicit(0, sequence(crl, crl)), explicit(1, sequence(ocsp)), explicit(2, sequence()));
    expect(revocationInfoArchival(signerInfo([value]))).toEqual({ crls: [crl, crl], ocspResponses: [ocsp] });
  });

  it('gives nothing when the attribute is absent, repeated or malformed', () => {
    const value = sequence(explicit(0, sequence(crl)));
    for (const values of [undefined, [value, value], [Uint8Array.of(0x30, 0x05, 0xa0)], [explicit(0, crl)]])
      expect(revocationInfoArchival(signerInfo(values))).toEqual({ crls: [], ocspResponses: [] });
  });
});
