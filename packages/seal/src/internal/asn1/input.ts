import { SealError } from '../../errors';

/** Bytes as accepted by public APIs. */
export type BytesInput = Uint8Array | ArrayBuffer;

/** Describes a value's type for error messages, without echoing its content (it may be a secret). */
export function describeInput(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength})`;
  if (typeof value === 'string') return `string(${value.length} chars)`;
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value;
}

/** Copies-free view of bytes; throws ERR_SEAL_INPUT_INVALID for anything else. */
export function toBytes(value: unknown, name: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new SealError(
    'ERR_SEAL_INPUT_INVALID',
    `${name} must be a Uint8Array or ArrayBuffer, got ${describeInput(value)}; read the file as bytes (e.g. fs.readFile without an encoding).`,
  );
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block of `text` with the given label(s), decoded. */
export function decodePemBlocks(text: string, labels: readonly string[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (!labels.includes(match[1] ?? '')) continue;
    const body = (match[2] ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) continue;
    out.push(new Uint8Array(Buffer.from(body, 'base64')));
  }
  return out;
}

/** PEM text or DER bytes → list of DER blocks (a PEM string may hold several). */
export function toDerList(value: unknown, name: string, labels: readonly string[]): Uint8Array[] {
  if (typeof value === 'string') {
    const blocks = decodePemBlocks(value, labels);
    if (blocks.length === 0) {
      throw new SealError(
        'ERR_SEAL_INPUT_INVALID',
        `${name} is a string without a PEM block labelled ${labels.join(' or ')}; pass PEM text ("-----BEGIN ${labels[0]}-----") or DER bytes.`,
      );
    }
    return blocks;
  }
  return [toBytes(value, name)];
}

/** PEM text or DER bytes → one DER block. */
export function toDer(value: unknown, name: string, labels: readonly string[]): Uint8Array {
  return toDerList(value, name, labels)[0]!;
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Constant-shape byte comparison (not secret-dependent timing: used on public data). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** PEM-encodes DER bytes. */
export function toPem(der: Uint8Array, label: string): string {
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
