// X.509 CRL (RFC 5280 §5) reading over raw DER.
import { type DerNode, childrenOf, contentOf, expectTag, nodeBytes, readOid, readSingle, readTime } from '../asn1/der';
import { toHex } from '../asn1/input';
import { OID } from '../asn1/oids';

/** A parsed CRL. */
export interface ParsedCrl {
  der: Uint8Array;
  tbs: Uint8Array;
  issuerDer: Uint8Array;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** serial hex (no leading zero) → revocation date and reason code. */
  revoked: Map<string, { date: Date; reason?: number }>;
  signatureAlgorithm: Uint8Array;
  signatureValue: Uint8Array;
  authorityKeyId?: Uint8Array;
  /** Why this CRL cannot be used (unsupported critical extensions, indirect/delta CRL). */
  unsupported?: string;
}

const KNOWN_CRL_EXTENSIONS = new Set<string>([OID.authorityKeyIdentifier, OID.crlNumber]);
const KNOWN_ENTRY_EXTENSIONS = new Set<string>([OID.crlReason, '2.5.29.24' /* invalidityDate */]);

/** Serial as lower-case hex without a sign byte. */
export function serialKey(serial: Uint8Array): string {
  let start = 0;
  while (start < serial.length - 1 && serial[start] === 0) start++;
  return toHex(serial.subarray(start));
}

function readExtensions(node: DerNode, known: Set<string>): { map: Map<string, Uint8Array>; unsupported?: string } {
  const map = new Map<string, Uint8Array>();
  let unsupported: string | undefined;
  for (const extension of childrenOf(expectTag(node, 0x30, 'Extensions'))) {
    const fields = childrenOf(expectTag(extension, 0x30, 'Extension'));
    const id = readOid(fields[0], 'extnID');
    const critical = fields[1]?.tag === 0x01 && contentOf(fields[1])[0] !== 0;
    map.set(id, contentOf(expectTag(fields[fields.length - 1], 0x04, 'extnValue')));
    if (critical && !known.has(id)) unsupported = `critical extension ${id}`;
  }
  return unsupported === undefined ? { map } : { map, unsupported };
}

/** Parses a DER CRL. Throws on malformed input. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  const [tbsNode, algorithmNode, signatureNode] = childrenOf(
    expectTag(readSingle(der, 'CertificateList'), 0x30, 'CertificateList'),
  );
  const fields = childrenOf(expectTag(tbsNode, 0x30, 'tbsCertList'));
  let index = fields[0]?.tag === 0x02 ? 1 : 0;
  expectTag(fields[index++], 0x30, 'tbsCertList.signature');
  const issuerDer = nodeBytes(expectTag(fields[index++], 0x30, 'tbsCertList.issuer'));
  const thisUpdate = readTime(fields[index++], 'thisUpdate');
  let nextUpdate: Date | undefined;
  if (fields[index]?.tag === 0x17 || fields[index]?.tag === 0x18) nextUpdate = readTime(fields[index++], 'nextUpdate');
  const revoked = new Map<string, { date: Date; reason?: number }>();
  let unsupported: string | undefined;
  if (fields[index]?.tag === 0x30) {
    for (const entry of childrenOf(fields[index++]!)) {
      const [serial, date, extensions] = childrenOf(expectTag(entry, 0x30, 'revokedCertificate'));
      const record: { date: Date; reason?: number } = { date: readTime(date, 'revocationDate') };
      if (extensions !== undefined) {
        const read = readExtensions(extensions, KNOWN_ENTRY_EXTENSIONS);
        unsupported ??= read.unsupported;
        const reason = read.map.get(OID.crlReason);
        if (reason !== undefined) record.reason = contentOf(readSingle(reason, 'CRLReason'))[0] ?? 0;
      }
      revoked.set(serialKey(contentOf(expectTag(serial, 0x02, 'userCertificate'))), record);
    }
  }
  let authorityKeyId: Uint8Array | undefined;
  if (fields[index]?.tag === 0xa0) {
    const [list] = childrenOf(fields[index++]!);
    const read = readExtensions(list ?? expectTag(undefined, 0x30, 'crlExtensions'), KNOWN_CRL_EXTENSIONS);
    unsupported ??= read.unsupported;
    const aki = read.map.get(OID.authorityKeyIdentifier);
    if (aki !== undefined) {
      const keyId = childrenOf(readSingle(aki, 'AKI')).find((field) => field.tag === 0x80);
      if (keyId !== undefined) authorityKeyId = contentOf(keyId);
    }
  }
  const signatureBits = contentOf(expectTag(signatureNode, 0x03, 'CRL signature'));
  return {
    der,
    tbs: nodeBytes(tbsNode!),
    issuerDer,
    thisUpdate,
    ...(nextUpdate === undefined ? {} : { nextUpdate }),
    revoked,
    signatureAlgorithm: nodeBytes(expectTag(algorithmNode, 0x30, 'CRL signatureAlgorithm')),
    signatureValue: signatureBits.subarray(1),
    ...(authorityKeyId === undefined ? {} : { authorityKeyId }),
    ...(unsupported === undefined ? {} : { unsupported }),
  };
}
