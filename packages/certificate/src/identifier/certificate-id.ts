import { type CheckResult, checkUscc, type Issue } from '@zwfw/catalog';
import { CertificateError } from '../errors';
import { describe } from '../internal/describe';

/**
 * Root arc of every conforming e-certificate identifier (GB/T 36904): `1.2.156.3005.2`.
 *
 * @example
 * ```ts
 * id.startsWith(`${CERTIFICATE_IDENTIFIER_ROOT}.`);
 * ```
 */
export const CERTIFICATE_IDENTIFIER_ROOT = '1.2.156.3005.2';

/** A root seen in one public codebase that also drops the issuer segment; read as non-conforming, never emitted. */
const NONCONFORMING_ROOT = '1.2.156.3003.2';

const ALPHABET_36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SEGMENT = /^[0-9A-Z]+$/;
const VERSION = /^[0-9]{3}$/;
const MAX_SEGMENT_LENGTH = 64;

/** The decoded segments of an identifier `root.typeCode.issuerCode.serial.version.check`. */
export interface CertificateIdParts {
  /** Always {@link CERTIFICATE_IDENTIFIER_ROOT} for a conforming identifier. */
  root: string;
  /** 证照类型代码: usually the defining authority's 18-character USCC + a 3-digit sequence (21 characters). */
  typeCode: string;
  /** 证照颁发机构代码: usually the issuer's 18-character USCC (a 6-digit area code is also seen). */
  issuerCode: string;
  /** 流水号: `0-9A-Z`, from a {@link SerialCounter} or the certificate number. */
  serial: string;
  /** 版本号: three digits, `001`, `002`, … */
  version: string;
  /** 校验位: ISO/IEC 7064 MOD 37,36 check character over typeCode + issuerCode + serial + version. */
  check: string;
}

/** Input of {@link createCertificateId}. */
export interface CertificateIdInput {
  /** 证照类型代码 (`0-9A-Z`, normally 21 characters). */
  typeCode: string;
  /** 证照颁发机构代码 (`0-9A-Z`, normally the issuer's USCC). */
  issuerCode: string;
  /** 流水号 (`0-9A-Z`, 1–64 characters). */
  serial: string;
  /**
   * 版本号: a number 1–999 or a 3-digit string.
   * @defaultValue `'001'`
   */
  version?: string | number;
}

/**
 * Compute the ISO/IEC 7064 MOD 37,36 hybrid check character of an identifier body (type code, issuer code, serial
 * and version concatenated without dots; the root is excluded).
 *
 * @param body - characters `0-9A-Z` only.
 * @returns one character of `0-9A-Z`.
 * @throws CertificateError `ERR_CERTIFICATE_ID_INVALID` when `body` is empty or holds another character.
 * @example
 * ```ts
 * computeCertificateCheckCharacter('11100000000013338W03211220000013544541J2430599001'); // 'F'
 * ```
 */
export function computeCertificateCheckCharacter(body: string): string {
  if (typeof body !== 'string' || body.length === 0) {
    throw new CertificateError(
      'ERR_CERTIFICATE_ID_INVALID',
      `Check-character body must be a non-empty string of 0-9A-Z, got ${describe(body)}`,
    );
  }
  let product = 36;
  for (const character of body) {
    const value = ALPHABET_36.indexOf(character);
    if (value < 0) {
      throw new CertificateError(
        'ERR_CERTIFICATE_ID_INVALID',
        `Check-character body may only contain 0-9 and A-Z, found "${character}"; convert to upper case and remove separators`,
      );
    }
    product = (((product + value) % 36 || 36) * 2) % 37;
  }
  return ALPHABET_36[(37 - product) % 36] as string;
}

/**
 * Build a conforming identifier `1.2.156.3005.2.{typeCode}.{issuerCode}.{serial}.{version}.{check}`.
 *
 * @param input - the segments; the check character is computed.
 * @returns the identifier.
 * @throws CertificateError `ERR_CERTIFICATE_ID_INVALID` when a segment is empty, longer than 64 characters, uses
 *   characters other than `0-9A-Z`, or the version is not 1–999.
 * @example
 * ```ts
 * createCertificateId({ typeCode: '11100000000013338W032', issuerCode: '11220000013544541J', serial: '2430599' });
 * // '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F'
 * ```
 */
export function createCertificateId(input: CertificateIdInput): string {
  if (typeof input !== 'object' || input === null) {
    throw new CertificateError(
      'ERR_CERTIFICATE_ID_INVALID',
      `createCertificateId() expects { typeCode, issuerCode, serial, version? }, got ${describe(input)}`,
    );
  }
  const version = normalizeVersion(input.version ?? 1);
  const segments: Array<[string, unknown]> = [
    ['typeCode', input.typeCode],
    ['issuerCode', input.issuerCode],
    ['serial', input.serial],
  ];
  for (const [name, value] of segments) {
    const problem = segmentProblem(value);
    if (problem) throw new CertificateError('ERR_CERTIFICATE_ID_INVALID', `${name} ${problem}`);
  }
  const body = `${input.typeCode}${input.issuerCode}${input.serial}${version}`;
  const check = computeCertificateCheckCharacter(body);
  return [CERTIFICATE_IDENTIFIER_ROOT, input.typeCode, input.issuerCode, input.serial, version, check].join('.');
}

