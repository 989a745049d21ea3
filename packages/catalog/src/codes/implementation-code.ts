import { describeType, makeIssue, result, throwIfInvalid } from '../internal/issues';
import type { CheckResult, Issue } from '../issue';
import { BASIC_CODE_PATTERN } from './basic-code';
import { checkUscc } from './uscc';
import type { UsccCheckOptions } from './uscc';

/** Length of a national implementation code (实施编码): USCC (18) + level digit (1) + basic code (12). */
export const IMPLEMENTATION_CODE_LENGTH = 31;
/** Length of a business-handling-item code (业务办理项编码): implementation code (31) + 2-digit sequence. */
export const HANDLING_ITEM_CODE_LENGTH = 33;

/** The parts of an implementation code. */
export interface ImplementationCodeParts {
  /** The 31-character code. */
  code: string;
  /** Characters 1–18: USCC of the implementing body. */
  uscc: string;
  /** Character 19: the body's exercise level (行使层级, GB/T 39046 A.2: `1` national … `6` village, `7` tiered). */
  level: string;
  /** Characters 20–31: the basic code. */
  basicCode: string;
}

/** The parts of a business-handling-item code. */
export interface HandlingItemCodeParts extends ImplementationCodeParts {
  /** Characters 1–31. */
  implementationCode: string;
  /** Characters 32–33. */
  sequence: string;
}

function checkLayout(code: string, prefix: string, options: UsccCheckOptions): Issue[] {
  const issues: Issue[] = [];
  const uscc = checkUscc(code.slice(0, 18), options);
  for (const entry of uscc.issues) {
    if (entry.severity === 'warning') {
      issues.push(entry);
      continue;
    }
    issues.push(
      makeIssue(
        `${prefix}_USCC`,
        'error',
        `编码 ${code} 第 1–18 位不是有效的统一社会信用代码：${entry.message.zh}`,
        `Code ${code}: characters 1–18 are not a valid USCC: ${entry.message.en}`,
      ),
    );
  }
  const level = code[18] as string;
  if (!/^[1-7]$/.test(level)) {
    issues.push(
      makeIssue(
        `${prefix}_LEVEL`,
        'error',
        `编码 ${code} 第 19 位（行使层级）应为 1–7，实为 ${level}`,
        `Code ${code}: character 19 (exercise level) must be 1–7, got ${level}`,
      ),
    );
  }
  if (!BASIC_CODE_PATTERN.test(code.slice(19, 31))) {
    issues.push(
      makeIssue(
        `${prefix}_BASIC_CODE`,
        'error',
        `编码 ${code} 第 20–31 位不是有效的基本编码`,
        `Code ${code}: characters 20–31 are not a valid basic code (12 digits or upper-case letters)`,
      ),
    );
  }
  return issues;
}

function formatIssue(prefix: string, name: [string, string], length: number, code: unknown): Issue {
  const shown = typeof code === 'string' ? `"${code.slice(0, 40)}"` : describeType(code);
  const actual = typeof code === 'string' ? `（长度 ${code.length}）` : '';
  return makeIssue(
    `${prefix}_FORMAT`,
    'error',
    `${name[0]} ${shown} 格式错误：应为 ${length} 位数字或大写字母${actual}`,
    `${name[1]} ${shown} is malformed: expected ${length} digits or upper-case letters${typeof code === 'string' ? ` (length ${code.length})` : ''}`,
  );
}

/**
 * Check an implementation code (实施编码, 31 characters = body USCC + level digit + basic code). Never throws.
 *
 * @param code - the code.
 * @param options - passed to the USCC check (e.g. `allowPilotCodes`).
 * @returns `{ valid, issues, parts }`. Issue codes: `IMPLEMENTATION_CODE_FORMAT`, `IMPLEMENTATION_CODE_USCC`,
 *   `IMPLEMENTATION_CODE_LEVEL`, `IMPLEMENTATION_CODE_BASIC_CODE` (errors), USCC warnings.
 * @example
 * ```ts
 * checkImplementationCode('11450721MB155808114000104002000').parts?.level; // '4'
 * ```
 */
