// Builds CMS SignedData (RFC 5652) byte by byte: the issuer name is copied from the certificate's DER, signed
// attributes are a DER SET OF (sorted) signed with tag 0x31 and stored as [0] IMPLICIT.
import { createHash } from 'node:crypto';
import { SealError } from '../../errors';
import type { Signer } from '../../signer';
import type { SignatureAlgorithm } from '../../types';
import { describeSignatureAlgorithm, verifySignature } from '../asn1/algorithms';
import { type ParsedCertificate, parseCertificate } from '../asn1/certificate';
import { explicit, integer, nullValue, octetString, oid, sequence, setOf, tlv } from '../asn1/der';
import { OID } from '../asn1/oids';

/** node:crypto digest used with each signature algorithm in CMS. */
export function cmsDigestFor(algorithm: SignatureAlgorithm): 'sha256' | 'sha384' | 'sha512' | 'sm3' {
  if (algorithm === 'ES384') return 'sha384';
  if (algorithm === 'EdDSA') return 'sha512'; // RFC 8419 §3.1
  if (algorithm === 'SM2-SM3') return 'sm3';
  return 'sha256';
}

const DIGEST_OID = { sha256: OID.sha256, sha384: OID.sha384, sha512: OID.sha512, sm3: OID.sm3 } as const;

/** DER AlgorithmIdentifier of a digest (parameters absent, RFC 5754). */
export function digestAlgorithmIdentifier(digest: keyof typeof DIGEST_OID): Uint8Array {
  return sequence(oid(DIGEST_OID[digest]));
}

/** DER AlgorithmIdentifier of a signature algorithm. */
export function signatureAlgorithmIdentifier(algorithm: SignatureAlgorithm): Uint8Array {
  switch (algorithm) {
    case 'RS256':
      return sequence(oid(OID.sha256WithRsa), nullValue());
    case 'PS256': {
      const sha256 = sequence(oid(OID.sha256));
      return sequence(
        oid(OID.rsassaPss),
        sequence(explicit(0, sha256), explicit(1, sequence(oid(OID.mgf1), sha256)), explicit(2, integer(32))),
      );
    }
    case 'ES256':
      return sequence(oid(OID.ecdsaWithSha256));
    case 'ES384':
      return sequence(oid(OID.ecdsaWithSha384));
    case 'EdDSA':
      return sequence(oid(OID.ed25519));
    case 'SM2-SM3':
      return sequence(oid(OID.sm2WithSm3));
  }
}

/** One CMS Attribute. */
export function attribute(type: string, ...values: Uint8Array[]): Uint8Array {
  return sequence(oid(type), setOf(values));
}

/** ESS signing-certificate-v2 (RFC 5035) with SHA-256 certHash and issuerSerial. */
export function signingCertificateV2(certificate: ParsedCertificate): Uint8Array {
  const certHash = createHash('sha256').update(certificate.der).digest();
  const issuerSerial = sequence(sequence(explicit(4, certificate.issuerDer)), tlv(0x02, certificate.serial));
  // hashAlgorithm is omitted: DEFAULT id-sha256.
  const essCertIdV2 = sequence(octetString(certHash), issuerSerial);
  return attribute(OID.signingCertificateV2, sequence(sequence(essCertIdV2)));
}

/** Reads a signer's certificate, turning parse failures into ERR_SEAL_CERTIFICATE_INVALID. */
export function readSignerCertificate(der: Uint8Array, what: string): ParsedCertificate {
  try {
    return parseCertificate(der);
  } catch (cause) {
    throw new SealError(
      'ERR_SEAL_CERTIFICATE_INVALID',
      `${what} is not a DER X.509 certificate; give the signer the certificate DER (PEM must be decoded first).`,
      { cause },
    );
  }
}

/** Input of {@link buildSignedData}. */
export interface SignedDataInput {
  signer: Signer;
  /** eContentType OID. */
  contentType: string;
  /** Encapsulated content; absent for detached signatures. */
  content?: Uint8Array;
  /** Digest of the content, computed with `cmsDigestFor(signer.algorithm)`. */
  contentDigest: Uint8Array;
  /** Extra signed attributes (full Attribute DER). */
  signedAttributes?: Uint8Array[];
  /** Whether to include the signer certificate and chain (default true; RFC 3161 certReq FALSE omits them). */
  includeCertificates?: boolean;
  /** Computes unsigned attributes from the signature value. */
  unsignedAttributes?: (signature: Uint8Array) => Promise<Uint8Array[]>;
}

/** Builds a DER ContentInfo(SignedData) with one SignerInfo. */
export async function buildSignedData(input: SignedDataInput): Promise<Uint8Array> {
  const { signer } = input;
  const certificate = readSignerCertificate(signer.certificate, 'signer.certificate');
  const chain = (signer.chain ?? []).map((der, index) => readSignerCertificate(der, `signer.chain[${index}]`));
  const digest = cmsDigestFor(signer.algorithm);
  const signedAttributes = setOf([
    attribute(OID.contentType, oid(input.contentType)),
    attribute(OID.messageDigest, octetString(input.contentDigest)),
    signingCertificateV2(certificate),
    ...(input.signedAttributes ?? []),
  ]);
  let signature: Uint8Array;
  try {
    signature = await signer.sign(signedAttributes);
  } catch (cause) {
    if (cause instanceof SealError) throw cause;
    throw new SealError(
      'ERR_SEAL_SIGNER_FAILED',
      `signer.sign() failed for ${signer.algorithm}; check the signing device.`,
      {
        cause,
      },
    );
  }
  if (!(signature instanceof Uint8Array) || signature.length === 0) {
    throw new SealError(
      'ERR_SEAL_SIGNER_FAILED',
      'signer.sign() must resolve to a non-empty Uint8Array (the raw signature).',
    );
  }
  const algorithmIdentifier = signatureAlgorithmIdentifier(signer.algorithm);
  if (signer.algorithm !== 'SM2-SM3') {
    const description = describeSignatureAlgorithm(algorithmIdentifier);
    if (!verifySignature(description, certificate.publicKey, signedAttributes, signature)) {
      throw new SealError(
        'ERR_SEAL_SIGNER_FAILED',
        `the ${signer.algorithm} signature from signer.sign() does not verify with signer.certificate; the key and certificate do not belong together (or the signer returns the wrong format: ECDSA must be DER).`,
      );
    }
  }
  const unsigned = input.unsignedAttributes === undefined ? [] : await input.unsignedAttributes(signature);
  const signerInfo = sequence(
    integer(1),
    sequence(certificate.issuerDer, tlv(0x02, certificate.serial)),
    digestAlgorithmIdentifier(digest),
    // [0] IMPLICIT: same content as the signed SET OF, with the context tag.
    tlv(0xa0, signedAttributes.subarray(headerLength(signedAttributes))),
    algorithmIdentifier,
    octetString(signature),
    ...(unsigned.length > 0 ? [setOf(unsigned, 0xa1)] : []),
  );
  const encapsulated =
    input.content === undefined
      ? sequence(oid(input.contentType))
      : sequence(oid(input.contentType), explicit(0, octetString(input.content)));
  const signedData = sequence(
    integer(input.contentType === OID.data ? 1 : 3),
    setOf([digestAlgorithmIdentifier(digest)]),
    encapsulated,
    ...(input.includeCertificates === false
      ? []
      : [setOf([certificate.der, ...chain.map((entry) => entry.der)], 0xa0)]),
    setOf([signerInfo]),
  );
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

function headerLength(der: Uint8Array): number {
  const first = der[1]!;
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}
