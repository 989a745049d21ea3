import { base64url, flattenedVerify, importX509 } from 'jose';
import { SealError } from '../errors';
import { type ParsedCertificate, parseCertificate } from '../internal/asn1/certificate';
import { sm2PublicKeyHex, sm2Verify } from '../internal/asn1/sm2';
import { bytesEqual, toDerList, toHex, toPem } from '../internal/asn1/input';
import { validateCertificatePath } from '../internal/trust/validate-certificate-path';
import {
  aggregateIndication,
  type CheckId,
  createCheck,
  type SignatureReport,
  type SignerInfoSummary,
  type ValidationCheck,
  type ValidationReport,
} from '../report';
import { SM2_DEFAULT_USER_ID, type TrustPolicy } from '../types';
import { canonicalizeJson } from './canonicalize-json';
import {
  attachedPayloadBytes,
  DEFAULT_SM2_JWS_ALG,
  decodeBase64Url,
  ecdsaRawToDer,
  isDetached,
  JWS_ALGORITHMS,
  type JwsAlgorithm,
  type ParsedJws,
  parseJws,
  readX5c,
} from './jws';

/**
 * The trust policy of {@link validateJson}: a {@link TrustPolicy} plus the JWS algorithm allow-list and, for a
 * detached JWS or to bind the signature to data you hold, the expected payload.
 */
export interface JsonTrustPolicy extends TrustPolicy {
  /**
   * Accepted `alg` values. Required: the algorithm is never inferred from the key. `none` and HMAC (`HS*`) are never
   * accepted, whatever is listed.
   */
  algorithms: JwsAlgorithm[];
  /**
   * The payload the signature must cover: a JSON value (compared in its RFC 8785 canonical form) or the exact bytes.
   * Required for a detached JWS; for an attached one, the signed payload must match it.
   */
  payload?: unknown;
  /**
   * The `alg` header value that means SM2 with SM3 (list `'SM2-SM3'` in `algorithms` to accept SM2). It must not be
   * a registered JOSE name.
   * @default 'SM2SM3'
   */
  sm2AlgorithmName?: string;
}

const REQUIRED_CHECKS: readonly CheckId[] = ['JWS_FORMAT', 'JWS_ALG_ALLOWED', 'JWS_SIGNATURE', 'JWS_X5C_CHAIN'];
const ALGORITHM_SIZE_HINT = /modulusLength|2048/;

function formatFailure(message: string, subIndication: 'FORMAT_FAILURE' | 'SIGNED_DATA_NOT_FOUND'): ValidationCheck {
  return createCheck('JWS_FORMAT', 'FAILED', `JWS 格式错误：${message}`, `Malformed JWS: ${message}`, {
    subIndication,
  });
}

/** The bytes the signature must cover, and the payload check. */
function resolvePayload(parsed: ParsedJws, policy: JsonTrustPolicy): { bytes?: Uint8Array; checks: ValidationCheck[] } {
  const expected = expectedPayloadBytes(policy.payload);
  if (isDetached(parsed)) {
    if (expected === undefined) {
      return {
        checks: [
          formatFailure(
            '载荷为分离式，但策略未提供 payload。 / the payload is detached and policy.payload was not given',
            'SIGNED_DATA_NOT_FOUND',
          ),
        ],
      };
    }
    return { bytes: expected, checks: [canonCheck(expected, parsed)] };
  }
  const bytes = attachedPayloadBytes(parsed);
  if (expected !== undefined && !bytesEqual(bytes, expected)) {
    const sameData = sameCanonicalJson(bytes, expected);
    return {
      bytes,
      checks: [
        sameData
          ? createCheck(
              'JWS_PAYLOAD_CANON',
              'WARNING',
              '签名载荷与所给数据内容相同，但不是 RFC 8785 规范形式。',
              'The signed payload holds the same data as policy.payload, but is not in RFC 8785 canonical form.',
            )
          : createCheck(
              'JWS_PAYLOAD_CANON',
              'FAILED',
              '签名载荷与所给数据不一致。',
              'The signed payload differs from policy.payload.',
              { subIndication: 'HASH_FAILURE' },
            ),
      ],
    };
  }
  return { bytes, checks: [canonCheck(bytes, parsed)] };
}

function expectedPayloadBytes(payload: unknown): Uint8Array | undefined {
  if (payload === undefined) return undefined;
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  return new TextEncoder().encode(canonicalizeJson(payload));
}