export function checkImplementationCode(
  code: unknown,
  options: UsccCheckOptions = {},
): CheckResult<ImplementationCodeParts> {
  if (typeof code !== 'string' || !/^[0-9A-Z]{31}$/.test(code)) {
    return result<ImplementationCodeParts>([
      formatIssue('IMPLEMENTATION_CODE', ['实施编码', 'Implementation code'], IMPLEMENTATION_CODE_LENGTH, code),
    ]);
  }
  const issues = checkLayout(code, 'IMPLEMENTATION_CODE', options);
  return result(issues, { code, uscc: code.slice(0, 18), level: code[18] as string, basicCode: code.slice(19) });
}

/**
 * Split an implementation code into `{ uscc, level, basicCode }`, throwing when it is invalid.
 *
 * @param code - the 31-character code.
 * @param options - passed to the USCC check.
 * @returns the parts.
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` with the issues of {@link checkImplementationCode}.
 * @example
 * ```ts
 * parseImplementationCode('12441500196720244T3442199806003');
 * // { code: '12441500196720244T3442199806003', uscc: '12441500196720244T', level: '3', basicCode: '442199806003' }
 * ```
 */
export function parseImplementationCode(code: unknown, options?: UsccCheckOptions): ImplementationCodeParts {
  return throwIfInvalid(checkImplementationCode(code, options), 'implementation code');
}

/**
 * Build an implementation code from its parts (each part is checked).
 *
 * @param parts - `uscc` (18), `level` (`1`–`7`) and `basicCode` (12).
 * @returns the 31-character code.
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` when a part is invalid.
 * @example
 * ```ts
 * formatImplementationCode({ uscc: '11450721MB15580811', level: '4', basicCode: '000104002000' });
 * // '11450721MB155808114000104002000'
 * ```
 */
export function formatImplementationCode(parts: { uscc: string; level: string; basicCode: string }): string {
  const code = `${parts.uscc}${parts.level}${parts.basicCode}`;
  parseImplementationCode(code);
  return code;
}

/**
 * Check a business-handling-item code (业务办理项编码, 33 characters = implementation code + 2-digit sequence).
 * Never throws.
 *
 * @param code - the code.
 * @param options - passed to the USCC check.
 * @returns `{ valid, issues, parts }`. Issue codes: `HANDLING_ITEM_CODE_FORMAT`, `HANDLING_ITEM_CODE_USCC`,
 *   `HANDLING_ITEM_CODE_LEVEL`, `HANDLING_ITEM_CODE_BASIC_CODE`, `HANDLING_ITEM_CODE_SEQUENCE`.
 * @example
 * ```ts
 * checkHandlingItemCode('11450721MB15580811400010400200001').parts?.sequence; // '01'
 * ```
 */
export function checkHandlingItemCode(
  code: unknown,
  options: UsccCheckOptions = {},
): CheckResult<HandlingItemCodeParts> {
  if (typeof code !== 'string' || !/^[0-9A-Z]{33}$/.test(code)) {
    return result<HandlingItemCodeParts>([
      formatIssue('HANDLING_ITEM_CODE', ['业务办理项编码', 'Handling-item code'], HANDLING_ITEM_CODE_LENGTH, code),
    ]);
  }
  const issues = checkLayout(code, 'HANDLING_ITEM_CODE', options);
  const sequence = code.slice(31);
  if (!/^\d{2}$/.test(sequence)) {
    issues.push(
      makeIssue(
        'HANDLING_ITEM_CODE_SEQUENCE',
        'error',
        `业务办理项编码 ${code} 第 32–33 位应为 2 位数字序号`,
        `Handling-item code ${code}: characters 32–33 must be a 2-digit sequence`,
      ),
    );
  }
  return result(issues, {
    code,
    implementationCode: code.slice(0, 31),
    uscc: code.slice(0, 18),
    level: code[18] as string,
    basicCode: code.slice(19, 31),
    sequence,
  });
}

/**
 * Split a business-handling-item code, throwing when it is invalid.
 *
 * @param code - the 33-character code.
 * @param options - passed to the USCC check.
 * @returns the parts.
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` with the issues of {@link checkHandlingItemCode}.
 * @example
 * ```ts
 * parseHandlingItemCode('11450721MB15580811400010400200001').implementationCode; // '11450721MB155808114000104002000'
 * ```
 */
export function parseHandlingItemCode(code: unknown, options?: UsccCheckOptions): HandlingItemCodeParts {
  return throwIfInvalid(checkHandlingItemCode(code, options), 'handling-item code');
}
