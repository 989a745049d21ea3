// 18-character resident ID (last may be X) or 15-digit legacy ID; mainland mobile numbers. A USCC is not personal.
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])|(?<!\d)(\d{6})\d{6}(\d{3})(?!\d)/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/**
 * Masks personal data in free text: resident ID numbers (18 or 15 digits) keep their 6-digit address code and last
 * 4 (or 3) characters, mobile numbers their first 3 and last 4 digits. Every `@zwfw` package that logs, reports or
 * prints applicant data passes it through this function first.
 *
 * @param text - any text, e.g. a log line, an error message or a URL.
 * @returns the text with ID and mobile numbers masked; everything else unchanged.
 * @example
 * ```ts
 * maskPersonalData('申请人 430421199001011234，电话 13812345678');
 * // '申请人 430421********1234，电话 138****5678'
 * ```
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(ID_NUMBER, (_match, a, b, c, d) => (a ? `${a}********${b}` : `${c}******${d}`))
    .replace(MOBILE, '$1****$2');
}