function parseJsonBytes(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

function sameCanonicalJson(a: Uint8Array, b: Uint8Array): boolean {
  const left = parseJsonBytes(a);
  const right = parseJsonBytes(b);
  if (!left.ok || !right.ok) return false;
  try {
    return canonicalizeJson(left.value) === canonicalizeJson(right.value);
  } catch {
    return false;
  }
}

function canonCheck(bytes: Uint8Array, parsed: ParsedJws): ValidationCheck {
  const json = parseJsonBytes(bytes);
  if (!json.ok) {
    return createCheck(
      'JWS_PAYLOAD_CANON',
      'NOT_APPLICABLE',
      '载荷不是 JSON，按原始字节验证。',
      'The payload is not JSON; its bytes are verified as they are.',
    );
  }
  let canonical: string | undefined;
  try {
    canonical = canonicalizeJson(json.value);
  } catch (error) {
    canonical = undefined;
    void error;
  }
  if (canonical !== undefined && bytesEqual(new TextEncoder().encode(canonical), bytes)) {
    return createCheck(
      'JWS_PAYLOAD_CANON',
      'PASSED',
      '载荷为 RFC 8785 规范化 JSON。',
      'The payload is RFC 8785 canonical JSON.',
      { details: { detached: isDetached(parsed) } },
    );
  }
  return createCheck(
    'JWS_PAYLOAD_CANON',
    'WARNING',
    '载荷是 JSON，但不是 RFC 8785 规范形式（可能含重复键或非规范格式），重新序列化后的数据无法通过验证。',
    'The payload is JSON but not RFC 8785 canonical (non-canonical formatting or duplicate members): data re-serialized by a consumer will not verify.',
  );
}

function algorithmCheck(alg: unknown, policy: JsonTrustPolicy): { check: ValidationCheck; alg?: JwsAlgorithm } {
  const accepted = new Set<string>(
    (Array.isArray(policy.algorithms) ? policy.algorithms : []).filter(
      (name) =>
        (JWS_ALGORITHMS as readonly string[]).includes(name) &&
        (policy.acceptedAlgorithms === undefined || policy.acceptedAlgorithms.includes(name)),
    ),
  );
  const name = typeof alg === 'string' ? alg : String(alg);
  // SM2 travels under a private header name; the internal name "SM2-SM3" itself is not an accepted header value.
  const sm2Name = policy.sm2AlgorithmName ?? DEFAULT_SM2_JWS_ALG;
  const mapped = alg === sm2Name ? 'SM2-SM3' : alg === 'SM2-SM3' ? undefined : alg;
  if (
    typeof alg !== 'string' ||
    alg.toLowerCase() === 'none' ||
    /^HS/i.test(alg) ||
    typeof mapped !== 'string' ||
    !accepted.has(mapped)
  ) {
    const why =
      typeof alg === 'string' && (alg.toLowerCase() === 'none' || /^HS/i.test(alg))
        ? 'unsigned and shared-secret algorithms are never accepted for public-key verification'
        : `the allow-list is [${[...accepted].map((item) => (item === 'SM2-SM3' ? sm2Name : item)).join(', ')}]`;
    return {
      check: createCheck(
        'JWS_ALG_ALLOWED',
        'FAILED',
        `签名算法 "${name.slice(0, 20)}" 不被接受。`,
        `Algorithm "${name.slice(0, 20)}" is not accepted: ${why}.`,
        { subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', details: { alg: name.slice(0, 20) } },
      ),
    };
  }
  return {
    check: createCheck('JWS_ALG_ALLOWED', 'PASSED', `签名算法 ${alg} 在允许列表中。`, `Algorithm ${alg} is allowed.`),
    alg: mapped as JwsAlgorithm,
  };
}

async function sm2SignatureCheck(
  signingInput: Uint8Array,
  signature: Uint8Array,
  certificate: ParsedCertificate,
  userId: string,
): Promise<ValidationCheck> {
  const publicKey = sm2PublicKeyHex(certificate.spki);
  if (publicKey === undefined || signature.length !== 64) {
    return createCheck(
      'JWS_SIGNATURE',
      'FAILED',
      'SM2 签名无法验证：x5c[0] 不是 SM2 公钥证书，或签名不是 64 字节的 r‖s。',
      'The SM2 signature cannot be verified: x5c[0] has no SM2 public key, or the signature is not a 64-byte r||s.',
      { subIndication: 'SIG_CRYPTO_FAILURE' },
    );
  }
  // sm-crypto-v2 is loaded on demand by sm2Verify: JSON users who never meet SM2 do not load it.
  const valid = await sm2Verify(publicKey, signingInput, ecdsaRawToDer(signature), userId);
  return valid
    ? createCheck('JWS_SIGNATURE', 'PASSED', 'SM2 签名值正确。', 'The SM2 signature value is correct.', {
        details: { sm2UserId: userId },
      })
    : createCheck(
        'JWS_SIGNATURE',
        'FAILED',
        'SM2 签名值验证失败（内容被修改、密钥不符或用户标识不同）。',
        'The SM2 signature does not verify (content changed, wrong key, or a different SM2 user ID).',
        { subIndication: 'SIG_CRYPTO_FAILURE', details: { sm2UserId: userId } },
      );
}

async function signatureCheck(
  parsed: ParsedJws,
  payload: Uint8Array,
  certificate: ParsedCertificate,
  alg: JwsAlgorithm,
  policy: JsonTrustPolicy,
): Promise<ValidationCheck> {
  if (alg === 'SM2-SM3') {
    const encoder = new TextEncoder();
    const head = encoder.encode(`${parsed.protectedB64}.`);
    const body = parsed.unencodedPayload ? payload : encoder.encode(base64url.encode(payload));
    const signingInput = new Uint8Array(head.length + body.length);
    signingInput.set(head);
    signingInput.set(body, head.length);
    return sm2SignatureCheck(signingInput, parsed.signature, certificate, policy.sm2UserId ?? SM2_DEFAULT_USER_ID);
  }
  try {
    const key = await importX509(toPem(certificate.der, 'CERTIFICATE'), alg);
    await flattenedVerify(
      {
        protected: parsed.protectedB64,
        // Strict parsing guarantees canonical base64url, so re-encoding gives the transmitted segment back.
        payload: parsed.unencodedPayload ? payload : base64url.encode(payload),
        signature: base64url.encode(parsed.signature),
      },
      key,
      { algorithms: [alg], crit: { b64: true } },
    );
    return createCheck('JWS_SIGNATURE', 'PASSED', '签名值正确。', 'The signature value is correct.');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      return createCheck(
        'JWS_SIGNATURE',
        'FAILED',
        '签名值验证失败：内容在签名后被修改，或签名不是由 x5c 证书的密钥生成。',
        'The signature does not verify: the content changed after signing, or x5c[0] is not the signing key.',
        { subIndication: 'SIG_CRYPTO_FAILURE' },
      );
    }
    const tooWeak = ALGORITHM_SIZE_HINT.test(message);
    return createCheck(
      'JWS_SIGNATURE',
      'FAILED',
      `无法用 x5c 证书的公钥按 ${alg} 验证签名：${message}`,
      `The signature cannot be verified with the x5c[0] key as ${alg}: ${message}`,
      { subIndication: tooWeak ? 'CRYPTO_CONSTRAINTS_FAILURE' : 'SIG_CRYPTO_FAILURE' },
    );
  }
}

/**
 * A compact JWS names its certificate by `x5t#S256` instead of carrying it in `x5c`: look for that certificate among
 * the policy's `intermediates` (extra certificates, never trusted on their own; the path is still built to an anchor).
 */
function certificateByThumbprint(header: Record<string, unknown>, policy: JsonTrustPolicy): Uint8Array[] | undefined {
  const thumbprint = header['x5t#S256'];
  if (typeof thumbprint !== 'string') return undefined;
  let wanted: string;
  try {
    wanted = toHex(decodeBase64Url(thumbprint, '"x5t#S256"'));
  } catch {
    return undefined;
  }
  const candidates = (Array.isArray(policy.intermediates) ? policy.intermediates : []).flatMap((entry) => {
    try {
      return toDerList(entry, 'policy.intermediates', ['CERTIFICATE']);
    } catch {
      return []; // unusable entries are reported by the path validator
    }
  });
  for (const der of candidates) {
    try {
      if (parseCertificate(der).sha256 === wanted) return [der];
    } catch {
      // Not a certificate: the path validator reports unusable policy entries.
    }
  }
  return undefined;
}

function x5cThumbprintCheck(header: Record<string, unknown>, sha256: string): ValidationCheck | undefined {
  const thumbprint = header['x5t#S256'];
  if (thumbprint === undefined) return undefined;
  let matches = false;
  try {
    matches = typeof thumbprint === 'string' && toHex(decodeBase64Url(thumbprint, '"x5t#S256"')) === sha256;
  } catch {
    matches = false;
  }
  return matches
    ? undefined
    : formatFailure('"x5t#S256" 与 x5c[0] 不符。 / "x5t#S256" does not match x5c[0]', 'FORMAT_FAILURE');
}

function chainSummary(pathChecks: ValidationCheck[], path: Uint8Array[]): ValidationCheck {
  const chain = pathChecks.find((check) => check.id === 'CERT_CHAIN');
  if (chain?.status === 'PASSED') {
    return createCheck(
      'JWS_X5C_CHAIN',
      'PASSED',
      `x5c 证书链可构建到受信任的根（${path.length} 张证书）。`,
      `x5c chains to a trust anchor (${path.length} certificates).`,
      { details: { pathLength: path.length } },
    );
  }
  return createCheck(
    'JWS_X5C_CHAIN',
    'FAILED',
    'x5c 证书无法构建到策略中的受信任根。',
    'x5c does not chain to any of the policy trust anchors.',
    { subIndication: chain?.subIndication ?? 'NO_CERTIFICATE_CHAIN_FOUND' },
  );
}

function buildReport(
  checks: ValidationCheck[],
  policy: JsonTrustPolicy | undefined,
  validationTime: Date,
  signer?: SignerInfoSummary,
): ValidationReport {
  const result = aggregateIndication(checks, REQUIRED_CHECKS);
  const signature: SignatureReport = {
    id: 'jws-0',
    format: 'JWS',
    indication: result.indication,
    changesAfterSigning: [],
    checks,
  };
  if (result.subIndication !== undefined) signature.subIndication = result.subIndication;
  if (signer !== undefined) signature.signer = signer;
  const report: ValidationReport = {
    indication: result.indication,
    signatures: [signature],
    document: [],
    validationTime,
    policyId: typeof policy?.policyId === 'string' ? policy.policyId : 'zwfw-default',
  };
  if (result.subIndication !== undefined) report.subIndication = result.subIndication;
  return report;
}

function policyProblem(policy: unknown): string | undefined {
  if (typeof policy !== 'object' || policy === null) return 'policy must be an object';
  const { trustAnchors, algorithms } = policy as Partial<JsonTrustPolicy>;
  if (!Array.isArray(trustAnchors) || trustAnchors.length === 0) {
    return 'policy.trustAnchors must list at least one trusted root certificate';
  }
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    return 'policy.algorithms must list the accepted JWS algorithms, e.g. ["ES256"]';
  }
  const { sm2AlgorithmName } = policy as Partial<JsonTrustPolicy>;
  if (
    sm2AlgorithmName !== undefined &&
    (typeof sm2AlgorithmName !== 'string' ||
      !/^[A-Za-z0-9._-]{1,32}$/.test(sm2AlgorithmName) ||
      /^(none|HS\d+|[EP]S\d+|RS\d+|EdDSA|ES256K)$/i.test(sm2AlgorithmName))
  ) {
    return 'policy.sm2AlgorithmName must be a private name such as "SM2SM3", not a registered JOSE algorithm';
  }
  return undefined;
}

