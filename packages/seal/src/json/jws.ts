// Internal JWS plumbing shared by signJson, decodeJson and validateJson: strict parsing of the three serializations,
// strict base64/base64url, and the ECDSA DER ↔ raw r‖s conversion (signers return DER, JWS wants raw).
import { base64url } from 'jose';
import { SealError } from '../errors';
import type { SignatureAlgorithm } from '../types';

/**
 * Algorithms this package signs and verifies JWS with. All but `SM2-SM3` are JOSE `alg` names; SM2 has no IANA JOSE
 * name and is written under {@link DEFAULT_SM2_JWS_ALG} (configurable).
 */
export type JwsAlgorithm = SignatureAlgorithm;

export const JWS_ALGORITHMS: readonly JwsAlgorithm[] = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA', 'SM2-SM3'];

/**
 * The private JWS `alg` header value used for SM2 with SM3 (GB/T 32918, user ID per policy). There is no registered
 * JOSE name for SM2: pass `sm2AlgorithmName` to `signJson` / `validateJson` to match a counterpart's spelling.
 */
export const DEFAULT_SM2_JWS_ALG = 'SM2SM3';

/** Most certificates accepted in an `x5c` header (leaf + intermediates + root). */
export const MAX_X5C_CERTIFICATES = 10;

/** Byte length of one ECDSA coordinate (r or s) per algorithm. */
const ECDSA_COORDINATE_BYTES: Partial<Record<JwsAlgorithm, number>> = { ES256: 32, ES384: 48, 'SM2-SM3': 32 };

/** A JWS taken apart, before any cryptography. */
export interface ParsedJws {
  serialization: 'compact' | 'flattened' | 'general';
  /** The protected header exactly as transmitted (base64url). */
  protectedB64: string;
  header: Record<string, unknown>;
  /** The payload segment as transmitted: base64url text, raw text when `b64: false`, or '' when detached. */
  payloadSegment: string;
  signature: Uint8Array;
  /** Whether the header says `b64: false` (RFC 7797). */
  unencodedPayload: boolean;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function formatError(message: string): SealError {
  return new SealError('ERR_SEAL_INPUT_INVALID', message);
}

/** Strict base64url: the RFC 7515 alphabet, no padding, and the canonical encoding (no stray trailing bits). */
export function decodeBase64Url(text: string, what: string): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    throw formatError(`${what} is not base64url (RFC 7515 §2: A-Z a-z 0-9 - _ without padding).`);
  }
  const bytes = base64url.decode(text);
  if (base64url.encode(bytes) !== text) {
    throw formatError(`${what} is not canonical base64url (non-zero trailing bits); re-encode it.`);
  }
  return bytes;
}

/** Strict standard base64 with padding, as `x5c` requires (RFC 7515 §4.1.6). */
export function decodeBase64(text: string, what: string): Uint8Array {
  if (!BASE64.test(text)) throw formatError(`${what} is not padded standard base64 (RFC 7515 §4.1.6).`);
  return decodeBase64Url(text.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'), what);
}

/** Standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  const text = base64url.encode(bytes).replaceAll('-', '+').replaceAll('_', '/');
  return text + '='.repeat((4 - (text.length % 4)) % 4);
}

function parseHeader(protectedB64: string): Record<string, unknown> {
  const bytes = decodeBase64Url(protectedB64, 'the protected header');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw formatError('the protected header is not UTF-8 JSON.');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw formatError('the protected header is not a JSON object.');
  }
  return header as Record<string, unknown>;
}

/** Header members this package understands in `crit` (RFC 7515 §4.1.11). */
const UNDERSTOOD_CRITICAL = new Set(['b64']);
const REGISTERED_HEADER = new Set(['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit']);

function checkCritical(header: Record<string, unknown>): void {
  const { crit, b64 } = header;
  if (b64 !== undefined && typeof b64 !== 'boolean') throw formatError('the "b64" header must be a boolean.');
  if (crit === undefined) {
    if (b64 !== undefined) throw formatError('"b64" is used without listing it in "crit" (RFC 7797 §6).');
    return;
  }
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((name) => typeof name !== 'string')) {
    throw formatError('"crit" must be a non-empty array of header names.');
  }
  for (const name of crit as string[]) {
    if (REGISTERED_HEADER.has(name)) throw formatError(`"crit" lists the registered header "${name}".`);
    if (!UNDERSTOOD_CRITICAL.has(name))
      throw formatError(`"crit" requires "${name}", which this verifier does not support.`);
    if (!(name in header)) throw formatError(`"crit" lists "${name}", but the protected header does not contain it.`);
  }
  if (b64 !== undefined && !(crit as string[]).includes('b64')) {
    throw formatError('"b64" is used without listing it in "crit" (RFC 7797 §6).');
  }
}

function fromParts(
  serialization: ParsedJws['serialization'],
  protectedB64: unknown,
  payloadSegment: unknown,
  signatureB64: unknown,
): ParsedJws {
  if (typeof protectedB64 !== 'string' || protectedB64 === '') {
    throw formatError('the JWS has no protected header; every header parameter must be integrity-protected.');
  }
  if (typeof payloadSegment !== 'string') throw formatError('the JWS "payload" member must be a string.');
  if (typeof signatureB64 !== 'string') throw formatError('the JWS "signature" member must be a string.');
  const header = parseHeader(protectedB64);
  checkCritical(header);
  const unencodedPayload = header.b64 === false;
  if (!unencodedPayload) decodeBase64Url(payloadSegment, 'the payload');
  const signature = decodeBase64Url(signatureB64, 'the signature');
  return { serialization, protectedB64, header, payloadSegment, signature, unencodedPayload };
}

