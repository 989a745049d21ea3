import { createHash } from 'node:crypto';
import { base64url } from 'jose';
import { SealError } from '../errors';
import { describeInput } from '../internal/asn1/input';
import type { Signer } from '../signer';
import { canonicalizeJson } from './canonicalize-json';
import {
  DEFAULT_SM2_JWS_ALG,
  ecdsaCoordinateBytes,
  ecdsaDerToRaw,
  encodeBase64,
  JWS_ALGORITHMS,
  type JwsAlgorithm,
} from './jws';

/** Options of {@link signJson}. */
export interface SignJsonOptions {
  /**
   * `compact` (`header.payload.signature`) or `json` (the flattened JWS JSON serialization, returned as JSON text).
   * @default 'compact'
   */
  serialization?: 'compact' | 'json';
  /**
   * How a JSON payload becomes bytes: `jcs` (RFC 8785, see {@link canonicalizeJson}) so that anyone holding the
   * same data can re-create the signed bytes, or `none` (`JSON.stringify`). Ignored for a `Uint8Array` payload, whose
   * bytes are signed as they are.
   * @default 'jcs'
   */
  canonicalize?: 'jcs' | 'none';
  /**
   * Detached payload (RFC 7797, `b64: false` listed in `crit`): the payload is signed but left out of the JWS; the
   * verifier passes it in `policy.payload`. For large payloads stored next to their seal.
   * @default false
   */
  detached?: boolean;
  /** `kid` header: an identifier of the signing key or seal. */
  keyId?: string;
  /**
   * Put the signer's certificate and chain in the `x5c` header, so verifiers can build the path to their trust
   * anchors. {@link validateJson} needs it.
   * @default true
   */
  includeX5c?: boolean;
  /**
   * Put the SHA-256 thumbprint of the signer's certificate in the `x5t#S256` header. With `includeX5c: false` this
   * makes a compact token (for a QR code) that names its certificate without carrying it: {@link validateJson} then
   * finds the certificate among the policy's `intermediates` (e.g. the seal certificates of a trust list).
   * @default false
   */
  includeThumbprint?: boolean;
  /** `typ` header, e.g. `JOSE` or an application media type. Omitted by default. */
  type?: string;
  /**
   * The `alg` header written for an `SM2-SM3` signer (SM2 has no registered JOSE name).
   * @default 'SM2SM3'
   */
  sm2AlgorithmName?: string;
}

function payloadBytes(payload: unknown, canonicalize: 'jcs' | 'none'): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  const text = canonicalize === 'jcs' ? canonicalizeJson(payload) : JSON.stringify(payload);
  if (typeof text !== 'string') {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `signJson(): the payload (${describeInput(payload)}) has no JSON representation; pass a JSON value or bytes.`,
    );
  }
  return new TextEncoder().encode(text);
}

function checkOptions(signer: Signer, options: SignJsonOptions): JwsAlgorithm {
  if (typeof signer !== 'object' || signer === null || typeof signer.sign !== 'function') {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `signJson(): signer (${describeInput(signer)}) is not a Signer; create one with createSoftwareSigner() or implement { algorithm, certificate, sign }.`,
    );
  }
  const algorithm = signer.algorithm;
  if (!(JWS_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new SealError(
      'ERR_SEAL_ALGORITHM_UNSUPPORTED',
      `signJson(): the signer's algorithm "${String(algorithm)}" cannot make a JWS; use one of ${JWS_ALGORITHMS.join(', ')}.`,
    );
  }
  if (
    (options.includeX5c !== false || options.includeThumbprint === true) &&
    !(signer.certificate instanceof Uint8Array)
  ) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `signJson(): signer.certificate (${describeInput(signer.certificate)}) must be the DER certificate as a Uint8Array for the x5c header; or set includeX5c: false.`,
    );
  }
  for (const [name, value] of [
    ['keyId', options.keyId],
    ['type', options.type],
    ['sm2AlgorithmName', options.sm2AlgorithmName],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new SealError(
        'ERR_SEAL_INPUT_INVALID',
        `signJson(): options.${name} (${describeInput(value)}) must be a non-empty string.`,
      );
    }
  }
  return algorithm as JwsAlgorithm;
}

