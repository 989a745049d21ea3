import { CatalogError } from '../errors';
import type { IssueSeverity } from '../issue';

/** Code sets a profile can map (raw platform code ↔ model value). */
export type ProfileCodeSet =
  | 'itemType'
  | 'exerciseLevel'
  | 'serviceObject'
  | 'handlingForm'
  | 'caseType'
  | 'timeUnit'
  | 'powerSource'
  | 'materialSource';

/** Severity of a validation rule under a profile; `off` disables it. */
export type RuleSeverity = IssueSeverity | 'off';

/**
 * A platform profile (catalog.md §7): code-set mappings, code lengths and rule severities. The model keeps semantic
 * values; a profile maps the raw codes a platform sends onto them and back.
 */
export interface Profile {
  /** Unique name, e.g. `vendor-common`. */
  name: string;
  /** Human description. */
  description: string;
  /**
   * Per code set: raw code → model value. Raw codes not listed are taken as model values unchanged when they are
   * valid model values.
   */
  toModel: Partial<Record<ProfileCodeSet, Readonly<Record<string, string>>>>;
  /**
   * Per code set: model value → raw code for export. Values not listed are exported unchanged. When a record was
   * imported with this profile, its original raw codes are preferred (exact round trip).
   */
  fromModel: Partial<Record<ProfileCodeSet, Readonly<Record<string, string>>>>;
  /** Maximum lengths of national codes; `exact` lengths are enforced by `IMPLEMENTATION_CODE_LAYOUT`. */
  lengths: { basicCode: number; implementationCode: number; handlingItemCode: number; exact: boolean };
  /** Severity overrides of validation rules (rule code → severity). */
  rules: Readonly<Record<string, RuleSeverity>>;
}

const invert = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).map(([raw, value]) => [value, raw]));

/** The default profile: GB/T 39046 Appendix A code sets and the observed 12/31/33 code lengths (§2). */
export const GB39554_OBSERVED_PROFILE: Profile = {
  name: 'gb39554-observed',
  description: 'GB/T 39046 Appendix A code sets; basic 12, implementation 31, handling item 33 (layout enforced)',
  toModel: {},
  fromModel: {},
  lengths: { basicCode: 12, implementationCode: 31, handlingItemCode: 33, exact: true },
  rules: {},
};

/** The literal reading of GB/T 39046—2020 table 4: basic code `an..10`, implementation code `an..24`. */
export const GB39046_2020_PROFILE: Profile = {
  name: 'gb39046-2020',
  description: 'literal GB/T 39046-2020: basic code up to 10, implementation code up to 24 characters',
  toModel: {},
  fromModel: {},
  lengths: { basicCode: 10, implementationCode: 24, handlingItemCode: 26, exact: false },
  rules: { IMPLEMENTATION_CODE_LAYOUT: 'off', HANDLING_ITEM_CODE_LAYOUT: 'off' },
};

/** Options of {@link createVendorCommonProfile}. */
export interface VendorCommonProfileOptions {
  /**
   * What raw exercise level `6` means: `village` (GB/T 39046 A.2) or `tiered` (分级管理, as one vendor sends it).
   * @default 'village'
   */
  level6?: 'village' | 'tiered';
}

/**
 * Build the `vendor-common` profile: the code set most vendors send (服务对象 5 非法人企业, 6 行政机关, 7/9 其他组织;
 * 办理形式 1 窗口, 2 网上, 3 快递; 时限单位 1 工作日), with a configurable meaning of exercise level `6`.
 *
 * @param options - see {@link VendorCommonProfileOptions}.
 * @returns the profile (register it with {@link registerProfile} to use it by name).
 * @example
 * ```ts
 * registerProfile({ ...createVendorCommonProfile({ level6: 'tiered' }), name: 'vendor-x' });
 * ```
 */