function parseJsonSerialization(value: Record<string, unknown>): ParsedJws {
  if ('signatures' in value) {
    const { signatures } = value;
    if (!Array.isArray(signatures) || signatures.length !== 1) {
      throw formatError('a general JWS JSON serialization must carry exactly one signature here.');
    }
    const [only] = signatures as unknown[];
    if (typeof only !== 'object' || only === null) throw formatError('the JWS signature entry is not an object.');
    const entry = only as Record<string, unknown>;
    if (entry.header !== undefined) {
      throw formatError('the JWS has an unprotected "header"; every header parameter must be integrity-protected.');
    }
    return fromParts('general', entry.protected, value.payload ?? '', entry.signature);
  }
  if (value.header !== undefined) {
    throw formatError('the JWS has an unprotected "header"; every header parameter must be integrity-protected.');
  }
  return fromParts('flattened', value.protected, value.payload ?? '', value.signature);
}

/**
 * Parses a JWS in compact, flattened JSON or general JSON (one signature) serialization, strictly, without any
 * cryptography. Throws ERR_SEAL_INPUT_INVALID naming the problem.
 */
export function parseJws(jws: unknown): ParsedJws {
  if (typeof jws === 'string') {
    const text = jws.trim();
    if (text.startsWith('{')) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw formatError('the JWS starts with "{" but is not valid JSON.');
      }
      return parseJws(value);
    }
    const parts = text.split('.');
    if (parts.length !== 3) {
      throw formatError(`a compact JWS has 3 dot-separated parts, this one has ${parts.length}.`);
    }
    return fromParts('compact', parts[0], parts[1], parts[2]);
  }
  if (typeof jws === 'object' && jws !== null && !Array.isArray(jws)) {
    return parseJsonSerialization(jws as Record<string, unknown>);
  }
  throw formatError('a JWS must be a compact string, JSON text or a parsed JWS JSON object.');
}

/** Whether the JWS carries its payload (false when detached: RFC 7515 Appendix F or RFC 7797). */
export function isDetached(parsed: ParsedJws): boolean {
  return parsed.payloadSegment === '';
}

/** The payload bytes carried in the JWS (empty when detached). */
export function attachedPayloadBytes(parsed: ParsedJws): Uint8Array {
  return parsed.unencodedPayload
    ? new TextEncoder().encode(parsed.payloadSegment)
    : decodeBase64Url(parsed.payloadSegment, 'the payload');
}

/** Reads the `x5c` header: DER certificates, leaf first. Undefined when absent. */
export function readX5c(header: Record<string, unknown>): Uint8Array[] | undefined {
  const { x5c } = header;
  if (x5c === undefined) return undefined;
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_X5C_CERTIFICATES) {
    throw formatError(`"x5c" must be an array of 1 to ${MAX_X5C_CERTIFICATES} base64 certificates.`);
  }
  return x5c.map((item, index) => {
    if (typeof item !== 'string') throw formatError(`"x5c"[${index}] is not a string.`);
    return decodeBase64(item, `"x5c"[${index}]`);
  });
}

function readDerLength(der: Uint8Array, offset: number): { length: number; next: number } {
  const first = der[offset];
  if (first === undefined) throw new Error('truncated');
  if (first < 0x80) return { length: first, next: offset + 1 };
  if (first !== 0x81) throw new Error('unsupported length');
  const length = der[offset + 1];
  if (length === undefined || length < 0x80) throw new Error('non-minimal length');
  return { length, next: offset + 2 };
}

/** Converts a DER `Ecdsa-Sig-Value` to JWS raw r‖s; a signature already of the raw size passes unchanged. */
export function ecdsaDerToRaw(signature: Uint8Array, coordinateBytes: number): Uint8Array {
  try {
    if (signature[0] !== 0x30) throw new Error('not a SEQUENCE');
    const sequence = readDerLength(signature, 1);
    if (sequence.next + sequence.length !== signature.length) throw new Error('trailing bytes');
    const out = new Uint8Array(coordinateBytes * 2);
    let offset = sequence.next;
    for (let index = 0; index < 2; index += 1) {
      if (signature[offset] !== 0x02) throw new Error('not an INTEGER');
      const integer = readDerLength(signature, offset + 1);
      let value = signature.subarray(integer.next, integer.next + integer.length);
      if (value.length !== integer.length || value.length === 0) throw new Error('truncated');
      while (value.length > 1 && value[0] === 0) value = value.subarray(1);
      if (value.length > coordinateBytes) throw new Error('integer too large');
      out.set(value, coordinateBytes * (index + 1) - value.length);
      offset = integer.next + integer.length;
    }
    if (offset !== signature.length) throw new Error('trailing bytes');
    return out;
  } catch (cause) {
    if (signature.length === coordinateBytes * 2) return signature;
    throw new SealError(
      'ERR_SEAL_SIGNER_FAILED',
      `the signer returned ${signature.length} bytes that are neither a DER Ecdsa-Sig-Value nor a raw ${coordinateBytes * 2}-byte r||s signature; return DER as the Signer contract says.`,
      { cause },
    );
  }
}

/** Converts a JWS raw r‖s signature (two equal halves) to a DER `Ecdsa-Sig-Value` (also the SM2 signature form). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array): number[] => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
    const value = Array.from(bytes.subarray(start));
    return [0x02, ...(value[0]! >= 0x80 ? [value.length + 1, 0, ...value] : [value.length, ...value])];
  };
  const body = [...integer(raw.subarray(0, half)), ...integer(raw.subarray(half))];
  return new Uint8Array([0x30, body.length, ...body]);
}

/** Coordinate size for ECDSA and SM2 algorithms, undefined for others. */
export function ecdsaCoordinateBytes(algorithm: JwsAlgorithm): number | undefined {
  return ECDSA_COORDINATE_BYTES[algorithm];
}
