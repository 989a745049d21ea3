import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePdf } from '../../pdf/validate-pdf';
import { oid, sequence, tlv } from '../asn1/der';
import { OID } from '../asn1/oids';
import { CMS_ALGORITHM_PROTECTION, checkAlgorithmProtection } from './algorithm-protection';
import type { ParsedSignerInfo } from './parse-signed-data';

const NULL = new Uint8Array([0x05, 0x00]);
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const ECDSA_SHA384 = '1.2.840.10045.4.3.3';
const RSA_PSS = '1.2.840.113549.1.1.10';

/** [1] IMPLICIT AlgorithmIdentifier: the SEQUENCE content re-tagged. */
function implicitAlgorithm(dotted: string, ...parameters: Uint8Array[]): Uint8Array {
  return tlv(0xa1, oid(dotted), ...parameters);
}

function signerInfo(signatureAlgorithm: Uint8Array, protection?: Uint8Array[]): ParsedSignerInfo {
  const signedAttributes = new Map<string, Uint8Array[]>();
  if (protection !== undefined) signedAttributes.set(CMS_ALGORITHM_PROTECTION, protection);
  return {
    sid: { kind: 'ski', keyId: new Uint8Array([1]) },
    digestOid: OID.sha256,
    signedAttributes,
    duplicateAttributes: [],
    signatureAlgorithm,
    signature: new Uint8Array(64),
    unsignedAttributes: new Map(),
  };
}

describe('CMSAlgorithmProtection (RFC 6211)', () => {
  const ecdsa = sequence(oid(ECDSA_SHA256));
  const protection = (digest: string, signature: Uint8Array, ...more: Uint8Array[]) => [
    sequence(sequence(oid(digest), NULL), signature, ...more),
  ];

  it('is not reported when the attribute is absent', () => {
    expect(checkAlgorithmProtection(signerInfo(ecdsa))).toBeUndefined();
  });

  it('passes when it repeats the SignerInfo algorithms (absent parameters equal NULL)', () => {
    const check = checkAlgorithmProtection(signerInfo(ecdsa, protection(OID.sha256, implicitAlgorithm(ECDSA_SHA256))));
    expect(check).toMatchObject({ id: 'CMS_ALGORITHM_PROTECTION', status: 'PASSED' });
    const rsa = sequence(oid('1.2.840.113549.1.1.11'), NULL);
    expect(
      checkAlgorithmProtection(signerInfo(rsa, protection(OID.sha256, implicitAlgorithm('1.2.840.113549.1.1.11')))),
    ).toMatchObject({ status: 'PASSED' });
  });

  it('fails a swapped digest or signature algorithm, or swapped RSASSA-PSS parameters', () => {
    const digest = checkAlgorithmProtection(signerInfo(ecdsa, protection(OID.sha384, implicitAlgorithm(ECDSA_SHA256))));
    expect(digest).toMatchObject({ status: 'FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(digest?.message.en).toContain('digest algorithm');
    const signature = checkAlgorithmProtection(
      signerInfo(ecdsa, protection(OID.sha256, implicitAlgorithm(ECDSA_SHA384))),
    );
    expect(signature?.message.en).toContain('signature algorithm');
    const pss = (hash: string) => sequence(tlv(0xa0, sequence(oid(hash), NULL)));
    const actual = sequence(oid(RSA_PSS), pss(OID.sha256));
    expect(
      checkAlgorithmProtection(signerInfo(actual, protection(OID.sha256, implicitAlgorithm(RSA_PSS, pss(OID.sha512))))),
    ).toMatchObject({ status: 'FAILED' });
    expect(
      checkAlgorithmProtection(signerInfo(actual, protection(OID.sha256, implicitAlgorithm(RSA_PSS, pss(OID.sha256))))),
    ).toMatchObject({ status: 'PASSED' });
  });

  it('fails a malformed, repeated, MAC-carrying or signature-less attribute instead of throwing', () => {
    const good = protection(OID.sha256, implicitAlgorithm(ECDSA_SHA256))[0]!;
    for (const values of [
      [new Uint8Array([0x30, 0x05, 0x01])],
      [good, good],
      [sequence(sequence(oid(OID.sha256)))],
      protection(OID.sha256, implicitAlgorithm(ECDSA_SHA256), tlv(0xa2, oid('1.2.840.113549.2.9'))),
      [new Uint8Array([0x04, 0x00])],
    ]) {
      expect(checkAlgorithmProtection(signerInfo(ecdsa, values))).toMatchObject({
        id: 'CMS_ALGORITHM_PROTECTION',
        status: 'FAILED',
      });
    }
  });

  it('passes on a genuine PDFBox 2.0.27 / BouncyCastle signature, which carries the attribute', async () => {
    const fixture = (name: string) =>
      readFileSync(new URL(`../../../test/fixtures/third-party/${name}`, import.meta.url));
    const report = await validatePdf(fixture('pdfbox-invisible.pdf'), {
      trustAnchors: [fixture('root.pem').toString('utf8')],
      revocation: { mode: 'off' },
    });
    expect(report.signatures[0]?.checks.find((check) => check.id === 'CMS_ALGORITHM_PROTECTION')?.status).toBe(
      'PASSED',
    );
  });
});
