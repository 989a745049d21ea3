// RFC 3161 TimeStampToken reading (no trust decisions here; see validate-timestamp-token.ts).
import { Asn1ParseError, childrenOf, contentOf, expectTag, readOid, readSingle, readTime } from '../asn1/der';
import { bytesEqual, toHex } from '../asn1/input';
import { HASH_BY_OID, OID } from '../asn1/oids';
import { type ParsedSignedData, parseSignedData } from '../cms/parse-signed-data';

/** The fields of a TSTInfo we use. */
export interface TstInfo {
  policy: string;
  /** node:crypto name of the imprint hash. */
  hash: string;
  hashedMessage: Uint8Array;
  serialHex: string;
  genTime: Date;
  nonce?: Uint8Array;
}

/** Parses TSTInfo DER. */
export function parseTstInfo(der: Uint8Array): TstInfo {
  const fields = childrenOf(expectTag(readSingle(der, 'TSTInfo'), 0x30, 'TSTInfo'));
  const version = contentOf(expectTag(fields[0], 0x02, 'TSTInfo.version'));
  if (version.length !== 1 || version[0] !== 1) throw new Asn1ParseError('TSTInfo.version is not 1');
  const policy = readOid(fields[1], 'TSTInfo.policy');
  const [algorithm, hashed] = childrenOf(expectTag(fields[2], 0x30, 'messageImprint'));
  const hashOid = readOid(childrenOf(expectTag(algorithm, 0x30, 'hashAlgorithm'))[0], 'hashAlgorithm');
  const hash = HASH_BY_OID[hashOid];
  if (hash === undefined) throw new Asn1ParseError(`unknown messageImprint hash ${hashOid}`);
  const serial = contentOf(expectTag(fields[3], 0x02, 'TSTInfo.serialNumber'));
  const genTime = readTime(expectTag(fields[4], 0x18, 'TSTInfo.genTime'), 'genTime');
  const nonceNode = fields.slice(5).find((field) => field.tag === 0x02);
  return {
    policy,
    hash,
    hashedMessage: contentOf(expectTag(hashed, 0x04, 'hashedMessage')),
    serialHex: toHex(serial),
    genTime,
    ...(nonceNode === undefined ? {} : { nonce: contentOf(nonceNode) }),
  };
}

/** A parsed token: its SignedData and TSTInfo. */
export interface ParsedTimestampToken {
  signedData: ParsedSignedData;
  tstInfo: TstInfo;
}

/** Parses a TimeStampToken (ContentInfo of SignedData with id-ct-TSTInfo content). */
export function parseTimestampToken(token: Uint8Array): ParsedTimestampToken {
  const signedData = parseSignedData(token);
  if (signedData.trailingBytes > 0) throw new Asn1ParseError('time-stamp token has trailing bytes');
  if (signedData.contentType !== OID.tstInfo) throw new Asn1ParseError('SignedData content is not id-ct-TSTInfo');
  if (signedData.content === undefined) throw new Asn1ParseError('time-stamp token has no TSTInfo content');
  return { signedData, tstInfo: parseTstInfo(signedData.content) };
}

/** A problem with the token's imprint, or undefined when it time-stamps exactly `imprint`. */
export function checkTimestampImprint(token: Uint8Array, imprint: Uint8Array): string | undefined {
  try {
    const { tstInfo } = parseTimestampToken(token);
    return bytesEqual(tstInfo.hashedMessage, imprint) ? undefined : 'its messageImprint does not match the signature';
  } catch (error) {
    return `it cannot be parsed (${(error as Error).message})`;
  }
}