/**
 * Check an identifier without throwing: structure, root, segment alphabet, version and check character, plus
 * warnings for unusual segment lengths.
 *
 * Issue codes: `CERTIFICATE_ID_TYPE` (not a string), `CERTIFICATE_ID_FORMAT`, `CERTIFICATE_ID_ROOT_NONCONFORMING`,
 * `CERTIFICATE_ID_ROOT`, `CERTIFICATE_ID_SEGMENT`, `CERTIFICATE_ID_VERSION`, `CERTIFICATE_ID_CHECK_CHARACTER`
 * (errors); `CERTIFICATE_ID_TYPE_CODE_LENGTH`, `CERTIFICATE_ID_ISSUER_CODE_LENGTH`, `CERTIFICATE_ID_TYPE_CODE_USCC`,
 * `CERTIFICATE_ID_ISSUER_CODE_USCC` (warnings; USCC check from `@zwfw/catalog`).
 *
 * @param id - any value.
 * @returns `{ valid, issues, parts? }`; `parts` is present when the six segments could be read.
 * @example
 * ```ts
 * const { valid, issues } = checkCertificateId('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F');
 * // valid === true, issues = []
 * ```
 */
export function checkCertificateId(id: unknown): CheckResult<CertificateIdParts> {
  const issues: Issue[] = [];
  if (typeof id !== 'string') {
    issues.push(
      issue(
        'CERTIFICATE_ID_TYPE',
        `电子证照标识应为字符串，实际为 ${describe(id)}`,
        `The identifier must be a string, got ${describe(id)}`,
      ),
    );
    return { valid: false, issues };
  }
  const trimmed = id.trim();
  if (trimmed.startsWith(`${NONCONFORMING_ROOT}.`)) {
    issues.push(
      issue(
        'CERTIFICATE_ID_ROOT_NONCONFORMING',
        `根代码 ${NONCONFORMING_ROOT} 不符合 GB/T 36904，应为 ${CERTIFICATE_IDENTIFIER_ROOT}，请重新签发标识`,
        `Root ${NONCONFORMING_ROOT} does not conform to GB/T 36904 (expected ${CERTIFICATE_IDENTIFIER_ROOT}); re-issue the identifier`,
      ),
    );
    return { valid: false, issues };
  }
  if (!trimmed.startsWith(`${CERTIFICATE_IDENTIFIER_ROOT}.`)) {
    issues.push(
      issue(
        'CERTIFICATE_ID_ROOT',
        `电子证照标识应以 ${CERTIFICATE_IDENTIFIER_ROOT}. 开头`,
        `The identifier must start with ${CERTIFICATE_IDENTIFIER_ROOT}.`,
      ),
    );
    return { valid: false, issues };
  }
  const rest = trimmed.slice(CERTIFICATE_IDENTIFIER_ROOT.length + 1).split('.');
  if (rest.length !== 5) {
    issues.push(
      issue(
        'CERTIFICATE_ID_FORMAT',
        `根代码后应有 5 段（类型代码.颁发机构代码.流水号.版本号.校验位），实际 ${rest.length} 段`,
        `Expected 5 segments after the root (typeCode.issuerCode.serial.version.check), found ${rest.length}`,
      ),
    );
    return { valid: false, issues };
  }
  const [typeCode, issuerCode, serial, version, check] = rest as [string, string, string, string, string];
  const parts: CertificateIdParts = { root: CERTIFICATE_IDENTIFIER_ROOT, typeCode, issuerCode, serial, version, check };
  const named: Array<[string, string, string]> = [
    ['typeCode', '证照类型代码', typeCode],
    ['issuerCode', '证照颁发机构代码', issuerCode],
    ['serial', '流水号', serial],
  ];
  for (const [name, label, value] of named) {
    const problem = segmentProblem(value);
    if (problem) {
      issues.push(issue('CERTIFICATE_ID_SEGMENT', `${label}${problemZh(value)}`, `${name} ${problem}`, [name]));
    }
  }
  if (!VERSION.test(version)) {
    issues.push(
      issue('CERTIFICATE_ID_VERSION', '版本号应为 3 位数字，如 001', 'version must be three digits, e.g. 001', [
        'version',
      ]),
    );
  }
  if (!/^[0-9A-Z]$/.test(check)) {
    issues.push(
      issue(
        'CERTIFICATE_ID_CHECK_CHARACTER',
        '校验位应为 1 位 0-9 或 A-Z',
        'The check character must be one of 0-9, A-Z',
        ['check'],
      ),
    );
  }
  if (issues.length === 0) {
    const expected = computeCertificateCheckCharacter(`${typeCode}${issuerCode}${serial}${version}`);
    if (expected !== check) {
      issues.push(
        issue(
          'CERTIFICATE_ID_CHECK_CHARACTER',
          `校验位错误：应为 ${expected}，实际为 ${check}；标识可能录入有误`,
          `Check character mismatch: expected ${expected}, found ${check}; the identifier was probably mistyped`,
          ['check'],
        ),
      );
    }
  }
  if (typeCode.length !== 21 && !issues.some((i) => i.path?.[0] === 'typeCode')) {
    issues.push(
      issue(
        'CERTIFICATE_ID_TYPE_CODE_LENGTH',
        `证照类型代码通常为 21 位（定义机构统一社会信用代码 + 3 位顺序号），实际 ${typeCode.length} 位`,
        `The type code is usually 21 characters (defining authority USCC + 3 digits), found ${typeCode.length}`,
        ['typeCode'],
        'warning',
      ),
    );
  }
  if (issuerCode.length !== 18 && issuerCode.length !== 6 && !issues.some((i) => i.path?.[0] === 'issuerCode')) {
    issues.push(
      issue(
        'CERTIFICATE_ID_ISSUER_CODE_LENGTH',
        `颁发机构代码通常为 18 位统一社会信用代码或 6 位行政区划代码，实际 ${issuerCode.length} 位`,
        `The issuer code is usually an 18-character USCC or a 6-digit area code, found ${issuerCode.length}`,
        ['issuerCode'],
        'warning',
      ),
    );
  }
  // The type code starts with the defining authority's USCC and the issuer code usually is a USCC (GB 32100).
  if (typeCode.length === 21 && !checkUscc(typeCode.slice(0, 18)).valid) {
    issues.push(
      issue(
        'CERTIFICATE_ID_TYPE_CODE_USCC',
        '证照类型代码的前 18 位不是有效的统一社会信用代码',
        'The first 18 characters of the type code are not a valid USCC',
        ['typeCode'],
        'warning',
      ),
    );
  }
  if (issuerCode.length === 18 && !checkUscc(issuerCode).valid) {
    issues.push(
      issue(
        'CERTIFICATE_ID_ISSUER_CODE_USCC',
        '颁发机构代码不是有效的统一社会信用代码',
        'The issuer code is not a valid USCC',
        ['issuerCode'],
        'warning',
      ),
    );
  }
  return { valid: !issues.some((i) => i.severity === 'error'), issues, parts };
}

