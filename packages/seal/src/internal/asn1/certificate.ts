// X.509 certificate reading over raw DER: names and serials are kept as the exact bytes of the certificate (never
// rebuilt from strings, seal.md §4). node:crypto's X509Certificate is not used here: it costs ~1 ms per certificate.
import { type KeyObject, createHash, createPublicKey } from 'node:crypto';
import {
  Asn1ParseError,
  type DerNode,
  childrenOf,
  contentOf,
  expectTag,
  nodeBytes,
  readOid,
  readSingle,
  readTime,
} from './der';
import { toHex } from './input';
import { OID } from './oids';

/** A certificate with the raw pieces verification needs. */
export interface ParsedCertificate {
  der: Uint8Array;
  /** The subject public key. */
  publicKey: KeyObject;
  tbs: Uint8Array;
  /** Exact DER of `tbsCertificate.issuer` / `subject`. */
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  /** INTEGER content bytes of the serial number. */
  serial: Uint8Array;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  /** DER of the outer signatureAlgorithm AlgorithmIdentifier. */
  signatureAlgorithm: Uint8Array;
  signatureValue: Uint8Array;
  extensions: Map<string, { critical: boolean; value: Uint8Array }>;
  subject: string;
  issuer: string;
  sha256: string;
}

/** Key usage bit names in bit order (RFC 5280 §4.2.1.3). */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** A key usage name. */
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
};

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** Decodes a directory string value (UTF8, Printable, IA5, BMP, Teletex as Latin-1, Universal). */
export function decodeDirectoryString(node: DerNode): string {
  const content = contentOf(node);
  switch (node.tag) {
    case 0x0c:
      return UTF8.decode(content);
    case 0x1e: {
      let text = '';
      for (let i = 0; i + 1 < content.length; i += 2) text += String.fromCharCode((content[i]! << 8) | content[i + 1]!);
      return text;
    }
    case 0x1c: {
      let text = '';
      for (let i = 0; i + 3 < content.length; i += 4) {
        const code = ((content[i]! << 24) | (content[i + 1]! << 16) | (content[i + 2]! << 8) | content[i + 3]!) >>> 0;
        text += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      }
      return text;
    }
    default:
      return String.fromCharCode(...content);
  }
}

function escapeValue(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])|( )$/g, '\\$1$2');
}

/** RFC 4514-style string of a Name (most specific RDN first). */
export function nameToString(nameDer: Uint8Array): string {
  const name = readSingle(nameDer, 'Name');
  const rdns = childrenOf(expectTag(name, 0x30, 'Name')).map((rdn) =>
    childrenOf(expectTag(rdn, 0x31, 'RDN'))
      .map((attribute) => {
        const [type, value] = childrenOf(expectTag(attribute, 0x30, 'AttributeTypeAndValue'));
        const oid = readOid(type, 'attribute type');
        if (value === undefined) throw new Asn1ParseError('attribute value is missing');
        return `${SHORT_NAMES[oid] ?? oid}=${escapeValue(decodeDirectoryString(value))}`;
      })
      .join('+'),
  );
  return rdns.reverse().join(', ');
}

const CACHE_SIZE = 256;
const cache = new Map<string, ParsedCertificate>();

/**
 * Parses a DER certificate; throws Asn1ParseError (or node's error for an unreadable key) on malformed input.
 * Results are cached by SHA-256 of the DER (the cached copy owns its bytes, so callers may reuse their buffers).
 */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const sha256 = createHash('sha256').update(der).digest('hex');
  const cached = cache.get(sha256);
  if (cached !== undefined) return cached;
  const parsed = parseUncached(der.slice(), sha256);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(sha256, parsed);
  return parsed;
}

