// Minimal DER writer and bounded BER/DER reader. The writer gives byte control where a schema library would re-encode
// (issuer names, signed attributes); the reader locates raw sub-structures (the signed-attributes bytes, the issuer
// bytes) in hostile input without recursion beyond MAX_DEPTH.

/** Thrown by the reader on malformed input; callers turn it into a FAILED check or a SealError. */
export class Asn1ParseError extends Error {
  override readonly name = 'Asn1ParseError';
}

const MAX_DEPTH = 64;

/** One element: `bytes.subarray(start, end)` is the whole TLV, `[contentStart, contentEnd)` its content. */
export interface DerNode {
  readonly bytes: Uint8Array;
  /** Identifier octet (low-tag-number form only). */
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly end: number;
}

/** Reads the element at `offset`, within `[offset, limit)`. Supports BER indefinite lengths of constructed elements. */
export function readNode(bytes: Uint8Array, offset = 0, limit = bytes.length, depth = 0): DerNode {
  if (depth > MAX_DEPTH) throw new Asn1ParseError('ASN.1 nesting too deep');
  if (offset + 2 > limit) throw new Asn1ParseError(`truncated ASN.1 element at offset ${offset}`);
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new Asn1ParseError(`unsupported high tag number at offset ${offset}`);
  let position = offset + 1;
  const first = bytes[position++]!;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new Asn1ParseError(`indefinite length on a primitive element at offset ${offset}`);
    let cursor = position;
    for (;;) {
      if (cursor + 2 > limit) throw new Asn1ParseError(`unterminated indefinite-length element at offset ${offset}`);
      if (bytes[cursor] === 0 && bytes[cursor + 1] === 0) {
        return { bytes, tag, start: offset, contentStart: position, contentEnd: cursor, end: cursor + 2 };
      }
      cursor = readNode(bytes, cursor, limit, depth + 1).end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new Asn1ParseError(`ASN.1 length too large at offset ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) {
      if (position >= limit) throw new Asn1ParseError(`truncated ASN.1 length at offset ${offset}`);
      length = length * 256 + bytes[position++]!;
    }
  }
  const end = position + length;
  if (end > limit) throw new Asn1ParseError(`ASN.1 element at offset ${offset} runs past its container`);
  return { bytes, tag, start: offset, contentStart: position, contentEnd: end, end };
}

/** Direct children of a constructed element. */
export function childrenOf(node: DerNode, depth = 0): DerNode[] {
  if ((node.tag & 0x20) === 0)
    throw new Asn1ParseError(`element with tag 0x${node.tag.toString(16)} is not constructed`);
  const out: DerNode[] = [];
  let cursor = node.contentStart;
  while (cursor < node.contentEnd) {
    const child = readNode(node.bytes, cursor, node.contentEnd, depth + 1);
    out.push(child);
    cursor = child.end;
  }
  return out;
}

/** Whole TLV bytes of a node. */
export function nodeBytes(node: DerNode): Uint8Array {
  return node.bytes.subarray(node.start, node.end);
}

/** Content bytes of a node. */
export function contentOf(node: DerNode): Uint8Array {
  return node.bytes.subarray(node.contentStart, node.contentEnd);
}

/** Reads a node and requires a tag. */
export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (node === undefined) throw new Asn1ParseError(`${what} is missing`);
  if (node.tag !== tag) {
    throw new Asn1ParseError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  }
  return node;
}

/** Parses a whole buffer as exactly one element (no trailing bytes). */
export function readSingle(bytes: Uint8Array, what: string): DerNode {
  const node = readNode(bytes, 0, bytes.length);
  if (node.end !== bytes.length) throw new Asn1ParseError(`${what} has ${bytes.length - node.end} trailing bytes`);
  return node;
}

/** Decodes OBJECT IDENTIFIER content to dotted form. */
export function decodeOid(content: Uint8Array): string {
  if (content.length === 0 || content.length > 64) throw new Asn1ParseError('invalid OBJECT IDENTIFIER length');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new Asn1ParseError('OBJECT IDENTIFIER arc too large');
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        arcs.push(first, value - first * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
    }
  }
  if (content[content.length - 1]! & 0x80) throw new Asn1ParseError('truncated OBJECT IDENTIFIER');
  return arcs.join('.');
}

/** Reads an OID node. */
export function readOid(node: DerNode | undefined, what: string): string {
  return decodeOid(contentOf(expectTag(node, 0x06, what)));
}

// ---- writer ----

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Encodes one TLV. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of contents) length += part.length;
  const header = encodeLength(length);
  const out = new Uint8Array(1 + header.length + length);
  out[0] = tag;
  out.set(header, 1);
  let offset = 1 + header.length;
  for (const part of contents) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** SEQUENCE. */
export const sequence = (...contents: Uint8Array[]): Uint8Array => tlv(0x30, ...contents);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** DER SET OF: elements sorted by their encodings (X.690 §11.6). */
export function setOf(elements: Uint8Array[], tag = 0x31): Uint8Array {
  return tlv(tag, ...[...elements].sort(compareBytes));
}

/** OBJECT IDENTIFIER from dotted form. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const body: number[] = [];
  const push = (value: number): void => {
    const chunk = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128))
      chunk.unshift(0x80 | (rest & 0x7f));
    body.push(...chunk);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return tlv(0x06, Uint8Array.from(body));
}

/** INTEGER from unsigned big-endian magnitude bytes (or a small number). */
export function integer(value: Uint8Array | number): Uint8Array {
  let bytes = typeof value === 'number' ? bigEndian(value) : value;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && (bytes[start + 1]! & 0x80) === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Uint8Array.of(0);
  return (bytes[0]! & 0x80) !== 0 ? tlv(0x02, Uint8Array.of(0), bytes) : tlv(0x02, bytes);
}

function bigEndian(value: number): Uint8Array {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.from(bytes.length === 0 ? [0] : bytes);
}

/** OCTET STRING. */
export const octetString = (content: Uint8Array): Uint8Array => tlv(0x04, content);
/** NULL. */
export const nullValue = (): Uint8Array => Uint8Array.of(0x05, 0x00);
/** BOOLEAN. */
export const boolean = (value: boolean): Uint8Array => Uint8Array.of(0x01, 0x01, value ? 0xff : 0x00);
/** BIT STRING with no unused bits. */
export const bitString = (content: Uint8Array): Uint8Array => tlv(0x03, Uint8Array.of(0), content);
/** `[n]` EXPLICIT (constructed context tag). */
export const explicit = (n: number, ...contents: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...contents);

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** GeneralizedTime `YYYYMMDDHHMMSSZ` (whole seconds, UTC). */
export function generalizedTime(date: Date): Uint8Array {
  const text =
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    'Z';
  return tlv(0x18, new TextEncoder().encode(text));
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
export function x509Time(date: Date): Uint8Array {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) return generalizedTime(date);
  // Skip tag, length and the two century digits of the GeneralizedTime encoding.
  return tlv(0x17, generalizedTime(date).subarray(4));
}

/** Parses UTCTime / GeneralizedTime nodes (Z form, optional fraction). */
export function readTime(node: DerNode | undefined, what: string): Date {
  if (node === undefined || (node.tag !== 0x17 && node.tag !== 0x18)) throw new Asn1ParseError(`${what} is not a time`);
  const text = new TextDecoder().decode(contentOf(node));
  const match =
    node.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (match === null) throw new Asn1ParseError(`${what} has an invalid time format`);
  const [, y, mo, d, h, mi, s, fraction] = match;
  let year = Number(y);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis));
  // Date.UTC rolls invalid fields over (month 13 → next year): require every field to round-trip.
  const valid =
    !Number.isNaN(date.getTime()) &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    date.getUTCHours() === Number(h) &&
    date.getUTCMinutes() === Number(mi) &&
    date.getUTCSeconds() === Number(s);
  if (!valid) throw new Asn1ParseError(`${what} is not a valid date`);
  return date;
}
