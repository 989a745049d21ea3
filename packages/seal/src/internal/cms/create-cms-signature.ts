import { createHash } from 'node:crypto';
import { SealError } from '../../errors';
import type { Signer } from '../../signer';
import type { TimestampClient } from '../../types';
import { describeInput } from '../asn1/input';
import { OID } from '../asn1/oids';
import { x509Time } from '../asn1/der';
import { checkTimestampImprint } from '../tsp/read-timestamp-token';
import { attribute, buildSignedData, cmsDigestFor } from './signed-data';

/** Input of {@link createCmsSignature}. */
export interface CreateCmsSignatureInput {
  /** The signed bytes in chunks (the PDF byte ranges), hashed incrementally. */
  content: Uint8Array[];
  signer: Signer;
  /** `PAdES` → ETSI.CAdES.detached (no signing-time); `PKCS7` → adbe.pkcs7.detached. */
  profile: 'PAdES' | 'PKCS7';
  /** Signing-time attribute; only used for PKCS7. */
  signingTime?: Date;
  /** Adds an RFC 3161 signature-time-stamp unsigned attribute over the signature value (B-T). */
  timestamp?: TimestampClient;
}

/**
 * Creates a detached CMS signature: DER ContentInfo(SignedData) with content-type, message-digest and
 * signing-certificate-v2 signed attributes, the issuer name copied byte-for-byte from the certificate.
 *
 * @throws SealError ERR_SEAL_INPUT_INVALID (bad input), ERR_SEAL_CERTIFICATE_INVALID, ERR_SEAL_SIGNER_FAILED,
 * ERR_SEAL_TIMESTAMP_FAILED.
 */
export async function createCmsSignature(input: CreateCmsSignatureInput): Promise<Uint8Array> {
  if (!Array.isArray(input.content) || input.content.some((chunk) => !(chunk instanceof Uint8Array))) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `content must be an array of Uint8Array chunks, got ${describeInput(input.content)}.`,
    );
  }
  if (input.profile !== 'PAdES' && input.profile !== 'PKCS7') {
    throw new SealError('ERR_SEAL_INPUT_INVALID', `profile must be 'PAdES' or 'PKCS7', got ${String(input.profile)}.`);
  }
  const hash = createHash(cmsDigestFor(input.signer.algorithm));
  for (const chunk of input.content) hash.update(chunk);
  const signedAttributes: Uint8Array[] = [];
  if (input.profile === 'PKCS7' && input.signingTime !== undefined) {
    if (Number.isNaN(input.signingTime.getTime())) {
      throw new SealError('ERR_SEAL_INPUT_INVALID', 'signingTime is an invalid Date; pass a valid Date or omit it.');
    }
    signedAttributes.push(attribute(OID.signingTime, x509Time(input.signingTime)));
  }
  const client = input.timestamp;
  return buildSignedData({
    signer: input.signer,
    contentType: OID.data,
    contentDigest: new Uint8Array(hash.digest()),
    signedAttributes,
    ...(client === undefined
      ? {}
      : {
          unsignedAttributes: async (signature) => [
            attribute(OID.signatureTimeStamp, await timestampOf(client, signature)),
          ],
        }),
  });
}

async function timestampOf(client: TimestampClient, signature: Uint8Array): Promise<Uint8Array> {
  const imprint = new Uint8Array(createHash('sha256').update(signature).digest());
  let token: Uint8Array;
  try {
    token = await client.timestamp(imprint, 'SHA-256');
  } catch (cause) {
    if (cause instanceof SealError) throw cause;
    throw new SealError('ERR_SEAL_TIMESTAMP_FAILED', 'the time-stamp client failed; check the TSA URL and network.', {
      cause,
    });
  }
  const problem = checkTimestampImprint(token, imprint);
  if (problem !== undefined) {
    throw new SealError('ERR_SEAL_TIMESTAMP_FAILED', `the TSA returned an unusable time-stamp token: ${problem}.`);
  }
  return token;
}
