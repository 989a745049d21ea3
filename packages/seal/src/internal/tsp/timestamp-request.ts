// RFC 3161 request/response encoding shared by the HTTP client and the test responder.
import {
  Asn1ParseError,
  boolean,
  childrenOf,
  contentOf,
  expectTag,
  integer,
  nodeBytes,
  octetString,
  oid,
  readOid,
  readSingle,
  sequence,
} from '../asn1/der';
import { OID } from '../asn1/oids';
import type { HashAlgorithm } from '../../types';

const HASH_OID: Record<HashAlgorithm, string> = {
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
  SM3: OID.sm3,
};
const HASH_LENGTH: Record<HashAlgorithm, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64, SM3: 32 };

/** Expected digest length of a hash algorithm, or undefined when unknown. */
export function hashLength(hash: HashAlgorithm): number | undefined {
  return HASH_LENGTH[hash];
}

/** OID of a hash algorithm. */
export function hashOid(hash: HashAlgorithm): string {
  return HASH_OID[hash];
}

/** DER TimeStampReq with certReq TRUE. */
export function encodeTimestampRequest(
  imprint: Uint8Array,
  hash: HashAlgorithm,
  nonce: Uint8Array,
  policy?: string,
): Uint8Array {
  return sequence(
    integer(1),
    sequence(sequence(oid(HASH_OID[hash])), octetString(imprint)),
    ...(policy === undefined ? [] : [oid(policy)]),
    integer(nonce),
    boolean(true),
  );
}

/** A decoded TimeStampReq. */
export interface TimestampRequest {
  hashOid: string;
  imprint: Uint8Array;
  policy?: string;
  nonce?: Uint8Array;
  certReq: boolean;
}

/** Decodes a TimeStampReq (used by the test responder). */
export function decodeTimestampRequest(der: Uint8Array): TimestampRequest {
  const fields = childrenOf(expectTag(readSingle(der, 'TimeStampReq'), 0x30, 'TimeStampReq'));
  const version = contentOf(expectTag(fields[0], 0x02, 'version'));
  if (version.length !== 1 || version[0] !== 1) throw new Asn1ParseError('TimeStampReq.version is not 1');
  const [algorithm, hashed] = childrenOf(expectTag(fields[1], 0x30, 'messageImprint'));
  const hashOidValue = readOid(childrenOf(expectTag(algorithm, 0x30, 'hashAlgorithm'))[0], 'hashAlgorithm');
  const request: TimestampRequest = {
    hashOid: hashOidValue,
    imprint: contentOf(expectTag(hashed, 0x04, 'hashedMessage')),
    certReq: false,
  };
  for (const field of fields.slice(2)) {
    if (field.tag === 0x06) request.policy = readOid(field, 'reqPolicy');
    else if (field.tag === 0x02) request.nonce = contentOf(field);
    else if (field.tag === 0x01) request.certReq = contentOf(field)[0] !== 0;
    else if (field.tag !== 0xa0) throw new Asn1ParseError('unexpected field in TimeStampReq');
  }
  return request;
}

/** A decoded TimeStampResp. */
export interface TimestampResponse {
  status: number;
  statusText?: string;
  token?: Uint8Array;
}

/** Decodes a TimeStampResp. */
export function decodeTimestampResponse(der: Uint8Array): TimestampResponse {
  const [statusInfo, token] = childrenOf(expectTag(readSingle(der, 'TimeStampResp'), 0x30, 'TimeStampResp'));
  const statusFields = childrenOf(expectTag(statusInfo, 0x30, 'PKIStatusInfo'));
  const status = contentOf(expectTag(statusFields[0], 0x02, 'PKIStatus')).reduce(
    (value, byte) => value * 256 + byte,
    0,
  );
  const text =
    statusFields[1]?.tag === 0x30
      ? childrenOf(statusFields[1])
          .map((node) => new TextDecoder().decode(contentOf(node)))
          .join(' ')
      : undefined;
  return {
    status,
    ...(text === undefined ? {} : { statusText: text }),
    ...(token === undefined ? {} : { token: nodeBytes(token) }),
  };
}
