import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { ExchangeError } from './errors';
import { fromBase64 } from './internal/bytes';
import { type ReceiptPayload, ReceiptPayloadSchema } from './wire/cases';

/** A platform receipt: the compact JWS, its decoded payload, and whether its signature was checked. */
export interface Receipt {
  /** The compact JWS as received; keep it as evidence. */
  jws: string;
  /** The decoded payload. */
  payload: ReceiptPayload;
  /** `true` when the signature was verified against the configured key; `false` when no key is configured. */
  verified: boolean;
}

/** The platform's receipt verification key: a public JWK (ES256 / EdDSA) or a WebCrypto `CryptoKey`. */
export type ReceiptKey = JsonWebKey | CryptoKey;

/** What a receipt must bind to. Omitted fields are not compared. */
export interface ReceiptExpectation {
  /** The case number sent. */
  caseNo?: string;
  /** The version sent. */
  version?: number;
  /** Lowercase hex SHA-256 of the request body sent. */
  payloadSha256?: string;
}

/** Options of {@link verifyReceipt}. */
export interface VerifyReceiptOptions {
  /**
   * Accepted JWS algorithms.
   * @defaultValue ['ES256', 'EdDSA']
   */
  algorithms?: string[];
  /** Binding checks. */
  expected?: ReceiptExpectation;
}

/** Default accepted receipt algorithms. */
export const DEFAULT_RECEIPT_ALGORITHMS: readonly string[] = ['ES256', 'EdDSA'];

function fail(message: string, cause?: unknown): never {
  throw new ExchangeError('ERR_EXCHANGE_RECEIPT_INVALID', message, { cause });
}

function decodePayload(jws: string): ReceiptPayload {
  const part = jws.split('.')[1] ?? '';
  let json: unknown;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    json = JSON.parse(new TextDecoder().decode(fromBase64(base64 + '='.repeat((4 - (base64.length % 4)) % 4))));
  } catch (error) {
    fail('receipt payload is not base64url JSON; the platform sent a malformed receipt', error);
  }
  const parsed = ReceiptPayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`receipt payload is invalid at "${issue?.path.join('.') || '(root)'}": ${issue?.message}`);
  }
  return parsed.data;
}

function checkBinding(payload: ReceiptPayload, expected: ReceiptExpectation | undefined): void {
  if (!expected) return;
  for (const field of ['caseNo', 'version', 'payloadSha256'] as const) {
    if (expected[field] !== undefined && expected[field] !== payload[field]) {
      fail(`receipt ${field} does not match the request sent (the receipt belongs to another operation or payload)`);
    }
  }
}

/**
 * Decode a receipt and check its binding without a key (the result says `verified: false`).
 *
 * @internal
 */
export function decodeReceipt(jws: string, expected?: ReceiptExpectation): Receipt {
  const payload = decodePayload(jws);
  checkBinding(payload, expected);
  return { jws, payload, verified: false };
}

/**
 * Verify a platform receipt (a compact JWS over `{ caseNo, version, acceptedAt, payloadSha256 }`) with jose, and
 * check that it binds to the request sent.
 *
 * @param jws - the compact JWS.
 * @param key - the platform's public key (JWK or CryptoKey).
 * @param options - accepted algorithms and binding expectations.
 * @returns the verified {@link Receipt}.
 * @throws ExchangeError `ERR_EXCHANGE_RECEIPT_INVALID` when the signature, algorithm, payload or binding is wrong.
 * @example
 * ```ts
 * const receipt = await verifyReceipt(stored.receipt, platformJwk, { expected: { caseNo: 'C-1' } });
 * console.log(receipt.payload.acceptedAt);
 * ```
 */
export async function verifyReceipt(
  jws: string,
  key: ReceiptKey,
  options: VerifyReceiptOptions = {},
): Promise<Receipt> {
  const algorithms = options.algorithms ?? [...DEFAULT_RECEIPT_ALGORITHMS];
  let header: { alg?: string };
  try {
    header = decodeProtectedHeader(jws);
  } catch (error) {
    fail('receipt is not a compact JWS', error);
  }
  if (!header.alg || !algorithms.includes(header.alg)) {
    fail(`receipt algorithm "${String(header.alg).slice(0, 16)}" is not accepted (allowed: ${algorithms.join(', ')})`);
  }
  try {
    const resolved = 'kty' in key ? await importJWK(key as Parameters<typeof importJWK>[0], header.alg) : key;
    await compactVerify(jws, resolved as CryptoKey, { algorithms });
  } catch (error) {
    fail(
      'receipt signature does not verify with the configured platform key (wrong key, or the receipt was altered)',
      error,
    );
  }
  const payload = decodePayload(jws);
  checkBinding(payload, options.expected);
  return { jws, payload, verified: true };
}
