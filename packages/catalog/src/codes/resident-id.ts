import { DIVISION_DATA_VERSION, findDivision } from '../divisions/divisions';
import { CatalogError } from '../errors';
import { describeType, makeIssue, maskId, result, throwIfInvalid } from '../internal/issues';
import type { CheckResult, Issue } from '../issue';

/** Weights of the 17 leading digits of a resident ID number (ISO 7064 MOD 11-2, GB 11643-1999). */
export const RESIDENT_ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
/** Address codes of residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证). */
export const RESIDENCE_PERMIT_ADDRESS_CODES: readonly string[] = ['810000', '820000', '830000'];

/** The decoded parts of a resident ID number. They are personal data: do not log them. */
export interface ResidentIdParts {
  /** The 18-character number, upper-cased. */
  id: string;
  /** Positions 1–6: address code (GB/T 2260), or 810000/820000/830000 for residence permits. */
  addressCode: string;
  /** Positions 7–14 as `YYYY-MM-DD`. */
  birthDate: string;
  /** Positions 15–17. */
  sequence: string;
  /** From the parity of the sequence (odd = male). */
  sex: 'male' | 'female';
  /** Position 18: `0`–`9` or `X`. */
  checkCharacter: string;
  /** `resident` (居民身份证) or `residence-permit` (港澳台居民居住证). */
  kind: 'resident' | 'residence-permit';
}

/** Options of {@link checkResidentId}. */
export interface ResidentIdCheckOptions {
  /**
   * Also check that the address code is in the bundled division data (current or retired, or a residence-permit code)
   * and that the birth date is a real date, not in the future and not before 1900. Without `strict` only the format
   * and the check character are checked — use that for old numbers with address codes the data does not know.
   * @default false
   */
  strict?: boolean;
  /**
   * Clock for the future-birth-date check.
   * @default () => new Date()
   */
  now?: () => Date;
}

/**
 * Compute the check character of a resident ID number (GB 11643-1999, ISO 7064 MOD 11-2).
 *
 * @param first17 - the first 17 digits.
 * @returns `0`–`9` or `X`.
 * @throws {CatalogError} `ERR_CATALOG_INPUT_INVALID` when `first17` is not 17 digits.
 * @example
 * ```ts
 * computeResidentIdCheckCharacter('11010519491231002'); // 'X'
 * ```
 */
export function computeResidentIdCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string' || !/^\d{17}$/.test(first17)) {
    throw new CatalogError(
      'ERR_CATALOG_INPUT_INVALID',
      'computeResidentIdCheckCharacter() needs the first 17 digits of an ID number',
    );
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (RESIDENT_ID_WEIGHTS[i] as number);
  return CHECK_CHARACTERS[sum % 11] as string;
}

function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Check a citizen ID number (公民身份号码, GB 11643-1999) or a Hong Kong/Macao/Taiwan residence-permit number. Never
 * throws, and never puts the number in clear into a message (it is masked, e.g. `110*************2X`).
 *
 * @param id - the number (18 characters; a lower-case `x` is accepted).
 * @param options - `strict` also checks the address code and birth date; see {@link ResidentIdCheckOptions}.
 * @returns `{ valid, issues, parts }`. Issue codes: `RESIDENT_ID_FORMAT`, `RESIDENT_ID_CHECK_CHAR`, and in strict
 *   mode `RESIDENT_ID_BIRTH_DATE`, `RESIDENT_ID_DIVISION_UNKNOWN` (errors), `RESIDENT_ID_DIVISION_RETIRED` (warning).
 * @example
 * ```ts
 * checkResidentId('11010519491231002X').valid;                    // true
 * checkResidentId('110105194902301234', { strict: true }).valid;  // false: 1949-02-30 is no date
 * ```
 */