function parseUncached(der: Uint8Array, sha256: string): ParsedCertificate {
  const root = readSingle(der, 'Certificate');
  const [tbsNode, algorithmNode, signatureNode] = childrenOf(expectTag(root, 0x30, 'Certificate'));
  const tbsParts = childrenOf(expectTag(tbsNode, 0x30, 'tbsCertificate'));
  let index = 0;
  if (tbsParts[0]?.tag === 0xa0) index = 1;
  const serialNode = expectTag(tbsParts[index], 0x02, 'serialNumber');
  const issuerNode = expectTag(tbsParts[index + 2], 0x30, 'issuer');
  const validity = childrenOf(expectTag(tbsParts[index + 3], 0x30, 'validity'));
  const subjectNode = expectTag(tbsParts[index + 4], 0x30, 'subject');
  const spkiNode = expectTag(tbsParts[index + 5], 0x30, 'subjectPublicKeyInfo');
  const extensions = new Map<string, { critical: boolean; value: Uint8Array }>();
  for (const part of tbsParts.slice(index + 6)) {
    if (part.tag !== 0xa3) continue;
    const [list] = childrenOf(part);
    for (const extension of childrenOf(expectTag(list, 0x30, 'Extensions'))) {
      const fields = childrenOf(expectTag(extension, 0x30, 'Extension'));
      const id = readOid(fields[0], 'extnID');
      const critical = fields[1]?.tag === 0x01 && contentOf(fields[1])[0] !== 0;
      const valueNode = expectTag(fields[fields.length - 1], 0x04, 'extnValue');
      if (extensions.has(id)) throw new Asn1ParseError(`duplicate certificate extension ${id}`);
      extensions.set(id, { critical, value: contentOf(valueNode) });
    }
  }
  const signatureBits = contentOf(expectTag(signatureNode, 0x03, 'signatureValue'));
  const issuerDer = nodeBytes(issuerNode);
  const subjectDer = nodeBytes(subjectNode);
  const serial = contentOf(serialNode);
  const spki = nodeBytes(spkiNode);
  return {
    der,
    publicKey: createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
    tbs: nodeBytes(tbsNode!),
    issuerDer,
    subjectDer,
    serial,
    serialHex: toHex(serial.length > 1 && serial[0] === 0 ? serial.subarray(1) : serial),
    notBefore: readTime(validity[0], 'notBefore'),
    notAfter: readTime(validity[1], 'notAfter'),
    spki,
    signatureAlgorithm: nodeBytes(expectTag(algorithmNode, 0x30, 'signatureAlgorithm')),
    signatureValue: signatureBits.subarray(1),
    extensions,
    subject: nameToString(subjectDer),
    issuer: nameToString(issuerDer),
    sha256,
  };
}

/** Key usage names, or undefined when the extension is absent. */
export function keyUsageOf(certificate: ParsedCertificate): Set<KeyUsageName> | undefined {
  const extension = certificate.extensions.get(OID.keyUsage);
  if (extension === undefined) return undefined;
  const node = expectTag(readSingle(extension.value, 'KeyUsage'), 0x03, 'KeyUsage');
  const content = contentOf(node);
  const names = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = content[1 + (bit >> 3)];
    if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) names.add(name);
  });
  return names;
}

/** Extended key usage OIDs, or undefined when absent. */
export function extendedKeyUsageOf(
  certificate: ParsedCertificate,
): { critical: boolean; purposes: string[] } | undefined {
  const extension = certificate.extensions.get(OID.extKeyUsage);
  if (extension === undefined) return undefined;
  const list = expectTag(readSingle(extension.value, 'ExtendedKeyUsage'), 0x30, 'ExtendedKeyUsage');
  return { critical: extension.critical, purposes: childrenOf(list).map((node) => readOid(node, 'KeyPurposeId')) };
}

/** Basic constraints, or undefined when absent. */
export function basicConstraintsOf(certificate: ParsedCertificate): { ca: boolean; pathLength?: number } | undefined {
  const extension = certificate.extensions.get(OID.basicConstraints);
  if (extension === undefined) return undefined;
  const fields = childrenOf(expectTag(readSingle(extension.value, 'BasicConstraints'), 0x30, 'BasicConstraints'));
  let ca = false;
  let pathLength: number | undefined;
  for (const field of fields) {
    if (field.tag === 0x01) ca = contentOf(field)[0] !== 0;
    if (field.tag === 0x02) pathLength = contentOf(field).reduce((value, byte) => value * 256 + byte, 0);
  }
  return pathLength === undefined ? { ca } : { ca, pathLength };
}

/** Subject key identifier bytes, when present. */
export function subjectKeyIdentifierOf(certificate: ParsedCertificate): Uint8Array | undefined {
  const extension = certificate.extensions.get(OID.subjectKeyIdentifier);
  return extension === undefined ? undefined : contentOf(expectTag(readSingle(extension.value, 'SKI'), 0x04, 'SKI'));
}

/** Authority key identifier keyIdentifier bytes, when present. */
export function authorityKeyIdentifierOf(certificate: ParsedCertificate): Uint8Array | undefined {
  const extension = certificate.extensions.get(OID.authorityKeyIdentifier);
  if (extension === undefined) return undefined;
  const fields = childrenOf(expectTag(readSingle(extension.value, 'AKI'), 0x30, 'AKI'));
  const keyId = fields.find((field) => field.tag === 0x80);
  return keyId === undefined ? undefined : contentOf(keyId);
}
