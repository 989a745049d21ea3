// Small helpers shared by the check and validation functions. Not exported from the package.
import { CatalogValidationError } from '../errors';
import type { CatalogErrorCode } from '../errors';
import type { CheckResult, Issue, IssueSeverity } from '../issue';

/** Build an issue; `path` is omitted when empty so reports stay small. */
export function makeIssue(
  code: string,
  severity: IssueSeverity,
  zh: string,
  en: string,
  path?: (string | number)[],
): Issue {
  return path === undefined ? { code, severity, message: { zh, en } } : { code, severity, path, message: { zh, en } };
}

/** A result from issues: valid when no issue is an error. */
export function result<Parts>(issues: Issue[], parts?: Parts): CheckResult<Parts> {
  const valid = !issues.some((entry) => entry.severity === 'error');
  return parts === undefined ? { valid, issues } : { valid, issues, parts };
}

/** Describe a non-string input for a message without echoing its content. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Throw a CatalogValidationError built from a failed check (first error message in the text). */
export function throwIfInvalid<Parts>(
  checked: CheckResult<Parts>,
  what: string,
  code: CatalogErrorCode = 'ERR_CATALOG_CODE_INVALID',
): Parts {
  if (checked.valid && checked.parts !== undefined) return checked.parts;
  const first = checked.issues.find((entry) => entry.severity === 'error');
  const detail = first ? `${first.code}: ${first.message.en}` : 'no parts could be read';
  throw new CatalogValidationError(code, `Invalid ${what} (${detail})`, checked.issues);
}

/**
 * Mask an identity-card number for messages and logs: keep the first 3 and the last 2 characters.
 * Short or odd values are masked completely.
 */
export function maskId(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 5) + value.slice(-2);
}
