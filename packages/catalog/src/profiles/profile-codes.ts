import { CatalogError } from '../errors';
import { getProfile } from './profile';
import type { Profile, ProfileCodeSet } from './profile';

/** Where each code set lives in an item (`*` = every array element). */
const CODE_PATHS: ReadonlyArray<[ProfileCodeSet, readonly string[]]> = [
  ['itemType', ['type']],
  ['exerciseLevel', ['body', 'level']],
  ['exerciseLevel', ['jointBodies', '*', 'level']],
  ['serviceObject', ['serviceObjects', '*']],
  ['handlingForm', ['handlingForms', '*']],
  ['caseType', ['caseType']],
  ['powerSource', ['powerSource']],
  ['timeUnit', ['legalLimit', 'unit']],
  ['timeUnit', ['promisedLimit', 'unit']],
  ['timeUnit', ['process', '*', 'limit', 'unit']],
  ['timeUnit', ['specialProcedures', '*', 'maxDuration', 'unit']],
  ['materialSource', ['materials', '*', 'source']],
];

/** Key under `extensions` where the original raw codes of an imported record are kept. */
export const PROFILE_CODES_EXTENSION = 'x-profile-codes';

interface Recorded {
  profile: string;
  codes: Record<string, string>;
  addedExtensions?: boolean;
}

type Visitor = (value: string, pointer: string) => string;

function visit(node: unknown, path: readonly string[], pointer: string, visitor: Visitor): void {
  if (node === null || typeof node !== 'object') return;
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') {
    if (!Array.isArray(node)) return;
    node.forEach((child, index) => {
      if (rest.length === 0) {
        if (typeof child === 'string') node[index] = visitor(child, `${pointer}/${index}`);
      } else visit(child, rest, `${pointer}/${index}`, visitor);
    });
    return;
  }
  const record = node as Record<string, unknown>;
  if (rest.length === 0) {
    const value = record[head];
    if (typeof value === 'string') record[head] = visitor(value, `${pointer}/${head}`);
    else if (typeof value === 'number') record[head] = visitor(String(value), `${pointer}/${head}`);
    return;
  }
  visit(record[head], rest, `${pointer}/${head}`, visitor);
}

function clone<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch (cause) {
    throw new CatalogError(
      'ERR_CATALOG_INPUT_INVALID',
      'The record is not plain JSON-like data (it holds functions, symbols or other values that cannot be copied)',
      { cause },
    );
  }
}

/**
 * Convert a record that carries a platform's raw codes into model values (e.g. vendor 服务对象 `5` → `X_UNINCORPORATED`).
 * Raw codes that change are remembered under `extensions['x-profile-codes']`, so {@link toProfileCodes} restores them
 * exactly; every other field, known or not, is kept. Does not validate: run `validateCatalog` afterwards.
 *
 * @param record - an item-shaped object with raw codes (not modified).
 * @param profile - a registered profile name or a profile object.
 * @returns a new object with model values.
 * @throws {CatalogError} `ERR_CATALOG_PROFILE_UNKNOWN` for an unknown profile name; `ERR_CATALOG_INPUT_INVALID` when
 *   the record cannot be copied (functions, symbols).
 * @example
 * ```ts
 * const item = toModelCodes(vendorRecord, 'vendor-common');
 * item.serviceObjects; // ['X_UNINCORPORATED', '6'] for raw ['5', '7']
 * ```
 */
export function toModelCodes<T>(record: T, profile: string | Profile): T {
  const resolved = getProfile(profile);
  const copy = clone(record);
  if (copy === null || typeof copy !== 'object') return copy;
  const codes: Record<string, string> = {};
  for (const [set, path] of CODE_PATHS) {
    const map = resolved.toModel[set];
    if (!map) continue;
    visit(copy, path, '', (raw, pointer) => {
      const value = map[raw] ?? raw;
      if (value !== raw) codes[pointer] = raw;
      return value;
    });
  }
  if (Object.keys(codes).length > 0) {
    const target = copy as Record<string, unknown>;
    const hadExtensions = typeof target.extensions === 'object' && target.extensions !== null;
    const extensions = (hadExtensions ? target.extensions : {}) as Record<string, unknown>;
    const recorded: Recorded = { profile: resolved.name, codes, ...(hadExtensions ? {} : { addedExtensions: true }) };
    extensions[PROFILE_CODES_EXTENSION] = recorded;
    target.extensions = extensions;
  }
  return copy;
}

/**
 * Convert an item's model values into a platform's raw codes, the inverse of {@link toModelCodes}. Codes recorded at
 * import with the same profile are restored when the value was not changed since, so import → export is lossless.
 *
 * @param item - an item with model values (not modified).
 * @param profile - a registered profile name or a profile object.
 * @returns a new object with raw codes.
 * @throws {CatalogError} `ERR_CATALOG_PROFILE_UNKNOWN` for an unknown profile name; `ERR_CATALOG_INPUT_INVALID` when
 *   the item cannot be copied (functions, symbols).
 * @example
 * ```ts
 * toProfileCodes(toModelCodes(vendorRecord, 'vendor-common'), 'vendor-common'); // deep-equals vendorRecord
 * ```
 */
export function toProfileCodes<T>(item: T, profile: string | Profile): T {
  const resolved = getProfile(profile);
  const copy = clone(item);
  if (copy === null || typeof copy !== 'object') return copy;
  const target = copy as Record<string, unknown>;
  const extensions = target.extensions as Record<string, unknown> | undefined;
  const recorded = extensions?.[PROFILE_CODES_EXTENSION] as Recorded | undefined;
  const remembered = recorded?.profile === resolved.name ? recorded.codes : {};
  for (const [set, path] of CODE_PATHS) {
    const toModel = resolved.toModel[set] ?? {};
    const fromModel = resolved.fromModel[set] ?? {};
    visit(copy, path, '', (value, pointer) => {
      const raw = remembered[pointer];
      if (raw !== undefined && (toModel[raw] ?? raw) === value) return raw;
      return fromModel[value] ?? value;
    });
  }
  if (recorded !== undefined && extensions) {
    delete extensions[PROFILE_CODES_EXTENSION];
    if (recorded.addedExtensions && Object.keys(extensions).length === 0) delete target.extensions;
  }
  return copy;
}
