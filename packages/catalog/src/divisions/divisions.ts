import { CatalogError } from '../errors';
import { DIVISION_VALID_FROM, RETIRED_DIVISIONS } from './changes';
import { DIVISION_DATA_SOURCE, DIVISION_ROWS } from './data.generated';
import { HENGYANG_FUNCTIONAL_ZONES } from './functional-zones';
import type { FunctionalZone } from './functional-zones';

/** Level of a division unit: 省级, 地级 or 县级. */
export type DivisionLevel = 'province' | 'prefecture' | 'county';

/** One province, prefecture or county-level unit of the bundled division data. */
export interface Division {
  /** Six-digit code (GB/T 2260, or an NBS statistical area code when `kind` is `statistical-area`). */
  code: string;
  /** Name, e.g. `衡阳县`. Prefecture rows of municipalities are named `市辖区`. */
  name: string;
  level: DivisionLevel;
  /** Code of the parent unit; absent for provinces. */
  parent?: string;
  /** `administrative` for GB/T 2260 units; `statistical-area` for NBS-only areas (经开区, 高新区 …; 5th digit 7). */
  kind: 'administrative' | 'statistical-area';
  /** Year or date the code came into use, when known. */
  validFrom?: string;
  /** Year or date the code was retired; absent for codes in use. */
  validTo?: string;
  /** Codes that took over a retired unit. */
  replacedBy?: string[];
}

/** Version information of the bundled division data. */
export const DIVISION_DATA_VERSION = {
  /** The data package the rows were generated from. */
  source: DIVISION_DATA_SOURCE,
  /** The NBS cut-off date of the source. */
  asOf: '2023-06-30',
  /** Number of retired codes added from the curated change list. */
  retiredCodes: RETIRED_DIVISIONS.length,
} as const;

let index: Map<string, Division> | undefined;

function levelOf(code: string): DivisionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

function buildIndex(): Map<string, Division> {
  const map = new Map<string, Division>();
  for (const line of DIVISION_ROWS.split('\n')) {
    const code = line.slice(0, 6);
    const level = levelOf(code);
    const division: Division = {
      code,
      name: line.slice(7),
      level,
      kind: level === 'county' && code[4] === '7' ? 'statistical-area' : 'administrative',
    };
    const validFrom = DIVISION_VALID_FROM[code];
    if (validFrom) division.validFrom = validFrom;
    map.set(code, division);
  }
  for (const retired of RETIRED_DIVISIONS) {
    map.set(retired.code, {
      code: retired.code,
      name: retired.name,
      level: levelOf(retired.code),
      kind: 'administrative',
      validTo: retired.validTo,
      replacedBy: [...retired.replacedBy],
    });
  }
  for (const division of map.values()) {
    if (division.level === 'province') continue;
    const province = `${division.code.slice(0, 2)}0000`;
    const prefecture = `${division.code.slice(0, 4)}00`;
    division.parent = division.level === 'county' && map.has(prefecture) ? prefecture : province;
  }
  return map;
}

function divisions(): Map<string, Division> {
  index ??= buildIndex();
  return index;
}

/** Internal, non-copying look-up for hot paths (validation). Not exported from the package. */
export function lookupDivision(code: string): Readonly<Division> | undefined {
  return divisions().get(code.length === 12 ? code.slice(0, 6) : code);
}

/**
 * Look up a six-digit division code in the bundled data (codes in use and curated retired codes).
 *
 * @param code - six digits, e.g. `430421`; a 12-digit statistical code is looked up by its first six digits.
 * @returns the unit, or `undefined` when the code is unknown. Retired units have `validTo`.
 * @example
 * ```ts
 * findDivision('430421')?.name;    // '衡阳县'
 * findDivision('430402')?.validTo; // '2001' (江东区, retired)
 * ```
 */
export function findDivision(code: string): Division | undefined {
  const key = typeof code === 'string' && /^\d{12}$/.test(code) ? code.slice(0, 6) : code;
  const found = divisions().get(key);
  return found === undefined
    ? undefined
    : { ...found, ...(found.replacedBy ? { replacedBy: [...found.replacedBy] } : {}) };
}

/** Options of {@link listDivisions}. */
export interface ListDivisionsOptions {
  /** Only direct children of this code. */
  parent?: string;
  /** Only units of this level. */
  level?: DivisionLevel;
  /**
   * Include retired codes.
   * @default false
   */
  includeRetired?: boolean;
  /**
   * Include NBS statistical areas (经开区, 高新区 …).
   * @default true
   */
  includeStatisticalAreas?: boolean;
}

/**
 * List units of the bundled division data, sorted by code.
 *
 * @param options - filters, see {@link ListDivisionsOptions}.
 * @returns copies of the matching units.
 * @example
 * ```ts
 * listDivisions({ parent: '430400', includeStatisticalAreas: false }).length; // 12 (衡阳市's county-level units)
 * ```
 */
export function listDivisions(options: ListDivisionsOptions = {}): Division[] {
  const out: Division[] = [];
  for (const division of divisions().values()) {
    if (options.parent !== undefined && division.parent !== options.parent) continue;
    if (options.level !== undefined && division.level !== options.level) continue;
    if (!options.includeRetired && division.validTo !== undefined) continue;
    if (options.includeStatisticalAreas === false && division.kind === 'statistical-area') continue;
    out.push({ ...division });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

const zones = new Map<string, FunctionalZone>(HENGYANG_FUNCTIONAL_ZONES.map((zone) => [zone.code, zone]));

/**
 * Look up a functional zone (功能区) without a GB/T 2260 code by its local code (bundled Hengyang zones and zones
 * added with {@link registerFunctionalZone}).
 *
 * @param code - the zone's local code, e.g. `430400-GXQ`.
 * @returns a copy of the zone or `undefined`.
 * @example
 * ```ts
 * findFunctionalZone('430400-GXQ')?.name; // '衡阳高新技术产业开发区'
 * ```
 */
export function findFunctionalZone(code: string): FunctionalZone | undefined {
  const zone = zones.get(code);
  return zone === undefined ? undefined : { ...zone };
}

/**
 * Add (or replace) a functional zone, e.g. another city's 高新区, so that items implemented by it validate
 * (`body.division: null`, `body.zoneCode`).
 *
 * @param zone - the zone; `parentDivision` must be a known division code.
 * @throws {CatalogError} `ERR_CATALOG_INPUT_INVALID` when the code is empty or the parent division is unknown.
 * @example
 * ```ts
 * registerFunctionalZone({ code: '430100-GXQ', name: '长沙高新技术产业开发区', parentDivision: '430100', source: 'local list' });
 * ```
 */
export function registerFunctionalZone(zone: FunctionalZone): void {
  if (typeof zone?.code !== 'string' || zone.code.trim() === '' || typeof zone.name !== 'string') {
    throw new CatalogError('ERR_CATALOG_INPUT_INVALID', 'registerFunctionalZone() needs a zone with a code and a name');
  }
  if (lookupDivision(zone.parentDivision) === undefined) {
    throw new CatalogError(
      'ERR_CATALOG_INPUT_INVALID',
      `Functional zone ${zone.code}: parent division "${zone.parentDivision}" is not in the bundled division data`,
    );
  }
  zones.set(zone.code, { ...zone });
}