export function checkResidentId(id: unknown, options: ResidentIdCheckOptions = {}): CheckResult<ResidentIdParts> {
  if (typeof id !== 'string') {
    return result<ResidentIdParts>([
      makeIssue(
        'RESIDENT_ID_FORMAT',
        'error',
        `身份证号码应为字符串，实际为 ${describeType(id)}`,
        `An ID number must be a string, got ${describeType(id)}`,
      ),
    ]);
  }
  const upper = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(upper)) {
    const legacy = /^\d{15}$/.test(upper);
    return result<ResidentIdParts>([
      makeIssue(
        'RESIDENT_ID_FORMAT',
        'error',
        legacy
          ? `身份证号码 ${maskId(upper)} 为 15 位一代证号码，不受支持；请换算为 18 位`
          : `身份证号码 ${maskId(upper)} 格式错误：应为 17 位数字加 1 位数字或 X（长度 ${upper.length}）`,
        legacy
          ? `ID number ${maskId(upper)} is a 15-digit first-generation number, which is not supported; convert it to 18 digits`
          : `ID number ${maskId(upper)} is malformed: expected 17 digits and a digit or X (length ${upper.length})`,
      ),
    ]);
  }
  const issues: Issue[] = [];
  const masked = maskId(upper);
  const expected = computeResidentIdCheckCharacter(upper.slice(0, 17));
  if (expected !== upper[17]) {
    issues.push(
      makeIssue(
        'RESIDENT_ID_CHECK_CHAR',
        'error',
        `身份证号码 ${masked} 校验位错误：请核对号码是否抄录有误`,
        `ID number ${masked} has a wrong check character: check the number for a typing error`,
      ),
    );
  }
  const addressCode = upper.slice(0, 6);
  const year = Number(upper.slice(6, 10));
  const month = Number(upper.slice(10, 12));
  const day = Number(upper.slice(12, 14));
  const kind = RESIDENCE_PERMIT_ADDRESS_CODES.includes(addressCode) ? 'residence-permit' : 'resident';
  if (options.strict) {
    const now = (options.now ?? (() => new Date()))();
    const birth = Date.UTC(year, month - 1, day);
    if (!realDate(year, month, day) || year < 1900 || birth > now.getTime()) {
      issues.push(
        makeIssue(
          'RESIDENT_ID_BIRTH_DATE',
          'error',
          `身份证号码 ${masked} 第 7–14 位不是有效的出生日期（须为 1900 年之后、不晚于今天的真实日期）`,
          `ID number ${masked}: positions 7–14 are not a valid birth date (a real date after 1900 and not in the future)`,
        ),
      );
    }
    if (kind === 'resident') {
      const division = findDivision(addressCode);
      if (division === undefined) {
        issues.push(
          makeIssue(
            'RESIDENT_ID_DIVISION_UNKNOWN',
            'error',
            `身份证号码 ${masked} 的地址码不在内置区划数据（${DIVISION_DATA_VERSION.source}）中；旧号码可能使用已撤销的代码，可改用非严格模式`,
            `ID number ${masked}: the address code is not in the bundled division data (${DIVISION_DATA_VERSION.source}); old numbers may use retired codes — use the non-strict mode for them`,
          ),
        );
      } else if (division.validTo !== undefined) {
        issues.push(
          makeIssue(
            'RESIDENT_ID_DIVISION_RETIRED',
            'warning',
            `身份证号码 ${masked} 的地址码为已撤销的行政区划（${division.validTo} 年撤销），号码仍然有效`,
            `ID number ${masked}: the address code is a division retired in ${division.validTo}; the number stays valid`,
          ),
        );
      }
    }
  }
  return result(issues, {
    id: upper,
    addressCode,
    birthDate: `${upper.slice(6, 10)}-${upper.slice(10, 12)}-${upper.slice(12, 14)}`,
    sequence: upper.slice(14, 17),
    sex: Number(upper[16]) % 2 === 1 ? 'male' : 'female',
    checkCharacter: upper[17] as string,
    kind,
  });
}

/**
 * Parse a resident ID number, throwing when it is invalid. The error message masks the number.
 *
 * @param id - the number.
 * @param options - see {@link ResidentIdCheckOptions}.
 * @returns the decoded parts (personal data).
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` with the issues of {@link checkResidentId}.
 * @example
 * ```ts
 * parseResidentId('110108201008081427').sex; // 'female'
 * ```
 */
export function parseResidentId(id: unknown, options?: ResidentIdCheckOptions): ResidentIdParts {
  return throwIfInvalid(checkResidentId(id, options), 'ID number');
}
