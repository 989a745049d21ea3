// Personal data (公民身份号码, mobile numbers) and secrets never reach the request log or error messages.

import { maskPersonalData } from '@zwfw/catalog';

/** Mask 15/18-digit ID numbers (`430421********1234`) and mobile numbers (`138****5678`): the catalog's masking. */
export const maskText: (text: string) => string = maskPersonalData;

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
