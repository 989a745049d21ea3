import { DIVISION_DATA_VERSION, findDivision } from '../divisions/divisions';
import type { DivisionLevel } from '../divisions/divisions';
import { describeType, makeIssue, result, throwIfInvalid } from '../internal/issues';
import type { CheckResult, Issue } from '../issue';

const PROVINCE_CODES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

/** The decoded parts of a 6-digit (GB/T 2260) or 12-digit (统计用区划代码) division code. */
export interface DivisionCodeParts {
  /** The code as given (6 or 12 digits). */
  code: string;
  /** The six-digit county-level (or higher) part. */
  division: string;
  /** Level of the code: the six-digit levels, or `township` / `village` for 12-digit codes below a county. */
  level: DivisionLevel | 'township' | 'village';
  provinceCode: string;
  /** `undefined` for a province code. */
  prefectureCode?: string;
  /** 3-digit township part of a 12-digit code (乡镇/街道), when not `000`. */
  townshipCode?: string;
  /** 3-digit village part of a 12-digit code (村/社区), when not `000`. */
  villageCode?: string;
  /** Name from the bundled data, when the six-digit part is known. */
  name?: string;
  /** `current`, `retired` (a curated retired code) or `unknown` (not in the bundled data). */
  status: 'current' | 'retired' | 'unknown';
}

/** Options of {@link checkDivisionCode}. */
export interface DivisionCodeCheckOptions {
  /**
   * Make a code missing from the bundled data an error (`DIVISION_UNKNOWN`) instead of a warning.
   * @default false
   */
  requireKnown?: boolean;
  /**
   * Accept 12-digit statistical codes. Set `false` where only GB/T 2260 six-digit codes are allowed.
   * @default true
   */
  allowTwelveDigits?: boolean;
}

/**
 * Check a division code: 6 digits (GB/T 2260) or 12 digits (统计用区划代码, to township and village), its structure,
 * and whether the six-digit part is in the bundled data (current or retired). Never throws.
 *
 * @param code - the code.
 * @param options - see {@link DivisionCodeCheckOptions}.
 * @returns `{ valid, issues, parts }`. Issue codes: `DIVISION_FORMAT` (error), `DIVISION_UNKNOWN` (warning, error
 *   with `requireKnown`), `DIVISION_RETIRED` (warning).
 * @example
 * ```ts
 * checkDivisionCode('430421').parts?.name;              // '衡阳县'
 * checkDivisionCode('430421101000').parts?.level;       // 'township'
 * checkDivisionCode('430402').issues[0]?.code;          // 'DIVISION_RETIRED'
 * ```
 */
export function checkDivisionCode(
  code: unknown,
  options: DivisionCodeCheckOptions = {},
): CheckResult<DivisionCodeParts> {
  const twelve = options.allowTwelveDigits !== false;
  const shape = twelve ? '6 or 12 digits' : '6 digits';
  if (typeof code !== 'string' || !(/^\d{6}$/.test(code) || (twelve && /^\d{12}$/.test(code)))) {
    const shown = typeof code === 'string' ? `"${code.slice(0, 20)}"` : describeType(code);
    return result<DivisionCodeParts>([
      makeIssue(
        'DIVISION_FORMAT',
        'error',
        `行政区划代码 ${shown} 格式错误：应为 ${twelve ? '6 位或 12 位' : '6 位'}数字`,
        `Division code ${shown} is malformed: expected ${shape}`,
      ),
    ]);
  }
  const issues: Issue[] = [];
  const division = code.slice(0, 6);
  const provinceCode = division.slice(0, 2);
  const prefecture = division.slice(2, 4);
  const county = division.slice(4, 6);
  const township = code.length === 12 ? code.slice(6, 9) : '000';
  const village = code.length === 12 ? code.slice(9, 12) : '000';
  const structural: string[] = [];
  if (!PROVINCE_CODES.has(provinceCode)) structural.push(`province part ${provinceCode} does not exist`);
  if (prefecture === '00' && county !== '00') structural.push('a county part needs a prefecture part');
  if (township === '000' && village !== '000') structural.push('a village part needs a township part');
  if (structural.length > 0) {
    return result<DivisionCodeParts>([
      makeIssue(
        'DIVISION_FORMAT',
        'error',
        `行政区划代码 ${code} 结构错误（${structural.join('；')}）`,
        `Division code ${code} has an impossible structure (${structural.join('; ')})`,
      ),
    ]);
  }
  const level: DivisionCodeParts['level'] =
    village !== '000'
      ? 'village'
      : township !== '000'
        ? 'township'
        : county !== '00'
          ? 'county'
          : prefecture !== '00'
            ? 'prefecture'
            : 'province';
  const known = findDivision(division);
  const status = known === undefined ? 'unknown' : known.validTo === undefined ? 'current' : 'retired';
  if (known === undefined) {
    issues.push(
      makeIssue(
        'DIVISION_UNKNOWN',
        options.requireKnown ? 'error' : 'warning',
        `行政区划代码 ${division} 不在内置区划数据（${DIVISION_DATA_VERSION.source}）中；请核对代码或数据版本`,
        `Division code ${division} is not in the bundled data (${DIVISION_DATA_VERSION.source}); check the code or the data version`,
      ),
    );
  } else if (known.validTo !== undefined) {
    issues.push(
      makeIssue(
        'DIVISION_RETIRED',
        'warning',
        `行政区划代码 ${division}（${known.name}）已于 ${known.validTo} 年撤销${known.replacedBy?.length ? `，现为 ${known.replacedBy.join('、')}` : ''}`,
        `Division code ${division} (${known.name}) was retired in ${known.validTo}${known.replacedBy?.length ? `; now ${known.replacedBy.join(', ')}` : ''}`,
      ),
    );
  }
  const parts: DivisionCodeParts = { code, division, level, provinceCode, status };
  if (prefecture !== '00') parts.prefectureCode = division.slice(0, 4);
  if (township !== '000') parts.townshipCode = township;
  if (village !== '000') parts.villageCode = village;
  if (known) parts.name = known.name;
  return result(issues, parts);
}

/**
 * Parse a division code, throwing when it is malformed (unknown codes only throw with `requireKnown`).
 *
 * @param code - 6 or 12 digits.
 * @param options - see {@link DivisionCodeCheckOptions}.
 * @returns the decoded parts.
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` with the issues of {@link checkDivisionCode}.
 * @example
 * ```ts
 * parseDivisionCode('430400').name; // '衡阳市'
 * ```
 */
export function parseDivisionCode(code: unknown, options?: DivisionCodeCheckOptions): DivisionCodeParts {
  return throwIfInvalid(checkDivisionCode(code, options), 'division code');
}

/**
 * Pad a six-digit division code to the 12-digit form platforms use (`430421` → `430421000000`).
 *
 * @param code - a valid 6- or 12-digit code.
 * @returns the 12-digit code.
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` when the code is malformed.
 * @example
 * ```ts
 * formatDivisionCode12('430421'); // '430421000000'
 * ```
 */
export function formatDivisionCode12(code: string): string {
  const parts = parseDivisionCode(code);
  return parts.code.padEnd(12, '0');
}