export function createVendorCommonProfile(options: VendorCommonProfileOptions = {}): Profile {
  const level6 = options.level6 === 'tiered' ? '7' : '6';
  return {
    name: 'vendor-common',
    description: `common vendor code sets; raw exercise level 6 = ${options.level6 === 'tiered' ? '分级管理' : '村(社区)级'}`,
    toModel: {
      serviceObject: { '5': 'X_UNINCORPORATED', '6': '5', '7': '6', '9': '6' },
      handlingForm: { '1': '1', '2': '2', '3': '4' },
      exerciseLevel: { '6': level6, ...(level6 === '7' ? { '7': '7' } : {}) },
      timeUnit: { '0': 'NATURAL_DAY', '1': 'WORKING_DAY', '2': 'MONTH', '3': 'YEAR' },
      caseType: { '3': '9', '4': '9' },
    },
    fromModel: {
      serviceObject: { X_UNINCORPORATED: '5', '5': '6', '6': '9' },
      handlingForm: { '3': '2', '4': '3' },
      exerciseLevel: level6 === '7' ? { '7': '6' } : {},
      timeUnit: { NATURAL_DAY: '0', WORKING_DAY: '1', MONTH: '2', YEAR: '3' },
    },
    lengths: { basicCode: 12, implementationCode: 31, handlingItemCode: 33, exact: true },
    rules: {},
  };
}

const NATIONAL_EVALUATION_TYPES: Record<string, string> = { '11': '20', '99': '10' };
/** The 好差评 (national evaluation) feed: item types other than 01,05,07,08,09,10,20 → 99, 11 → 20; time units 0–3. */
export const NATIONAL_EVALUATION_PROFILE: Profile = {
  name: 'national-evaluation',
  description:
    '好差评 feed: item types outside 01,05,07,08,09,10,20 sent as 99, 11 converted to 20; time units 0 天 1 工作日 2 月 3 年',
  toModel: {
    itemType: NATIONAL_EVALUATION_TYPES,
    timeUnit: { '0': 'NATURAL_DAY', '1': 'WORKING_DAY', '2': 'MONTH', '3': 'YEAR' },
    serviceObject: { '5': 'X_UNINCORPORATED', '6': '5', '7': '6', '9': '6' },
  },
  fromModel: {
    itemType: { '00': '99', '02': '99', '03': '99', '04': '99', '06': '99', X_FILING: '99' },
    timeUnit: { NATURAL_DAY: '0', WORKING_DAY: '1', MONTH: '2', YEAR: '3' },
    serviceObject: invert({ '5': 'X_UNINCORPORATED', '6': '5', '9': '6' }),
  },
  lengths: { basicCode: 12, implementationCode: 31, handlingItemCode: 33, exact: true },
  rules: {},
};

const registry = new Map<string, Profile>(
  [GB39554_OBSERVED_PROFILE, GB39046_2020_PROFILE, createVendorCommonProfile(), NATIONAL_EVALUATION_PROFILE].map(
    (profile) => [profile.name, profile],
  ),
);

/** Name of the default profile. */
export const DEFAULT_PROFILE = 'gb39554-observed';

/**
 * Register (or replace) a profile so that functions accept it by name.
 *
 * @param profile - the profile.
 * @throws {CatalogError} `ERR_CATALOG_INPUT_INVALID` when the profile has no name.
 * @example
 * ```ts
 * registerProfile({ ...GB39554_OBSERVED_PROFILE, name: 'hunan', rules: { LICENSING_WITHOUT_FAQ: 'off' } });
 * ```
 */
export function registerProfile(profile: Profile): void {
  if (typeof profile?.name !== 'string' || profile.name.length === 0) {
    throw new CatalogError('ERR_CATALOG_INPUT_INVALID', 'registerProfile() needs a profile with a non-empty name');
  }
  registry.set(profile.name, profile);
}

/**
 * Resolve a profile given by name or as an object.
 *
 * @param profile - a registered name or a profile object; omitted → the default profile.
 * @returns the profile.
 * @throws {CatalogError} `ERR_CATALOG_PROFILE_UNKNOWN` when no profile of that name is registered.
 * @example
 * ```ts
 * getProfile('vendor-common').toModel.serviceObject?.['5']; // 'X_UNINCORPORATED'
 * ```
 */
export function getProfile(profile: string | Profile = DEFAULT_PROFILE): Profile {
  if (typeof profile !== 'string') return profile;
  const found = registry.get(profile);
  if (!found) {
    throw new CatalogError(
      'ERR_CATALOG_PROFILE_UNKNOWN',
      `Unknown profile "${profile}"; registered: ${[...registry.keys()].join(', ')}. Register it with registerProfile() first`,
    );
  }
  return found;
}
