// Certification path building and validation at a given time (RFC 5280 §6, simplified: no policy processing, no
// name constraints — a critical nameConstraints/policy extension makes the path fail rather than be ignored).
import { type CheckId, type SubIndication, type ValidationCheck, createCheck } from '../../report';
import type { TrustPolicy } from '../../types';
import { describeSignatureAlgorithm, keyProblem, verifyWithKey } from '../asn1/algorithms';
import {
  type ParsedCertificate,
  authorityKeyIdentifierOf,
  basicConstraintsOf,
  extendedKeyUsageOf,
  keyUsageOf,
  parseCertificate,
  subjectKeyIdentifierOf,
} from '../asn1/certificate';
import { bytesEqual, toDerList } from '../asn1/input';
import { OID } from '../asn1/oids';
import { type ParsedCrl, parseCrl, serialKey } from './crl';
import { checkOcspResponse } from './ocsp';

/** Input of {@link validateCertificatePath}. */
export interface ValidateCertificatePathInput {
  /** The end-entity certificate, DER. */
  leaf: Uint8Array;
  /** Untrusted certificates that may complete the path (e.g. from the CMS), DER. */
  candidates: Uint8Array[];
  policy: TrustPolicy;
  /** The time the path must be valid at (best signature time, else claimed time, else validation time). */
  time: Date;
  purpose: 'signing' | 'timestamping';
  /** `time` is a proof of existence (a validated time-stamp): revocation after it does not invalidate. */
  timeIsProofOfExistence?: boolean;
  /** Extra CRLs (e.g. embedded in the CMS or a PDF DSS), DER. */
  crls?: Uint8Array[];
  /** Extra OCSP responses (e.g. from a PDF DSS), DER OCSPResponse. */
  ocspResponses?: Uint8Array[];
}

/** Result of {@link validateCertificatePath}. */
export interface CertificatePathResult {
  /** CERT_CHAIN, CERT_VALIDITY_AT_TIME, CERT_KEY_USAGE, CERT_REVOCATION. */
  checks: ValidationCheck[];
  /** The path found, leaf first, trust anchor last; empty when none. */
  path: Uint8Array[];
}

const MAX_PATH_LENGTH = 8;
const MAX_SIGNATURE_CHECKS = 64;
const MAX_SEARCH_EXPANSIONS = 256;
const KNOWN_CRITICAL = new Set<string>([
  OID.keyUsage,
  OID.extKeyUsage,
  OID.basicConstraints,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.crlDistributionPoints,
  '2.5.29.17', // subjectAltName
  '2.5.29.18', // issuerAltName
  '2.5.29.32', // certificatePolicies (accepted, not processed: any policy)
]);
const SIGNING_PURPOSES = new Set<string>([
  OID.anyExtendedKeyUsage,
  OID.kpEmailProtection,
  OID.documentSigning,
  '1.2.840.113583.1.1.5', // Adobe Authentic Documents Trust
  '1.3.6.1.5.5.7.3.36', // id-kp-documentSigning (RFC 9336)
  '1.3.6.1.5.5.7.3.2', // clientAuth: common on Chinese dual-use certificates
]);

function tryParseAll(
  list: ReadonlyArray<Uint8Array | string> | undefined,
  what: string,
  problems: string[],
): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  (list ?? []).forEach((entry, index) => {
    try {
      for (const der of toDerList(entry, `${what}[${index}]`, ['CERTIFICATE'])) out.push(parseCertificate(der));
    } catch {
      problems.push(`${what}[${index}]`);
    }
  });
  return out;
}

/** Cheap pre-check: names (and key identifiers, when both present) fit. */
function mayHaveIssued(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  if (!bytesEqual(child.issuerDer, issuer.subjectDer) && child.issuer !== issuer.subject) return false;
  const aki = authorityKeyIdentifierOf(child);
  const ski = subjectKeyIdentifierOf(issuer);
  return aki === undefined || ski === undefined || bytesEqual(aki, ski);
}

