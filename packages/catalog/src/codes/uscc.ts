import { CatalogError } from '../errors';
import { describeType, makeIssue, result, throwIfInvalid } from '../internal/issues';
import type { CheckResult, Issue } from '../issue';

/** The 31 characters of a USCC (GB 32100-2015) in value order; I, O, Z, S and V are not used. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17 of a USCC (3^i mod 31). */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const ORGANIZATION_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORGANIZATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** 登记管理部门 (position 1) → name, and its 机构类别 (position 2) names where GB 32100 lists them. */
const REGISTRATION_DEPARTMENTS: Readonly<Record<string, readonly [string, Readonly<Record<string, string>>]>> = {
  '1': ['机构编制', { '1': '机关', '2': '事业单位', '3': '群众团体', '9': '其他' }],
  '2': ['外交', {}],
  '3': [
    '司法行政',
    { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会' },
  ],
  '4': ['文化', {}],
  '5': ['民政', { '1': '社会团体', '2': '民办非企业单位', '3': '基金会' }],
  '6': ['旅游', {}],
  '7': ['宗教', {}],
  '8': ['工会', {}],
  '9': ['工商/市场监管', { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' }],
  A: ['中央军委改革和编制办公室', {}],
  N: ['农业', { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织' }],
  Y: ['其他', {}],
};

/** The decoded parts of a USCC. */
export interface UsccParts {
  /** The whole code, upper-cased. */
  code: string;
  /** Position 1: 登记管理部门代码 (1 机构编制, 5 民政, 9 市场监管, …). */
  registrationDepartment: string;
  /** Position 2: 机构类别代码 (with position 1: 11 机关, 12 事业单位, 91 企业, …). */
  category: string;
  /** Name of the registration department (e.g. `机构编制`), when position 1 is a GB 32100 department. */
  registrationDepartmentName?: string;
  /** Name of the category (e.g. `机关`, `事业单位`, `企业`), when GB 32100 lists it for the department. */
  categoryName?: string;
  /** Positions 3–8: the registration authority's GB/T 2260 division code (not necessarily the service point's). */
  division: string;
  /** Positions 9–17: the GB 11714 organisation code (主体标识码), including its own check character. */
  organizationCode: string;
  /** Position 18: the check character. */
  checkCharacter: string;
  /** Whether positions 9–17 pass the nested GB 11714 check. */
  organizationCodeValid: boolean;
  /**
   * `true` when the outer check character fails but the code looks like a pre-2016 Fujian pilot code (`9…35…`) whose
   * nested organisation code is valid: such codes are real (see `allowPilotCodes`).
   */
  knownPilotPattern: boolean;
}

/** Options of {@link checkUscc} and {@link parseUscc}. */
export interface UsccCheckOptions {
  /**
   * Accept the pre-2016 Fujian pilot codes whose check character is wrong (e.g. `91350211M00013FA1N`): reported as a
   * `USCC_PILOT_CHECK_MISMATCH` warning instead of a `USCC_CHECK_CHAR` error.
   * @default false
   */
  allowPilotCodes?: boolean;
  /**
   * Report a `USCC_ORGANIZATION_CODE` warning when positions 9–17 fail the nested GB 11714 check.
   * @default true
   */
  checkOrganizationCode?: boolean;
}

function usccValue(character: string, position: number): number {
  const value = USCC_ALPHABET.indexOf(character);
  if (value < 0 || character.length !== 1) {
    throw new CatalogError(
      'ERR_CATALOG_INPUT_INVALID',
      `computeUsccCheckCharacter(): character ${position + 1} is not in the USCC alphabet ${USCC_ALPHABET}`,
    );
  }
  return value;
}

/**
 * Compute the check character (position 18) of a USCC from its first 17 characters (GB 32100-2015).
 *
 * @param first17 - the first 17 characters, upper case.
 * @returns the check character, one of {@link USCC_ALPHABET}.
 * @throws {CatalogError} `ERR_CATALOG_INPUT_INVALID` when `first17` is not 17 characters of the USCC alphabet.
 * @example
 * ```ts
 * computeUsccCheckCharacter('91310110666007217'); // 'T'
 * ```
 */
export function computeUsccCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) {
    throw new CatalogError(
      'ERR_CATALOG_INPUT_INVALID',
      `computeUsccCheckCharacter() needs the first 17 characters of a USCC, got ${typeof first17 === 'string' ? `length ${first17.length}` : describeType(first17)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(first17[i] as string, i) * (USCC_WEIGHTS[i] as number);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/**
 * Compute the check character of a GB 11714 organisation code (组织机构代码) from its first 8 characters.
 *
 * @param first8 - the first 8 characters (digits and upper-case letters).
 * @returns `0`–`9` or `X`.
 * @throws {CatalogError} `ERR_CATALOG_INPUT_INVALID` when `first8` is not 8 characters of `0-9A-Z`.
 * @example
 * ```ts
 * computeOrganizationCodeCheckCharacter('MB155808'); // '1'
 * ```
 */
export function computeOrganizationCodeCheckCharacter(first8: string): string {
  if (typeof first8 !== 'string' || !/^[0-9A-Z]{8}$/.test(first8)) {
    throw new CatalogError(
      'ERR_CATALOG_INPUT_INVALID',
      'computeOrganizationCodeCheckCharacter() needs the first 8 characters (0-9, A-Z) of an organisation code',
    );
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = ORGANIZATION_ALPHABET.indexOf(first8[i] as string);
    sum += value * (ORGANIZATION_WEIGHTS[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function organizationCodeValid(code9: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code9)) return false;
  return computeOrganizationCodeCheckCharacter(code9.slice(0, 8)) === code9[8];
}

/**
 * Check a unified social credit code (统一社会信用代码, GB 32100-2015): layout, alphabet, check character and the
 * nested GB 11714 organisation-code check. Never throws.
 *
 * @param code - the code to check; any value is accepted (non-strings give a `USCC_FORMAT` issue).
 * @param options - see {@link UsccCheckOptions}.
 * @returns `{ valid, issues, parts }`. Issue codes: `USCC_FORMAT`, `USCC_CHECK_CHAR` (errors),
 *   `USCC_PILOT_CHECK_MISMATCH`, `USCC_ORGANIZATION_CODE`, `USCC_REGISTRATION_DEPARTMENT_UNKNOWN` (warnings).
 * @example
 * ```ts
 * checkUscc('91310110666007217T').valid;                                  // true
 * checkUscc('91350211M00013FA1N').parts?.knownPilotPattern;               // true (still invalid)
 * checkUscc('91350211M00013FA1N', { allowPilotCodes: true }).valid;       // true, with a warning
 * ```
 */
export function checkUscc(code: unknown, options: UsccCheckOptions = {}): CheckResult<UsccParts> {
  if (typeof code !== 'string') {
    return result<UsccParts>([
      makeIssue(
        'USCC_FORMAT',
        'error',
        `统一社会信用代码应为字符串，实际为 ${describeType(code)}`,
        `A unified social credit code must be a string, got ${describeType(code)}`,
      ),
    ]);
  }
  const upper = code.trim().toUpperCase();
  if (!USCC_PATTERN.test(upper)) {
    return result<UsccParts>([
      makeIssue(
        'USCC_FORMAT',
        'error',
        `统一社会信用代码“${upper.slice(0, 24)}”格式错误：应为 18 位，第 3–8 位为数字，不含 I、O、Z、S、V`,
        `USCC "${upper.slice(0, 24)}" is malformed: expected 18 characters of ${USCC_ALPHABET} with digits at positions 3–8 (length ${upper.length})`,
      ),
    ]);
  }
  const issues: Issue[] = [];
  const expected = computeUsccCheckCharacter(upper.slice(0, 17));
  const actual = upper[17] as string;
  const organizationCode = upper.slice(8, 17);
  const nestedValid = organizationCodeValid(organizationCode);
  const knownPilotPattern = expected !== actual && upper[0] === '9' && upper.slice(2, 4) === '35' && nestedValid;
  if (expected !== actual) {
    if (knownPilotPattern && options.allowPilotCodes) {
      issues.push(
        makeIssue(
          'USCC_PILOT_CHECK_MISMATCH',
          'warning',
          `统一社会信用代码 ${upper} 校验位应为 ${expected}，实为 ${actual}；该代码符合 2016 年前福建试点代码特征，按选项接受`,
          `USCC ${upper}: check character should be ${expected}, is ${actual}; accepted as a pre-2016 Fujian pilot code (allowPilotCodes)`,
        ),
      );
    } else {
      issues.push(
        makeIssue(
          'USCC_CHECK_CHAR',
          'error',
          `统一社会信用代码 ${upper} 校验位错误：应为 ${expected}，实为 ${actual}${knownPilotPattern ? '（疑似 2016 年前试点代码，可使用 allowPilotCodes 降级为警告）' : ''}`,
          `USCC ${upper}: wrong check character, expected ${expected}, got ${actual}${knownPilotPattern ? ' (looks like a pre-2016 pilot code: pass allowPilotCodes to accept it with a warning)' : ''}`,
        ),
      );
    }
  }
  const department = REGISTRATION_DEPARTMENTS[upper[0] as string];
  if (department === undefined) {
    issues.push(
      makeIssue(
        'USCC_REGISTRATION_DEPARTMENT_UNKNOWN',
        'warning',
        `统一社会信用代码 ${upper} 第 1 位“${upper[0]}”不是 GB 32100 规定的登记管理部门代码`,
        `USCC ${upper}: position 1 "${upper[0]}" is not a GB 32100 registration department (1–9, A, N, Y)`,
      ),
    );
  }
  if (!nestedValid && options.checkOrganizationCode !== false) {
    issues.push(
      makeIssue(
        'USCC_ORGANIZATION_CODE',
        'warning',
        `统一社会信用代码 ${upper} 第 9–17 位（组织机构代码 ${organizationCode}）未通过 GB 11714 校验`,
        `USCC ${upper}: positions 9–17 (organisation code ${organizationCode}) fail the GB 11714 check`,
      ),
    );
  }
  const categoryName = department?.[1][upper[1] as string];
  return result(issues, {
    code: upper,
    registrationDepartment: upper[0] as string,
    category: upper[1] as string,
    ...(department ? { registrationDepartmentName: department[0] } : {}),
    ...(categoryName ? { categoryName } : {}),
    division: upper.slice(2, 8),
    organizationCode,
    checkCharacter: actual,
    organizationCodeValid: nestedValid,
    knownPilotPattern,
  });
}

/**
 * Parse a unified social credit code, throwing when it is invalid.
 *
 * @param code - the code.
 * @param options - see {@link UsccCheckOptions}.
 * @returns the decoded parts.
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` with the issues of {@link checkUscc}.
 * @example
 * ```ts
 * parseUscc('11450721MB15580811').division; // '450721'
 * ```
 */
export function parseUscc(code: unknown, options?: UsccCheckOptions): UsccParts {
  return throwIfInvalid(checkUscc(code, options), 'unified social credit code');
}

/**
 * Complete a USCC from its first 17 characters by appending the check character.
 *
 * @param first17 - the first 17 characters (case-insensitive).
 * @returns the 18-character code.
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` when the 17 characters are not a valid USCC prefix.
 * @example
 * ```ts
 * formatUscc('11430400100000112'); // '114304001000001120'
 * ```
 */
export function formatUscc(first17: string): string {
  const upper = String(first17).trim().toUpperCase();
  const probe = `${upper}0`;
  if (!USCC_PATTERN.test(probe)) {
    return throwIfInvalid(checkUscc(probe), 'USCC prefix (17 characters expected)') as never;
  }
  return upper + computeUsccCheckCharacter(upper);
}
