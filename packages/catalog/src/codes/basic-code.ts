import { describeType, makeIssue, result, throwIfInvalid } from '../internal/issues';
import type { CheckResult } from '../issue';

/** Pattern of a national basic code (基本编码): 12 digits or upper-case letters, treated as opaque (catalog.md §2.1). */
export const BASIC_CODE_PATTERN = /^[0-9A-Z]{12}$/;

/** The parts of a basic code. Its internal segments are not standardised publicly, so none are derived. */
export interface BasicCodeParts {
  /** The 12-character code. */
  code: string;
  /** `true` when the code contains `00000000`, which platforms treat as a locally created item (自建事项). */
  locallyCreated: boolean;
}

/**
 * Check a basic code (基本编码, GB/T 39554.1: 12 characters). Never throws.
 *
 * @param code - the code.
 * @returns `{ valid, issues, parts }`; issue code `BASIC_CODE_FORMAT`.
 * @example
 * ```ts
 * checkBasicCode('000104002000').valid; // true
 * ```
 */
export function checkBasicCode(code: unknown): CheckResult<BasicCodeParts> {
  if (typeof code !== 'string' || !BASIC_CODE_PATTERN.test(code)) {
    const shown = typeof code === 'string' ? `"${code.slice(0, 20)}"` : describeType(code);
    return result<BasicCodeParts>([
      makeIssue(
        'BASIC_CODE_FORMAT',
        'error',
        `基本编码 ${shown} 格式错误：应为 12 位数字或大写字母`,
        `Basic code ${shown} is malformed: expected 12 digits or upper-case letters`,
      ),
    ]);
  }
  return result([], { code, locallyCreated: code.includes('00000000') });
}

/**
 * Parse a basic code, throwing when it is malformed.
 *
 * @param code - the code.
 * @returns its parts.
 * @throws {CatalogValidationError} `ERR_CATALOG_CODE_INVALID` with a `BASIC_CODE_FORMAT` issue.
 * @example
 * ```ts
 * parseBasicCode('000117051000').code; // '000117051000'
 * ```
 */
export function parseBasicCode(code: unknown): BasicCodeParts {
  return throwIfInvalid(checkBasicCode(code), 'basic code');
}