async function signatureVerifies(child: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean> {
  try {
    return await verifyWithKey(
      describeSignatureAlgorithm(child.signatureAlgorithm),
      issuer,
      child.tbs,
      child.signatureValue,
    );
  } catch {
    return false;
  }
}

async function buildPath(
  leaf: ParsedCertificate,
  anchors: ParsedCertificate[],
  pool: ParsedCertificate[],
): Promise<{ path?: ParsedCertificate[]; signatureChecks: number }> {
  const isAnchor = (certificate: ParsedCertificate) =>
    anchors.some((anchor) => bytesEqual(anchor.der, certificate.der));
  if (isAnchor(leaf)) return { path: [leaf], signatureChecks: 0 };
  // Memoised "issued by" with a budget: hostile certificate bags (cross-signed look-alike CAs) cannot make the
  // depth-first search explode.
  const verdicts = new Map<string, boolean>();
  let budget = MAX_SIGNATURE_CHECKS;
  const issued = async (child: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean> => {
    if (!mayHaveIssued(child, issuer)) return false;
    const key = `${child.sha256}:${issuer.sha256}`;
    const known = verdicts.get(key);
    if (known !== undefined) return known;
    if (budget-- <= 0) return false;
    const verdict = await signatureVerifies(child, issuer);
    verdicts.set(key, verdict);
    return verdict;
  };
  let expansions = MAX_SEARCH_EXPANSIONS;
  const search = async (path: ParsedCertificate[]): Promise<ParsedCertificate[] | undefined> => {
    const current = path[path.length - 1]!;
    if (path.length > MAX_PATH_LENGTH || expansions-- <= 0) return undefined;
    for (const anchor of anchors) if (await issued(current, anchor)) return [...path, anchor];
    for (const candidate of pool) {
      if (path.some((entry) => bytesEqual(entry.der, candidate.der))) continue;
      if (!(await issued(current, candidate))) continue;
      const found = await search([...path, candidate]);
      if (found) return found;
    }
    return undefined;
  };
  const path = await search([leaf]);
  const signatureChecks = MAX_SIGNATURE_CHECKS - Math.max(budget, 0);
  return path === undefined ? { signatureChecks } : { path, signatureChecks };
}

function short(certificate: ParsedCertificate): string {
  return certificate.subject;
}

function chainConstraints(path: ParsedCertificate[]): string | undefined {
  for (const [index, certificate] of path.entries()) {
    for (const [id, extension] of certificate.extensions) {
      if (extension.critical && !KNOWN_CRITICAL.has(id))
        return `unsupported critical extension ${id} in ${short(certificate)}`;
    }
    const problem = keyProblem(certificate);
    if (problem !== undefined && index < path.length - 1) return `${problem} in ${short(certificate)}`;
    if (index === 0) continue;
    const constraints = basicConstraintsOf(certificate);
    if (!constraints?.ca) return `${short(certificate)} is not a CA (basicConstraints cA is not TRUE)`;
    const usage = keyUsageOf(certificate);
    if (usage !== undefined && !usage.has('keyCertSign')) return `${short(certificate)} lacks keyUsage keyCertSign`;
    // pathLenConstraint counts the non-self-issued intermediates below this CA (excluding the leaf).
    if (constraints.pathLength !== undefined && index - 1 > constraints.pathLength) {
      return `${short(certificate)} allows ${constraints.pathLength} intermediate CA(s) below it`;
    }
  }
  for (const certificate of path.slice(0, -1)) {
    const hash = describeHash(certificate);
    if (hash === 'md5' || hash === 'sha1') return `${short(certificate)} is signed with ${hash.toUpperCase()}`;
  }
  return undefined;
}

function describeHash(certificate: ParsedCertificate): string | null | undefined {
  try {
    return describeSignatureAlgorithm(certificate.signatureAlgorithm).hash;
  } catch {
    return undefined;
  }
}

function keyUsageCheck(leaf: ParsedCertificate, purpose: 'signing' | 'timestamping'): ValidationCheck {
  const usage = keyUsageOf(leaf);
  const eku = extendedKeyUsageOf(leaf);
  const fail = (zh: string, en: string) =>
    createCheck('CERT_KEY_USAGE', 'FAILED', zh, en, { subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
  if (usage !== undefined && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
    return fail(
      '证书密钥用法不允许签名',
      'the certificate key usage allows neither digitalSignature nor nonRepudiation',
    );
  }
  if (purpose === 'timestamping') {
    if (eku === undefined || !eku.critical || eku.purposes.length !== 1 || eku.purposes[0] !== OID.kpTimeStamping) {
      return fail(
        '时间戳证书必须有且仅有关键扩展密钥用法 timeStamping',
        'a TSA certificate must have a critical extendedKeyUsage with only id-kp-timeStamping (RFC 3161 §2.3)',
      );
    }
    return createCheck(
      'CERT_KEY_USAGE',
      'PASSED',
      '时间戳证书用法正确',
      'TSA certificate has the critical timeStamping EKU',
    );
  }
  if (eku !== undefined && !eku.purposes.some((purpose) => SIGNING_PURPOSES.has(purpose))) {
    const zh = '扩展密钥用法不包含文档签名用途';
    const en = `extendedKeyUsage (${eku.purposes.join(', ')}) has no document-signing purpose`;
    return eku.critical ? fail(zh, en) : createCheck('CERT_KEY_USAGE', 'WARNING', zh, en);
  }
  return createCheck('CERT_KEY_USAGE', 'PASSED', '证书密钥用法允许签名', 'certificate key usage allows signing', {
    details: { keyUsage: usage === undefined ? 'absent' : [...usage] },
  });
}

function validityCheck(path: ParsedCertificate[], time: Date, now: Date, proof: boolean): ValidationCheck {
  if (!proof) {
    // Without a proof of existence the claimed time is not trusted: the path must also be valid now.
    const lapsed = path.find((certificate) => now < certificate.notBefore || now > certificate.notAfter);
    const atTime = path.every((certificate) => time >= certificate.notBefore && time <= certificate.notAfter);
    if (lapsed !== undefined && atTime) {
      return createCheck(
        'CERT_VALIDITY_AT_TIME',
        'INDETERMINATE',
        '证书现已过期，且无可信时间戳证明签名时证书有效',
        `${short(lapsed)} is not valid at validation time ${now.toISOString()} and no time-stamp proves the signature existed while it was valid`,
        {
          subIndication: 'OUT_OF_BOUNDS_NO_POE',
          details: { time: time.toISOString(), validationTime: now.toISOString() },
        },
      );
    }
  }
  for (const certificate of path) {
    const sub: SubIndication | undefined =
      time < certificate.notBefore ? 'NOT_YET_VALID' : time > certificate.notAfter ? 'EXPIRED' : undefined;
    if (sub !== undefined) {
      return createCheck(
        'CERT_VALIDITY_AT_TIME',
        'FAILED',
        sub === 'EXPIRED' ? '签名时证书已过期' : '签名时证书尚未生效',
        `${short(certificate)} is ${sub === 'EXPIRED' ? 'expired' : 'not yet valid'} at ${time.toISOString()} (valid ${certificate.notBefore.toISOString()} – ${certificate.notAfter.toISOString()})`,
        { subIndication: sub, details: { time: time.toISOString() } },
      );
    }
  }
  return createCheck(
    'CERT_VALIDITY_AT_TIME',
    'PASSED',
    '证书链在签名时有效',
    `every certificate is valid at ${time.toISOString()}`,
    {
      details: { time: time.toISOString() },
    },
  );
}

async function usableCrl(
  crl: ParsedCrl,
  certificate: ParsedCertificate,
  issuer: ParsedCertificate,
  now: Date,
): Promise<string | undefined> {
  if (!bytesEqual(crl.issuerDer, certificate.issuerDer) && !bytesEqual(crl.issuerDer, issuer.subjectDer))
    return 'other issuer';
  if (crl.unsupported !== undefined) return crl.unsupported;
  const ski = subjectKeyIdentifierOf(issuer);
  if (crl.authorityKeyId !== undefined && ski !== undefined && !bytesEqual(crl.authorityKeyId, ski))
    return 'other issuer key';
  let valid = false;
  try {
    valid = await verifyWithKey(
      describeSignatureAlgorithm(crl.signatureAlgorithm),
      issuer,
      crl.tbs,
      crl.signatureValue,
    );
  } catch {
    valid = false;
  }
  if (!valid) return 'bad CRL signature';
  const usage = keyUsageOf(issuer);
  if (usage !== undefined && !usage.has('cRLSign')) return 'issuer lacks cRLSign';
  if (crl.thisUpdate > now) return 'CRL issued in the future';
  if (crl.nextUpdate !== undefined && crl.nextUpdate < now) return 'CRL is stale (nextUpdate passed)';
  return undefined;
}

/** Revocation status of one certificate from the supplied CRLs, then OCSP responses (supplied or fetched). */
async function statusOf(
  certificate: ParsedCertificate,
  issuer: ParsedCertificate,
  crls: ParsedCrl[],
  input: ValidateCertificatePathInput,
  now: Date,
): Promise<{ source: 'CRL' | 'OCSP'; revoked?: { date: Date; reason?: number } } | { problems: string[] }> {
  const problems: string[] = [];
  // Every usable CRL is consulted, not the first: an older CRL (e.g. one embedded in the file) must not hide a
  // revocation listed by another. A permanent revocation in any usable CRL wins; otherwise the newest CRL decides
  // (so a later CRL can lift a certificateHold, reason 6).
  let newest: ParsedCrl | undefined;
  let permanent: { date: Date; reason?: number } | undefined;
  const key = serialKey(certificate.serial);
  for (const candidate of crls) {
    const problem = await usableCrl(candidate, certificate, issuer, now);
    if (problem !== undefined) {
      if (problem !== 'other issuer') problems.push(problem);
      continue;
    }
    const entry = candidate.revoked.get(key);
    if (entry !== undefined && entry.reason !== 6 && (permanent === undefined || entry.date < permanent.date))
      permanent = entry;
    if (newest === undefined || candidate.thisUpdate > newest.thisUpdate) newest = candidate;
  }
  if (permanent !== undefined) return { source: 'CRL', revoked: permanent };
  if (newest !== undefined) {
    const entry = newest.revoked.get(key);
    return entry === undefined ? { source: 'CRL' } : { source: 'CRL', revoked: entry };
  }
  const revocation = input.policy.revocation;
  const responses = [...(revocation?.ocspResponses ?? []), ...(input.ocspResponses ?? [])];
  if (revocation?.ocsp !== undefined) {
    try {
      const fetched = await revocation.ocsp(certificate.der, issuer.der);
      if (fetched !== undefined) responses.push(fetched);
    } catch {
      problems.push('OCSP fetch failed');
    }
  }
  for (const response of responses) {
    const verdict = await checkOcspResponse(response, certificate, issuer, now);
    if (verdict.status === 'good') return { source: 'OCSP' };
    if (verdict.status === 'revoked') {
      const revoked =
        verdict.reason === undefined ? { date: verdict.date } : { date: verdict.date, reason: verdict.reason };
      return { source: 'OCSP', revoked };
    }
    if (verdict.problem !== 'other certificate') problems.push(verdict.problem);
  }
  return { problems };
}

async function revocationCheck(
  path: ParsedCertificate[],
  crls: ParsedCrl[],
  input: ValidateCertificatePathInput,
  now: Date,
): Promise<ValidationCheck> {
  const mode = input.policy.revocation?.mode ?? 'prefer';
  if (mode === 'off') {
    return createCheck(
      'CERT_REVOCATION',
      'NOT_APPLICABLE',
      '策略未要求检查吊销状态',
      'revocation checking is off by policy',
    );
  }
  const missing: string[] = [];
  const checked: string[] = [];
  for (let index = 0; index < path.length - 1; index++) {
    const certificate = path[index]!;
    const status = await statusOf(certificate, path[index + 1]!, crls, input, now);
    if ('problems' in status) {
      missing.push(`${short(certificate)}${status.problems.length > 0 ? ` (${status.problems.join('; ')})` : ''}`);
      continue;
    }
    checked.push(`${short(certificate)} (${status.source})`);
    const entry = status.revoked;
    if (entry === undefined) continue;
    const details = {
      certificate: short(certificate),
      revocationDate: entry.date.toISOString(),
      reason: entry.reason,
      source: status.source,
    };
    if (entry.date <= input.time || entry.reason === 1 /* keyCompromise: the key is untrustworthy */) {
      return createCheck(
        'CERT_REVOCATION',
        'FAILED',
        '证书已被吊销',
        `${short(certificate)} was revoked on ${entry.date.toISOString()}`,
        {
          subIndication: 'REVOKED',
          details,
        },
      );
    }
    if (input.timeIsProofOfExistence !== true) {
      return createCheck(
        'CERT_REVOCATION',
        'INDETERMINATE',
        '证书在签名后被吊销，但没有可信时间证明签名早于吊销',
        `${short(certificate)} was revoked on ${entry.date.toISOString()}, and no time-stamp proves the signature existed before`,
        { subIndication: 'REVOKED_NO_POE', details },
      );
    }
  }
  if (missing.length > 0) {
    const en = `no usable CRL or OCSP response for ${missing.join(', ')}`;
    return mode === 'require'
      ? createCheck('CERT_REVOCATION', 'INDETERMINATE', '缺少可用的吊销信息（CRL 或 OCSP）', en, {
          subIndication: 'TRY_LATER',
        })
      : createCheck('CERT_REVOCATION', 'WARNING', '缺少可用的吊销信息，未检查吊销状态', en);
  }
  return createCheck(
    'CERT_REVOCATION',
    'PASSED',
    '证书未被吊销',
    `not revoked: ${checked.join(', ') || 'trust anchor only'}`,
  );
}

function failedAll(
  id: CheckId,
  zh: string,
  en: string,
  sub: SubIndication,
  details?: Record<string, unknown>,
): CertificatePathResult {
  return {
    checks: [
      createCheck(
        id,
        'FAILED',
        zh,
        en,
        details === undefined ? { subIndication: sub } : { subIndication: sub, details },
      ),
      createCheck('CERT_VALIDITY_AT_TIME', 'NOT_APPLICABLE', '无证书链，未检查有效期', 'no path, validity not checked'),
      createCheck('CERT_KEY_USAGE', 'NOT_APPLICABLE', '无证书链，未检查密钥用法', 'no path, key usage not checked'),
      createCheck('CERT_REVOCATION', 'NOT_APPLICABLE', '无证书链，未检查吊销状态', 'no path, revocation not checked'),
    ],
    path: [],
  };
}

/**
 * Builds a path from `leaf` to one of the policy's trust anchors and validates it at `time`: signatures, CA
 * constraints, validity, key usage / EKU for the purpose, and CRL revocation per `policy.revocation.mode`.
 * Never throws: malformed input gives FAILED checks.
 */
export async function validateCertificatePath(input: ValidateCertificatePathInput): Promise<CertificatePathResult> {
  try {
    return await validatePath(input);
  } catch (error) {
    return failedAll(
      'CERT_CHAIN',
      '证书链校验异常',
      `certificate path validation failed on malformed input: ${(error as Error).message}`,
      'CERTIFICATE_CHAIN_GENERAL_FAILURE',
    );
  }
}

async function validatePath(input: ValidateCertificatePathInput): Promise<CertificatePathResult> {
  let leaf: ParsedCertificate;
  try {
    leaf = parseCertificate(input.leaf);
  } catch {
    return failedAll('CERT_CHAIN', '签名证书无法解析', 'the signing certificate cannot be parsed', 'FORMAT_FAILURE');
  }
  const problems: string[] = [];
  const anchors = tryParseAll(input.policy.trustAnchors, 'policy.trustAnchors', problems);
  const pool = [
    ...tryParseAll(input.candidates, 'candidates', problems),
    ...tryParseAll(input.policy.intermediates, 'policy.intermediates', problems),
  ];
  if (anchors.length === 0) {
    return failedAll(
      'CERT_CHAIN',
      '策略未配置信任锚',
      'the trust policy has no usable trust anchor; add the root certificate to trustAnchors',
      'NO_CERTIFICATE_CHAIN_FOUND',
    );
  }
  const { path, signatureChecks } = await buildPath(leaf, anchors, pool);
  if (path === undefined) {
    return failedAll(
      'CERT_CHAIN',
      '无法构建到信任锚的证书链',
      `no certificate path from ${short(leaf)} to a trust anchor${problems.length > 0 ? ` (unreadable: ${problems.join(', ')})` : ''}`,
      'NO_CERTIFICATE_CHAIN_FOUND',
      { candidates: pool.length, signatureChecks },
    );
  }
  const pathDer = path.map((certificate) => certificate.der);
  const constraint = chainConstraints(path);
  const chainCheck =
    constraint === undefined
      ? createCheck(
          'CERT_CHAIN',
          'PASSED',
          '证书链可信',
          `path to trust anchor ${short(path[path.length - 1]!)} (${path.length} certificates)`,
          {
            details: { path: path.map(short) },
          },
        )
      : createCheck('CERT_CHAIN', 'FAILED', '证书链不满足约束', constraint, {
          subIndication:
            constraint.includes('signed with') || constraint.includes('key of')
              ? 'CRYPTO_CONSTRAINTS_FAILURE'
              : 'CHAIN_CONSTRAINTS_FAILURE',
          details: { path: path.map(short) },
        });
  const now = input.policy.validationTime ?? new Date();
  const crls: ParsedCrl[] = [];
  const crlInputs = [...(input.policy.revocation?.crls ?? []), ...(input.crls ?? [])];
  crlInputs.forEach((entry, index) => {
    try {
      for (const der of toDerList(entry, `crls[${index}]`, ['X509 CRL'])) crls.push(parseCrl(der));
    } catch {
      // An unreadable CRL is simply not usable; a missing CRL is reported by the revocation check.
    }
  });
  return {
    checks: [
      chainCheck,
      validityCheck(path, input.time, now, input.timeIsProofOfExistence === true),
      keyUsageCheck(leaf, input.purpose),
      await revocationCheck(path, crls, input, now),
    ],
    path: pathDer,
  };
}
