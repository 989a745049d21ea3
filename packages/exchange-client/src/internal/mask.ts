// Masking of personal data and secrets in log fields and error messages.

import { maskPersonalData } from '@zwfw/catalog';

const SENSITIVE_KEY = /secret|password|token|signature|authorization|idnumber|holdercode|phone|mobile|querypassword/i;

/** Replace ID numbers and phone numbers in free text by masked forms (`430421********1234`, `138****5678`). */
export const maskText: (text: string) => string = maskPersonalData;

/** Mask a single sensitive value, keeping a hint of its shape. */
export function maskValue(value: string): string {
  if (value.length <= 4) return '****';
  return `${value.slice(0, 2)}${'*'.repeat(Math.min(8, value.length - 4))}${value.slice(-2)}`;
}

/** Deep copy of a JSON-like value with sensitive keys masked and free text scrubbed. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((entry) => maskDeep(entry, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    out[key] = typeof entry === 'string' && SENSITIVE_KEY.test(key) ? maskValue(entry) : maskDeep(entry, depth + 1);
  }
  return out;
}

/** Mask query-string values of sensitive parameters in a URL (`holderCode=…`). */
export function maskUrl(url: string): string {
  return maskText(
    url.replace(/([?&])([^=&]+)=([^&]*)/g, (match, sep, key, value) =>
      SENSITIVE_KEY.test(decodeURIComponent(key)) ? `${sep}${key}=${maskValue(decodeURIComponent(value))}` : match,
    ),
  );
}