/**
 * Validates a JWS against a trust policy and returns a report (the same {@link ValidationReport} shape as PDF
 * validation); it never throws on bad input. Checks, in order: `JWS_FORMAT` (serialization, strict base64url,
 * protected header, `crit`/`b64`), `JWS_ALG_ALLOWED` (the policy's allow-list; never `none` or `HS*`),
 * `JWS_PAYLOAD_CANON` (RFC 8785 form; equality with `policy.payload`), `JWS_SIGNATURE` (jose, with the key of
 * `x5c[0]`), `JWS_X5C_CHAIN` with the path checks `CERT_CHAIN`, `CERT_VALIDITY_AT_TIME`, `CERT_KEY_USAGE`,
 * `CERT_REVOCATION` at `policy.validationTime` (default: now — a JWS carries no trusted signing time).
 *
 * @param jws - a compact JWS, JWS JSON text, or a parsed flattened/general JWS object (one signature).
 * @param policy - trust anchors, algorithm allow-list, revocation data and the expected payload.
 * @returns the report; `indication` is `TOTAL_PASSED` only when every check passed.
 * @example
 * ```ts
 * const report = await validateJson(jws, { trustAnchors: [rootPem], algorithms: ['ES256'] });
 * if (report.indication !== 'TOTAL_PASSED') console.log(report.signatures[0]?.checks);
 * ```
 */