/**
 * Parse an identifier into its segments.
 *
 * @param id - the identifier.
 * @returns the segments of a valid identifier.
 * @throws CertificateError `ERR_CERTIFICATE_ID_INVALID` naming every problem {@link checkCertificateId} found.
 * @example
 * ```ts
 * parseCertificateId('1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9').issuerCode; // '340100'
 * ```
 */
export function parseCertificateId(id: string): CertificateIdParts {
  const result = checkCertificateId(id);
  if (!result.valid || !result.parts) {
    const problems = result.issues.filter((i) => i.severity === 'error').map((i) => i.message.en);
    throw new CertificateError(
      'ERR_CERTIFICATE_ID_INVALID',
      `Invalid e-certificate identifier: ${problems.join('; ')}`,
    );
  }
  return result.parts;
}

function normalizeVersion(version: string | number): string {
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= 999) {
    return String(version).padStart(3, '0');
  }
  if (typeof version === 'string' && VERSION.test(version) && version !== '000') return version;
  throw new CertificateError(
    'ERR_CERTIFICATE_ID_INVALID',
    `version must be 1–999 or a 3-digit string such as "001", got ${describe(version)}`,
  );
}

function segmentProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0)
    return `must be a non-empty string of 0-9A-Z, got ${describe(value)}`;
  if (value.length > MAX_SEGMENT_LENGTH) return `must be at most ${MAX_SEGMENT_LENGTH} characters, got ${value.length}`;
  if (!SEGMENT.test(value)) {
    return 'may only contain 0-9 and A-Z (no lower case, "_" or "-"): the check character cannot be computed otherwise; upper-case it or map the characters';
  }
  return undefined;
}

function problemZh(value: string): string {
  if (value.length === 0) return '不能为空';
  if (value.length > MAX_SEGMENT_LENGTH) return `不能超过 ${MAX_SEGMENT_LENGTH} 位`;
  return '只能包含 0-9 和大写字母 A-Z';
}

function issue(code: string, zh: string, en: string, path?: string[], severity: Issue['severity'] = 'error'): Issue {
  return path ? { code, severity, path, message: { zh, en } } : { code, severity, message: { zh, en } };
}