/**
 * Signs a JSON value (or bytes) with a {@link Signer} and returns a JWS (RFC 7515). The header is fully protected:
 * `alg` from the signer, `x5c` with the signer's certificate chain, and `kid` / `typ` when asked. The signer only
 * produces the raw signature, so software keys, UKeys and HSMs work alike; ECDSA signatures are converted from DER to
 * the JWS r‖s form.
 *
 * @param payload - a JSON value (canonicalized with RFC 8785 by default) or a `Uint8Array`/`ArrayBuffer` signed as is.
 * @param signer - the signer; its algorithm must be ES256, ES384, RS256, PS256, EdDSA or SM2-SM3 (a UKey/HSM signer
 *   returning a DER SM2 signature; the JWS carries raw r‖s under the `alg` {@link DEFAULT_SM2_JWS_ALG}).
 * @param options - serialization, canonicalization, detached payload, `kid`, `typ`, `x5c`; see {@link SignJsonOptions}.
 * @returns the JWS: a compact string, or flattened JWS JSON text when `serialization: 'json'`.
 * @throws {@link SealError} `ERR_SEAL_INPUT_INVALID` for a payload that is not I-JSON or bad options;
 *   `ERR_SEAL_ALGORITHM_UNSUPPORTED` for an unknown signer algorithm; `ERR_SEAL_SIGNER_FAILED` when the signer fails
 *   or returns a malformed signature.
 * @example
 * ```ts
 * import { createSoftwareSigner } from '@zwfw/seal';
 * import { signJson } from '@zwfw/seal/json';
 *
 * const signer = createSoftwareSigner({ algorithm: 'ES256', privateKey: keyPem, certificate: certPem });
 * const jws = await signJson({ licenceNo: 'HY-2026-0001', holder: '衡阳市某某有限公司' }, signer);
 * ```
 */
export async function signJson(payload: unknown, signer: Signer, options: SignJsonOptions = {}): Promise<string> {
  const algorithm = checkOptions(signer, options);
  const bytes = payloadBytes(payload, options.canonicalize ?? 'jcs');
  const detached = options.detached === true;

  const header: Record<string, unknown> = {
    alg: algorithm === 'SM2-SM3' ? (options.sm2AlgorithmName ?? DEFAULT_SM2_JWS_ALG) : algorithm,
  };
  if (options.type !== undefined) header.typ = options.type;
  if (options.keyId !== undefined) header.kid = options.keyId;
  if (options.includeThumbprint === true) {
    header['x5t#S256'] = base64url.encode(new Uint8Array(createHash('sha256').update(signer.certificate).digest()));
  }
  if (options.includeX5c !== false) {
    header.x5c = [signer.certificate, ...(signer.chain ?? [])].map((der) => encodeBase64(der));
  }
  if (detached) {
    header.b64 = false;
    header.crit = ['b64'];
  }
  const protectedB64 = base64url.encode(JSON.stringify(header));
  const encoder = new TextEncoder();
  const head = encoder.encode(`${protectedB64}.`);
  const body = detached ? bytes : encoder.encode(base64url.encode(bytes));
  const signingInput = new Uint8Array(head.length + body.length);
  signingInput.set(head);
  signingInput.set(body, head.length);

  let signature: Uint8Array;
  try {
    signature = await signer.sign(signingInput);
  } catch (cause) {
    throw new SealError('ERR_SEAL_SIGNER_FAILED', `signJson(): the ${algorithm} signer failed; see the cause.`, {
      cause,
    });
  }
  if (!(signature instanceof Uint8Array) || signature.length === 0) {
    throw new SealError(
      'ERR_SEAL_SIGNER_FAILED',
      `signJson(): the signer returned ${describeInput(signature)} instead of a non-empty Uint8Array signature.`,
    );
  }
  const coordinateBytes = ecdsaCoordinateBytes(algorithm);
  if (coordinateBytes !== undefined) signature = ecdsaDerToRaw(signature, coordinateBytes);

  const payloadSegment = detached ? '' : base64url.encode(bytes);
  const signatureB64 = base64url.encode(signature);
  if (options.serialization === 'json') {
    // RFC 7515 Appendix F: a detached payload is an omitted "payload" member in the JSON serialization.
    return JSON.stringify(
      detached
        ? { protected: protectedB64, signature: signatureB64 }
        : { protected: protectedB64, payload: payloadSegment, signature: signatureB64 },
    );
  }
  return `${protectedB64}.${payloadSegment}.${signatureB64}`;
}
