// Bounded parser for CMS ContentInfo(SignedData), keeping the raw bytes verification needs (signed attributes,
// issuer name, certificates). Accepts BER (indefinite lengths, constructed OCTET STRING) as other products write it.
import {
  Asn1ParseError,
  type DerNode,
  childrenOf,
  contentOf,
  expectTag,
  nodeBytes,
  readNode,
  readOid,
  tlv,
} from '../asn1/der';
import { concatBytes } from '../asn1/input';
import { OID } from '../asn1/oids';

/** The signer identifier of a SignerInfo. */
export type SignerIdentifier =
  | { kind: 'issuerSerial'; issuerDer: Uint8Array; serial: Uint8Array }
  | { kind: 'ski'; keyId: Uint8Array };

/** One parsed SignerInfo. */
export interface ParsedSignerInfo {
  sid: SignerIdentifier;
  digestOid: string;
  /** DER of the signed attributes re-tagged as SET OF (0x31): the bytes the signature covers. */
  signedAttributesDer?: Uint8Array;
  signedAttributes: Map<string, Uint8Array[]>;
  /** Attribute types that occur more than once (RFC 5652 forbids it for signed attributes). */
  duplicateAttributes: string[];
  signatureAlgorithm: Uint8Array;
  signature: Uint8Array;
  unsignedAttributes: Map<string, Uint8Array[]>;
}

/** A parsed SignedData. */
export interface ParsedSignedData {
  contentType: string;
  content?: Uint8Array;
  certificates: Uint8Array[];
  crls: Uint8Array[];
  signerInfos: ParsedSignerInfo[];
  /** Bytes after the ContentInfo (all zero for a valid PDF /Contents). */
  trailingBytes: number;
  trailingNonZero: boolean;
}

function octetStringContent(node: DerNode): Uint8Array {
  if (node.tag === 0x04) return contentOf(node);
  if (node.tag === 0x24) return concatBytes(childrenOf(node).map(octetStringContent));
  throw new Asn1ParseError(`expected OCTET STRING, found tag 0x${node.tag.toString(16)}`);
}

function readAttributes(node: DerNode, duplicates: string[]): Map<string, Uint8Array[]> {
  const map = new Map<string, Uint8Array[]>();
  for (const attribute of childrenOf(node)) {
    const [type, values] = childrenOf(expectTag(attribute, 0x30, 'Attribute'));
    const id = readOid(type, 'attribute type');
    const list = childrenOf(expectTag(values, 0x31, 'attribute values')).map(nodeBytes);
    if (map.has(id)) duplicates.push(id);
    map.set(id, [...(map.get(id) ?? []), ...list]);
  }
  return map;
}

function readSignerInfo(node: DerNode): ParsedSignerInfo {
  const fields = childrenOf(expectTag(node, 0x30, 'SignerInfo'));
  let index = 1;
  const sidNode = fields[index++];
  let sid: SignerIdentifier;
  if (sidNode?.tag === 0x30) {
    const [issuer, serial] = childrenOf(sidNode);
    sid = {
      kind: 'issuerSerial',
      issuerDer: nodeBytes(expectTag(issuer, 0x30, 'issuer')),
      serial: contentOf(expectTag(serial, 0x02, 'serialNumber')),
    };
  } else if (sidNode?.tag === 0x80) {
    sid = { kind: 'ski', keyId: contentOf(sidNode) };
  } else {
    throw new Asn1ParseError('SignerInfo.sid is neither issuerAndSerialNumber nor subjectKeyIdentifier');
  }
  const digestAlgorithm = childrenOf(expectTag(fields[index++], 0x30, 'digestAlgorithm'));
  const digestOid = readOid(digestAlgorithm[0], 'digestAlgorithm');
  const duplicateAttributes: string[] = [];
  let signedAttributesDer: Uint8Array | undefined;
  let signedAttributes = new Map<string, Uint8Array[]>();
  if (fields[index]?.tag === 0xa0) {
    const signed = fields[index++]!;
    signedAttributesDer = tlv(0x31, contentOf(signed));
    signedAttributes = readAttributes(signed, duplicateAttributes);
  }
  const signatureAlgorithm = nodeBytes(expectTag(fields[index++], 0x30, 'signatureAlgorithm'));
  const signature = octetStringContent(fields[index++] ?? raise('signature is missing'));
  let unsignedAttributes = new Map<string, Uint8Array[]>();
  if (fields[index]?.tag === 0xa1) unsignedAttributes = readAttributes(fields[index++]!, []);
  if (index !== fields.length) throw new Asn1ParseError('SignerInfo has unexpected trailing fields');
  return {
    sid,
    digestOid,
    ...(signedAttributesDer === undefined ? {} : { signedAttributesDer }),
    signedAttributes,
    duplicateAttributes,
    signatureAlgorithm,
    signature,
    unsignedAttributes,
  };
}

function raise(message: string): never {
  throw new Asn1ParseError(message);
}

/** Parses a DER/BER ContentInfo holding SignedData. Throws Asn1ParseError on anything malformed. */
export function parseSignedData(bytes: Uint8Array): ParsedSignedData {
  const contentInfo = expectTag(readNode(bytes, 0, bytes.length), 0x30, 'ContentInfo');
  let trailingNonZero = false;
  for (let i = contentInfo.end; i < bytes.length; i++) if (bytes[i] !== 0) trailingNonZero = true;
  const [typeNode, wrapper, ...extra] = childrenOf(contentInfo);
  if (extra.length > 0) throw new Asn1ParseError('ContentInfo has extra fields');
  const contentInfoType = readOid(typeNode, 'ContentInfo.contentType');
  if (contentInfoType !== OID.signedData && contentInfoType !== OID.gmSignedData)
    throw new Asn1ParseError('ContentInfo is not SignedData');
  const [signedDataNode] = childrenOf(expectTag(wrapper, 0xa0, 'ContentInfo.content'));
  const fields = childrenOf(expectTag(signedDataNode, 0x30, 'SignedData'));
  expectTag(fields[0], 0x02, 'SignedData.version');
  expectTag(fields[1], 0x31, 'SignedData.digestAlgorithms');
  const encapsulated = childrenOf(expectTag(fields[2], 0x30, 'encapContentInfo'));
  const contentType = readOid(encapsulated[0], 'eContentType');
  let content: Uint8Array | undefined;
  if (encapsulated[1] !== undefined) {
    const [inner] = childrenOf(expectTag(encapsulated[1], 0xa0, 'eContent'));
    content = octetStringContent(inner ?? raise('eContent is empty'));
  }
  let index = 3;
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  if (fields[index]?.tag === 0xa0) {
    for (const choice of childrenOf(fields[index++]!)) if (choice.tag === 0x30) certificates.push(nodeBytes(choice));
  }
  if (fields[index]?.tag === 0xa1) {
    for (const choice of childrenOf(fields[index++]!)) if (choice.tag === 0x30) crls.push(nodeBytes(choice));
  }
  const signerInfos = childrenOf(expectTag(fields[index++], 0x31, 'signerInfos')).map(readSignerInfo);
  if (index !== fields.length) throw new Asn1ParseError('SignedData has unexpected trailing fields');
  return {
    contentType,
    ...(content === undefined ? {} : { content }),
    certificates,
    crls,
    signerInfos,
    trailingBytes: bytes.length - contentInfo.end,
    trailingNonZero,
  };
}
