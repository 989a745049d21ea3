import { CatalogValidationError, isCatalogError } from './errors';
import { makeIssue } from './internal/issues';
import type { Issue } from './issue';
import { DEFAULT_PROFILE, getProfile } from './profiles/profile';
import { toModelCodes } from './profiles/profile-codes';
import { ImplementationItemSchema } from './schemas/implementation-item';
import type { ImplementationItem } from './schemas/implementation-item';
import { validateCatalog } from './validate-catalog';
import type { ValidateCatalogOptions } from './validate-catalog';

/** Options of {@link parseImplementationItem}: validation options; a non-default profile also maps raw codes first. */
export type ParseImplementationItemOptions = ValidateCatalogOptions;

/** Result of {@link safeParseImplementationItem}. */
export type SafeParseImplementationItemResult =
  | { success: true; data: ImplementationItem; warnings: Issue[] }
  | { success: false; error: CatalogValidationError };

function run(input: unknown, options: ParseImplementationItemOptions): { item: unknown; issues: Issue[] } {
  const profile = getProfile(options.profile);
  let item = input;
  if (profile.name !== DEFAULT_PROFILE) {
    try {
      item = toModelCodes(input, profile);
    } catch (error) {
      if (!isCatalogError(error)) throw error;
      return {
        item,
        issues: [makeIssue('SCHEMA', 'error', '事项不是普通 JSON 数据，无法映射代码', error.message, [])],
      };
    }
  }
  const report = validateCatalog([item], options);
  const strip = (issue: Issue): Issue => ({ ...issue, path: (issue.path ?? []).slice(1) });
  return { item, issues: [...report.errors.map(strip), ...report.warnings.map(strip)] };
}

/**
 * List every problem of one implementation item — schema errors, rule errors and warnings — without throwing
 * (the `diagnose*` form of {@link validateCatalog} for a single item).
 *
 * @param input - any value.
 * @param options - profile (raw codes are mapped first when it is not the default), rule severities.
 * @returns the issues, errors first; paths are relative to the item.
 * @throws {CatalogError} `ERR_CATALOG_PROFILE_UNKNOWN` for an unknown profile name.
 * @example
 * ```ts
 * for (const issue of diagnoseImplementationItem(record)) console.log(issue.severity, issue.code, issue.message.zh);
 * ```
 */
export function diagnoseImplementationItem(input: unknown, options: ParseImplementationItemOptions = {}): Issue[] {
  return run(input, options).issues;
}

/**
 * Parse one implementation item: map raw codes with the profile (when not the default), check the schema and every
 * rule; warnings are returned, errors make the result unsuccessful.
 *
 * @param input - any value.
 * @param options - see {@link ParseImplementationItemOptions}.
 * @returns `{ success: true, data, warnings }` or `{ success: false, error }` (error code `ERR_CATALOG_VALIDATION_FAILED`).
 * @throws {CatalogError} `ERR_CATALOG_PROFILE_UNKNOWN` for an unknown profile name.
 * @example
 * ```ts
 * const result = safeParseImplementationItem(record, { profile: 'vendor-common' });
 * if (!result.success) console.log(result.error.issues);
 * ```
 */
export function safeParseImplementationItem(
  input: unknown,
  options: ParseImplementationItemOptions = {},
): SafeParseImplementationItemResult {
  const { item, issues } = run(input, options);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0] as Issue;
    const where = first.path && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return {
      success: false,
      error: new CatalogValidationError(
        'ERR_CATALOG_VALIDATION_FAILED',
        `Invalid implementation item: ${errors.length} error(s); first ${first.code}${where}: ${first.message.en}`,
        issues,
      ),
    };
  }
  return {
    success: true,
    data: ImplementationItemSchema.parse(item),
    warnings: issues.filter((issue) => issue.severity === 'warning'),
  };
}

/**
 * Parse one implementation item, throwing when it has errors (see {@link safeParseImplementationItem}).
 *
 * @param input - any value.
 * @param options - see {@link ParseImplementationItemOptions}.
 * @returns the parsed item (defaults applied, unknown fields kept).
 * @throws {CatalogValidationError} `ERR_CATALOG_VALIDATION_FAILED` with every issue.
 * @throws {CatalogError} `ERR_CATALOG_PROFILE_UNKNOWN` for an unknown profile name.
 * @example
 * ```ts
 * const item = parseImplementationItem(JSON.parse(text));
 * ```
 */
export function parseImplementationItem(
  input: unknown,
  options: ParseImplementationItemOptions = {},
): ImplementationItem {
  const result = safeParseImplementationItem(input, options);
  if (!result.success) throw result.error;
  return result.data;
}
