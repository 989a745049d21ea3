// Personal data (公民身份号码, mobile numbers) and secrets never reach the request log or error messages.

const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})(\d{8}|\d{6})(\d{3}[\dXx]?)(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Mask 15/18-digit ID numbers (keep 3 leading and 2 trailing characters) and mobile numbers (keep 3 + 4). */
export function maskText(text: string): string {
  return text
    .replace(ID_NUMBER, (match) => match.slice(0, 3) + '*'.repeat(match.length - 5) + match.slice(-2))
    .replace(MOBILE, (_match, head: string, _middle: string, tail: string) => `${head}****${tail}`);
}

const SECRET_KEYS = /secret|password|token|signature|querypassword/i;

/** Deep-copy a JSON value, masking personal data in strings and replacing secret-looking fields. */
export function maskValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[too deep]';
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((entry) => maskValue(entry, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) && typeof entry === 'string' ? '***' : maskValue(entry, depth + 1);
    }
    return out;
  }
  return value;
}
