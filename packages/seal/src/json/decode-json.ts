import { attachedPayloadBytes, isDetached, parseJws, readX5c } from './jws';

/** What {@link decodeJson} reads from a JWS. Nothing here is verified. */
export interface DecodedJson {
  /** The protected header (the only header this package accepts). */
  header: Record<string, unknown>;
  /**
   * The payload parsed as JSON; `undefined` when the payload is detached or is not JSON (then see `payloadBytes`).
   */
  payload: unknown;
  /** The payload bytes carried in the JWS; empty when detached. */
  payloadBytes: Uint8Array;
  /** Whether the payload is detached (RFC 7515 Appendix F or RFC 7797 `b64: false`). */
  detached: boolean;
  /** The `x5c` certificates (DER, leaf first); empty when there is no `x5c` header. */
  certificates: Uint8Array[];
  /** Which serialization the JWS used. */
  serialization: 'compact' | 'flattened' | 'general';
}

/**
 * Reads a JWS without verifying it: header, payload and `x5c` certificates. Use it to show what a document claims
 * before (or instead of) validation — never to trust it; {@link validateJson} checks the signature and the chain.
 *
 * @param jws - a compact JWS, JWS JSON text, or a parsed flattened/general JWS object (one signature).
 * @returns the decoded parts.
 * @throws {@link SealError} `ERR_SEAL_INPUT_INVALID` when the input is not a well-formed JWS (bad base64url, header
 *   not a JSON object, unknown `crit`, unprotected header, more than one signature). A bad signature never throws.
 * @example
 * ```ts
 * const { header, payload } = decodeJson(jws);
 * console.log(header.alg, payload);
 * ```
 */
export function decodeJson(jws: string | Record<string, unknown>): DecodedJson {
  const parsed = parseJws(jws);
  const detached = isDetached(parsed);
  const payloadBytes = detached ? new Uint8Array(0) : attachedPayloadBytes(parsed);
  let payload: unknown;
  if (!detached) {
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
    } catch {
      payload = undefined;
    }
  }
  return {
    header: parsed.header,
    payload,
    payloadBytes,
    detached,
    certificates: readX5c(parsed.header) ?? [],
    serialization: parsed.serialization,
  };
}
