import { CertificateError } from '../errors';

/** The scope a serial number is unique and monotonic in: one certificate type at one issuer. */
export interface SerialScope {
  /** 证照类型代码. */
  typeCode: string;
  /** 证照颁发机构代码. */
  issuerCode: string;
}

/**
 * Source of 流水号 serials. Implementations must return strictly increasing serials per scope, using only `0-9A-Z`,
 * and must never return the same serial twice for a scope (back it with a database sequence in production).
 */
export interface SerialCounter {
  /**
   * Reserve the next serial for `scope`.
   *
   * @param scope - type code and issuer code.
   * @returns the serial (`0-9A-Z`).
   */
  next(scope: SerialScope): string | Promise<string>;
}

/** Options of {@link createMemorySerialCounter}. */
export interface MemorySerialCounterOptions {
  /**
   * Fixed prefix, `0-9A-Z` (e.g. `HY2025`).
   * @defaultValue `''`
   */
  prefix?: string;
  /**
   * Zero-padded width of the number part. The counter refuses to overflow it (ordering would break).
   * @defaultValue `6`
   */
  width?: number;
  /**
   * Last serial number already used per scope key `${typeCode}.${issuerCode}`, e.g. restored from storage.
   * @defaultValue `{}` (numbering starts at 1)
   */
  lastUsed?: Record<string, number>;
}

/**
 * An in-memory {@link SerialCounter}: `prefix + zero-padded number`, counted per type and issuer. Good for tests and
 * single-process batches; it forgets its state on exit, so persist `snapshot()` or use a database sequence.
 *
 * @param options - prefix, width and restored state.
 * @returns the counter, with `snapshot()` giving the last number used per scope.
 * @throws CertificateError `ERR_CERTIFICATE_INPUT_INVALID` for a prefix outside `0-9A-Z` or a width outside 1–32,
 *   and from `next()` when the width is exhausted.
 * @example
 * ```ts
 * const counter = createMemorySerialCounter({ prefix: 'HY2025', width: 6 });
 * counter.next({ typeCode: '11100000000013338W032', issuerCode: '114304001000001120' }); // 'HY2025000001'
 * ```
 */
export function createMemorySerialCounter(
  options: MemorySerialCounterOptions = {},
): SerialCounter & { snapshot(): Record<string, number> } {
  const prefix = options.prefix ?? '';
  const width = options.width ?? 6;
  if (!/^[0-9A-Z]*$/.test(prefix)) {
    throw new CertificateError('ERR_CERTIFICATE_INPUT_INVALID', 'Serial prefix may only contain 0-9 and A-Z');
  }
  if (!Number.isInteger(width) || width < 1 || width > 32) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `Serial width must be an integer 1–32, got ${String(width)}`,
    );
  }
  const last = new Map<string, number>(Object.entries(options.lastUsed ?? {}));
  const limit = 10 ** Math.min(width, 15) - 1;
  return {
    next({ typeCode, issuerCode }) {
      const key = `${typeCode}.${issuerCode}`;
      const value = (last.get(key) ?? 0) + 1;
      if (value > limit) {
        throw new CertificateError(
          'ERR_CERTIFICATE_INPUT_INVALID',
          `Serial counter for ${key} is exhausted at width ${width}; use a larger width or a new prefix`,
        );
      }
      last.set(key, value);
      return `${prefix}${String(value).padStart(width, '0')}`;
    },
    snapshot: () => Object.fromEntries(last),
  };
}