export async function validateJson(
  jws: string | Record<string, unknown>,
  policy: JsonTrustPolicy,
): Promise<ValidationReport> {
  const validationTime =
    policy?.validationTime instanceof Date && !Number.isNaN(policy.validationTime.getTime())
      ? policy.validationTime
      : new Date();
  try {
    return await runValidation(jws, policy, validationTime);
  } catch (error) {
    // Defence in depth: validation reports, it never throws. Nothing from the input is echoed.
    void error;
    return buildReport(
      [
        createCheck(
          'JWS_SIGNATURE',
          'INDETERMINATE',
          '验证过程中出现内部错误，结果不确定。',
          'An internal error stopped validation; the result is indeterminate.',
          { subIndication: 'SIGNED_DATA_NOT_FOUND' },
        ),
      ],
      undefined,
      validationTime,
    );
  }
}

async function runValidation(
  jws: string | Record<string, unknown>,
  policy: JsonTrustPolicy,
  validationTime: Date,
): Promise<ValidationReport> {
  const problem = policyProblem(policy);
  if (problem !== undefined) {
    return buildReport(
      [createCheck('JWS_FORMAT', 'INDETERMINATE', `验证策略无效：${problem}`, `Invalid policy: ${problem}.`)],
      undefined,
      validationTime,
    );
  }
  const checks: ValidationCheck[] = [];
  let parsed: ParsedJws;
  let certificates: Uint8Array[] | undefined;
  try {
    parsed = parseJws(jws);
    certificates = readX5c(parsed.header) ?? certificateByThumbprint(parsed.header, policy);
  } catch (error) {
    const message = error instanceof SealError ? error.message : 'unreadable input';
    checks.push(formatFailure(message, 'FORMAT_FAILURE'));
    return buildReport(checks, policy, validationTime);
  }

  const payload = resolvePayload(parsed, policy);
  const algorithm = algorithmCheck(parsed.header.alg, policy);
  let leaf: ParsedCertificate | undefined;
  const leafDer = certificates?.[0];
  if (leafDer !== undefined) {
    try {
      leaf = parseCertificate(leafDer);
    } catch {
      checks.push(formatFailure('x5c[0] 不是 X.509 证书。 / x5c[0] is not an X.509 certificate', 'FORMAT_FAILURE'));
    }
  }
  if (leaf !== undefined) {
    const thumbprint = x5cThumbprintCheck(parsed.header, leaf.sha256);
    if (thumbprint !== undefined) checks.push(thumbprint);
  }
  checks.push(...payload.checks.filter((check) => check.id === 'JWS_FORMAT'));
  if (checks.length === 0) {
    checks.push(
      createCheck(
        'JWS_FORMAT',
        'PASSED',
        `JWS 格式正确（${parsed.serialization}）。`,
        `Well-formed JWS (${parsed.serialization}).`,
        { details: { serialization: parsed.serialization, detached: isDetached(parsed) } },
      ),
    );
  }
  checks.push(algorithm.check);
  checks.push(...payload.checks.filter((check) => check.id !== 'JWS_FORMAT'));

  if (certificates === undefined) {
    checks.push(
      createCheck(
        'JWS_X5C_CHAIN',
        'FAILED',
        'JWS 没有 x5c 头部，且策略中没有与 x5t#S256 相符的证书，无法确定签名者证书。',
        'The JWS has no x5c header and no certificate of the policy matches its x5t#S256: the signing certificate cannot be found.',
        { subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' },
      ),
    );
    return buildReport(checks, policy, validationTime);
  }
  if (leaf === undefined) return buildReport(checks, policy, validationTime);

  if (algorithm.alg !== undefined && payload.bytes !== undefined) {
    checks.push(await signatureCheck(parsed, payload.bytes, leaf, algorithm.alg, policy));
  }

  const path = await validateCertificatePath({
    leaf: leaf.der,
    candidates: certificates.slice(1),
    policy,
    time: validationTime,
    purpose: 'signing',
  });
  checks.push(chainSummary(path.checks, path.path), ...path.checks);
  const signer: SignerInfoSummary = {
    subject: leaf.subject,
    issuer: leaf.issuer,
    serialHex: leaf.serialHex,
    certificateSha256: leaf.sha256,
  };
  return buildReport(checks, policy, validationTime, signer);
}
