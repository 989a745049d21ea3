import { SealError } from '../errors';

/** Nesting depth at which {@link canonicalizeJson} gives up: hostile payloads must not exhaust the stack. */
export const MAX_JSON_DEPTH = 256;

/**
 * Serializes a JSON value in the RFC 8785 JSON Canonicalization Scheme (JCS): object members sorted by their UTF-16
 * code units, no whitespace, ECMAScript number and string serialization. Two parties that hold the same data get
 * byte-identical text, so a signature over the canonical form survives re-serialization.
 *
 * The input must be I-JSON (RFC 7493): plain objects, arrays, strings, finite numbers, booleans and `null`. A value
 * with a `toJSON()` method (a `Date`) is replaced by its result first, as `JSON.stringify` does.
 *
 * @param value - the JSON value to canonicalize.
 * @returns the canonical JSON text (encode it as UTF-8 to sign it).
 * @throws {@link SealError} `ERR_SEAL_INPUT_INVALID` when the value is not I-JSON: `undefined`, a function, a symbol,
 *   a bigint, `NaN`/`Infinity`, a string with a lone surrogate, a cycle, or nesting deeper than {@link MAX_JSON_DEPTH}.
 * @example
 * ```ts
 * canonicalizeJson({ b: [1e30, 4.50], a: '€' }); // '{"a":"€","b":[1e+30,4.5]}'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8785
 */
export function canonicalizeJson(value: unknown): string {
  return serialize(value, '$', new Set<object>());
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialize(input: unknown, path: string, ancestors: Set<object>): string {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw invalid(path, `the number ${String(value)}`, 'JSON has no NaN or Infinity; encode it as a string');
      }
      // ECMAScript Number::toString is exactly the RFC 8785 number format (-0 prints as 0).
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) {
        throw invalid(path, 'a string with a lone UTF-16 surrogate', 'I-JSON strings must be valid Unicode');
      }
      // JSON.stringify escapes exactly what RFC 8785 §3.2.2.2 requires, with lowercase hex.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw invalid(
        path,
        `a value of type ${typeof value}`,
        'use only objects, arrays, strings, numbers, booleans, null',
      );
  }
  const object = value as object;
  if (ancestors.has(object)) throw invalid(path, 'a circular reference', 'remove the cycle');
  if (ancestors.size >= MAX_JSON_DEPTH) {
    throw invalid(path, `nesting deeper than ${MAX_JSON_DEPTH} levels`, 'flatten the payload');
  }
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${object.map((item, index) => serialize(item, `${path}[${index}]`, ancestors)).join(',')}]`;
  } else {
    // Array.prototype.sort without a comparator orders by UTF-16 code units, which is what RFC 8785 §3.2.3 asks.
    const keys = Object.keys(object).sort();
    const members = keys.map((key) => {
      if (LONE_SURROGATE.test(key)) {
        throw invalid(path, 'a member name with a lone UTF-16 surrogate', 'I-JSON names must be valid Unicode');
      }
      return `${JSON.stringify(key)}:${serialize((object as Record<string, unknown>)[key], `${path}.${key}`, ancestors)}`;
    });
    text = `{${members.join(',')}}`;
  }
  ancestors.delete(object);
  return text;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function invalid(path: string, found: string, fix: string): SealError {
  return new SealError(
    'ERR_SEAL_INPUT_INVALID',
    `canonicalizeJson(): ${path} is ${found}, which RFC 8785 cannot serialize; ${fix}.`,
  );
}
