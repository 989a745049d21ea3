/** How bad an {@link Issue} is: an `error` makes the input invalid, a `warning` does not. */
export type IssueSeverity = 'error' | 'warning';

/** A message in Chinese and English. */
export interface BilingualMessage {
  /** 中文说明. */
  zh: string;
  /** English text. */
  en: string;
}

/**
 * One problem found by a `check*` or `validate*` function. The same shape is used by every `@zwfw` package that
 * reports on data (catalog items, codes, certificate records).
 */
export interface Issue {
  /** Stable, machine-readable code, e.g. `USCC_CHECK_CHARACTER`. Public API: changes only in a major release. */
  code: string;
  /** `error` or `warning`. */
  severity: IssueSeverity;
  /** JSON path to the offending value, when the input is structured. */
  path?: (string | number)[];
  /** The code of the item the issue is about (implementation or basic code), in catalog-wide reports. */
  itemCode?: string;
  /** What is wrong and how to fix it, in Chinese and English. Never contains personal data in clear. */
  message: BilingualMessage;
}

/**
 * The result of every non-throwing `check*` function.
 *
 * @typeParam Parts - the decoded parts of a valid (or structurally readable) code.
 */
export interface CheckResult<Parts = undefined> {
  /** `true` when there is no issue of severity `error`. */
  valid: boolean;
  /** Every problem found, errors and warnings. */
  issues: Issue[];
  /** The code's decoded parts, when it could be read. */
  parts?: Parts;
}
