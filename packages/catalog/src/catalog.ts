import { CatalogError, CatalogValidationError } from './errors';
import { makeIssue } from './internal/issues';
import type { Issue } from './issue';
import { BasicItemSchema } from './schemas/basic-item';
import type { BasicItem, BasicItemInput } from './schemas/basic-item';
import { ENUM_LABELS } from './schemas/enums';
import type { ExerciseLevel, ItemType } from './schemas/enums';
import type { ImplementationItem, ImplementationItemInput } from './schemas/implementation-item';
import { ParallelApprovalGroupSchema } from './schemas/parallel-approval-group';
import type { ParallelApprovalGroup, ParallelApprovalGroupInput } from './schemas/parallel-approval-group';
import { validateItems } from './validate-catalog';
import type { ValidateCatalogOptions } from './validate-catalog';

/** Input of {@link Catalog.from}: items, or a whole catalog document. */
export interface CatalogSource {
  items: readonly ImplementationItemInput[] | readonly unknown[];
  basicItems?: readonly BasicItemInput[] | readonly unknown[];
  parallelGroups?: readonly ParallelApprovalGroupInput[] | readonly unknown[];
}

/** Options of {@link Catalog.from}. */
export interface CatalogOptions extends ValidateCatalogOptions {
  /**
   * What to do with items that have validation errors: `throw` (a `CatalogValidationError` listing them) or `skip`
   * them (see {@link Catalog.rejected}).
   * @default 'throw'
   */
  onInvalid?: 'throw' | 'skip';
}

/** Filters of {@link Catalog.query}; all given filters must match. */
export interface CatalogQuery {
  /** Implementing body: USCC or exact name. */
  department?: string;
  /** Six-digit division of the body, or a functional-zone code. */
  division?: string;
  type?: ItemType;
  /** Exercise level of the body (`3` city, `4` county …). */
  level?: ExerciseLevel;
  /** Topic (主题) for natural or legal persons. */
  topic?: string;
  basicCode?: string;
}

/** One row of {@link CatalogStatistics.matrix}. */
export interface CatalogStatisticsRow {
  level: ExerciseLevel;
  type: ItemType;
  count: number;
}

/** Counts of a catalog. */
export interface CatalogStatistics {
  total: number;
  byType: Partial<Record<ItemType, number>>;
  byLevel: Partial<Record<ExerciseLevel, number>>;
  /** Per implementing body (USCC), with its name and counts by type. */
  byDepartment: Array<{ uscc: string; name: string; count: number; byType: Partial<Record<ItemType, number>> }>;
  /** Per division (or functional-zone code). */
  byDivision: Array<{ division: string; count: number; byType: Partial<Record<ItemType, number>> }>;
  /** Level × type. */
  matrix: CatalogStatisticsRow[];
  /** Readable lines per level, e.g. `市级: 176 行政许可 + 111 公共服务`. */
  summary: string[];
}

/** One field-level change found by {@link Catalog.diff}. */
export interface FieldChange {
  /** Path inside the item; array elements with a unique `name` are addressed by that name. */
  path: (string | number)[];
  /** Value in this catalog (`undefined` when added). */
  before: unknown;
  /** Value in the other catalog (`undefined` when removed). */
  after: unknown;
}

/** Result of {@link Catalog.diff}: from this catalog to the other one. */
export interface CatalogDiff {
  added: ImplementationItem[];
  removed: ImplementationItem[];
  changed: Array<{ code: string; name: string; changes: FieldChange[] }>;
  unchangedCount: number;
}

/** Result of {@link Catalog.checkAgainstDirectory}. */
export interface DirectoryCheckReport {
  /** Active basic items that the catalog does not implement (at the given level, when one is given). */
  missing: BasicItem[];
  /** Implementation items whose basic code is not in the directory. */
  extra: ImplementationItem[];
  /** `DIRECTORY_UNKNOWN_BASIC_CODE`, `DIRECTORY_NAME_MISMATCH`, `DIRECTORY_TYPE_MISMATCH`, `DIRECTORY_LEVEL_MISMATCH`. */
  issues: Issue[];
}

/** A count with its share of all items (0–1). */
export interface ShareCount {
  count: number;
  share: number;
}

/** Result of {@link Catalog.readiness}. */
export interface ReadinessReport {
  itemCount: number;
  /** 最多跑一次: at most one on-site visit. */
  atMostOneVisit: ShareCount;
  /** 零跑动/全程网办: no visit and full online capability (PROCESS + RESULT_FEEDBACK). */
  zeroVisitFullOnline: ShareCount;
  /** 即办件. */
  immediate: ShareCount;
  /** Promised vs legal time limits, over items whose two limits share a unit and whose legal limit is > 0. */
  timeLimitReduction: { comparableItems: number; legalTotal: number; promisedTotal: number; averageReduction: number };
  /** 材料复用: government-issued materials mapped to an e-certificate type, by type code. */
  materialReuse: Array<{
    certificateTypeCode: string;
    materialNames: string[];
    itemCount: number;
    itemCodes: string[];
  }>;
  /** Government-issued materials without an e-certificate type code (candidates to map), by name. */
  unmappedGovernmentMaterials: Array<{ materialName: string; itemCount: number }>;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function keyOf(item: ImplementationItem): string {
  return item.handlingItemCode ?? item.implementationCode;
}

function increment<K extends string>(record: Partial<Record<K, number>>, key: K): void {
  record[key] = (record[key] ?? 0) + 1;
}

function share(count: number, total: number): ShareCount {
  return { count, share: total === 0 ? 0 : count / total };
}

function uniqueNames(values: unknown[]): string[] | undefined {
  const names: string[] = [];
  for (const value of values) {
    const name = (value as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return undefined;
    names.push(name);
  }
  return new Set(names).size === names.length ? names : undefined;
}

function compare(before: unknown, after: unknown, path: (string | number)[], out: FieldChange[]): void {
  if (Object.is(before, after)) return;
  const objects = before !== null && after !== null && typeof before === 'object' && typeof after === 'object';
  if (!objects) {
    out.push({ path, before, after });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const beforeNames = uniqueNames(before);
    const afterNames = uniqueNames(after);
    if (beforeNames && afterNames) {
      const keys = [...new Set([...beforeNames, ...afterNames])];
      for (const key of keys) {
        const index = beforeNames.indexOf(key);
        const otherIndex = afterNames.indexOf(key);
        compare(
          index < 0 ? undefined : before[index],
          otherIndex < 0 ? undefined : after[otherIndex],
          [...path, key],
          out,
        );
      }
      return;
    }
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) compare(before[i], after[i], [...path, i], out);
    return;
  }
  if (Array.isArray(before) !== Array.isArray(after)) {
    out.push({ path, before, after });
    return;
  }
  const left = before as Record<string, unknown>;
  const right = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)]))
    compare(left[key], right[key], [...path, key], out);
}

const LEVEL_PREFIX: Record<string, string> = {
  '1': '国家级',
  '2': '省级',
  '3': '市级',
  '4': '县级',
  '5': '乡镇级',
  '6': '村级',
  '7': '分级管理',
};

/**
 * An immutable catalog of implementation items (实施清单) with look-ups, statistics, a field-level diff, a check
 * against the basic directory and a readiness report. Build it with {@link Catalog.from}.
 *
 * @example
 * ```ts
 * const catalog = Catalog.from(JSON.parse(text));          // a CatalogDocument or { items }
 * catalog.get('11430400MB1234567X3000104002000')?.name;
 * catalog.query({ division: '430421', type: '01' }).length;
 * catalog.statistics().summary;                           // ['市级: 30 行政许可 + 3 公共服务 …', …]
 * catalog.readiness().atMostOneVisit.share;
 * ```
 */
export class Catalog {
  /** Every item, frozen, in input order. */
  readonly items: readonly ImplementationItem[];
  /** The basic directory given with the items (frozen). */
  readonly basicItems: readonly BasicItem[];
  /** The parallel-approval groups given with the items (frozen). */
  readonly parallelGroups: readonly ParallelApprovalGroup[];
  /** Items skipped with `onInvalid: 'skip'`, with their errors. */
  readonly rejected: readonly { index: number; issues: Issue[] }[];
  readonly #byCode = new Map<string, ImplementationItem>();
  readonly #indexes = new Map<string, Map<string, ImplementationItem[]>>();

  private constructor(
    items: ImplementationItem[],
    basicItems: BasicItem[],
    parallelGroups: ParallelApprovalGroup[],
    rejected: { index: number; issues: Issue[] }[],
  ) {
    this.items = deepFreeze(items);
    this.basicItems = deepFreeze(basicItems);
    this.parallelGroups = deepFreeze(parallelGroups);
    this.rejected = deepFreeze(rejected);
    for (const item of items) {
      this.#byCode.set(keyOf(item), item);
      if (!this.#byCode.has(item.implementationCode)) this.#byCode.set(item.implementationCode, item);
    }
    Object.freeze(this);
  }

  /**
   * Build a catalog: validates every item with {@link validateCatalog} (schema + rules), parses the basic items and
   * groups, and freezes everything.
   *
   * @param source - a {@link CatalogSource} (e.g. a parsed `CatalogDocument`) or an array of items.
   * @param options - validation options and `onInvalid`; see {@link CatalogOptions}.
   * @returns the catalog.
   * @throws {CatalogValidationError} `ERR_CATALOG_VALIDATION_FAILED` when an item has errors (and `onInvalid` is
   *   `throw`; duplicate codes are such errors), or a basic item or group does not match its schema.
   * @throws {CatalogError} `ERR_CATALOG_INPUT_INVALID` when `source` is neither an array nor an object with `items`.
   * @example
   * ```ts
   * const catalog = Catalog.from(document, { onInvalid: 'skip', rules: { NAME_LOCALISED: 'off' } });
   * catalog.rejected.length;
   * ```
   */
  static from(source: CatalogSource | readonly unknown[], options: CatalogOptions = {}): Catalog {
    const normalised: CatalogSource = Array.isArray(source)
      ? { items: source }
      : ((source as CatalogSource | null | undefined) ?? { items: undefined as never });
    if (!Array.isArray(normalised.items)) {
      throw new CatalogError(
        'ERR_CATALOG_INPUT_INVALID',
        'Catalog.from() needs an array of items or an object with an "items" array (a CatalogDocument)',
      );
    }
    const { report, parsed } = validateItems(normalised.items, options, true);
    const failing = new Map<number, Issue[]>();
    for (const issue of report.errors) {
      const index = issue.path?.[0] as number;
      failing.set(index, [...(failing.get(index) ?? []), issue]);
    }
    if (failing.size > 0 && options.onInvalid !== 'skip') {
      const first = report.errors[0] as Issue;
      throw new CatalogValidationError(
        'ERR_CATALOG_VALIDATION_FAILED',
        `${failing.size} of ${report.itemCount} items have errors (first: item ${first.itemCode ?? first.path?.[0]} ${first.code}: ${first.message.en}); fix them or pass onInvalid: 'skip'`,
        report.errors,
      );
    }
    const items: ImplementationItem[] = [];
    parsed.forEach((item, index) => {
      if (item !== undefined && !failing.has(index)) items.push(item);
    });
    const parseAll = <T>(
      values: readonly unknown[] | undefined,
      schema: {
        safeParse(v: unknown): {
          success: boolean;
          data?: T;
          error?: { issues: { path: PropertyKey[]; message: string }[] };
        };
      },
      what: string,
    ): T[] =>
      (values ?? []).map((value, index) => {
        const parsed = schema.safeParse(value);
        if (!parsed.success) {
          const issues = (parsed.error?.issues ?? []).map((issue) =>
            makeIssue(
              'SCHEMA',
              'error',
              `${what}[${index}].${issue.path.join('.')}：${issue.message}`,
              `${what}[${index}].${issue.path.join('.')}: ${issue.message}`,
              [what, index, ...issue.path.filter((key): key is string | number => typeof key !== 'symbol')],
            ),
          );
          throw new CatalogValidationError(
            'ERR_CATALOG_VALIDATION_FAILED',
            `${what}[${index}] does not match its schema (${issues[0]?.message.en ?? 'invalid'})`,
            issues,
          );
        }
        return parsed.data as T;
      });
    return new Catalog(
      items,
      parseAll<BasicItem>(normalised.basicItems, BasicItemSchema, 'basicItems'),
      parseAll<ParallelApprovalGroup>(normalised.parallelGroups, ParallelApprovalGroupSchema, 'parallelGroups'),
      [...failing].map(([index, issues]) => ({ index, issues })),
    );
  }

  /** Number of items. */
  get size(): number {
    return this.items.length;
  }

  /**
   * Find an item by its handling-item code or implementation code.
   *
   * @param code - the code.
   * @returns the item or `undefined`.
   * @example
   * ```ts
   * catalog.get(code)?.promisedLimit.value;
   * ```
   */
  get(code: string): ImplementationItem | undefined {
    return this.#byCode.get(code);
  }

  #index(name: string, keys: (item: ImplementationItem) => string[]): Map<string, ImplementationItem[]> {
    let index = this.#indexes.get(name);
    if (!index) {
      index = new Map();
      for (const item of this.items) {
        for (const key of keys(item)) {
          const list = index.get(key);
          if (list) list.push(item);
          else index.set(key, [item]);
        }
      }
      this.#indexes.set(name, index);
    }
    return index;
  }

  /**
   * Items matching every given filter (department, division, type, level, topic, basic code), in catalog order.
   *
   * @param query - see {@link CatalogQuery}; an empty query returns every item.
   * @returns the matching items.
   * @example
   * ```ts
   * catalog.query({ department: '衡阳县市场监督管理局', type: '01' });
   * ```
   */
  query(query: CatalogQuery = {}): ImplementationItem[] {
    const lists: ImplementationItem[][] = [];
    const add = (name: string, value: string | undefined, keys: (item: ImplementationItem) => string[]) => {
      if (value !== undefined) lists.push(this.#index(name, keys).get(value) ?? []);
    };
    add('department', query.department, (item) => [item.body.uscc, item.body.name]);
    add('division', query.division, (item) => [item.body.division ?? item.body.zoneCode ?? '']);
    add('type', query.type, (item) => [item.type]);
    add('level', query.level, (item) => [item.body.level]);
    add('topic', query.topic, (item) => [...(item.themes?.naturalPerson ?? []), ...(item.themes?.legalPerson ?? [])]);
    add('basicCode', query.basicCode, (item) => [item.basicCode]);
    if (lists.length === 0) return [...this.items];
    const sets = lists.slice(1).map((list) => new Set(list));
    return (lists[0] as ImplementationItem[]).filter((item) => sets.every((set) => set.has(item)));
  }

  /**
   * Counts by type, level, department and division, a level × type matrix and readable summary lines.
   *
   * @returns the statistics.
   * @example
   * ```ts
   * catalog.statistics().summary; // ['市级: 20 行政许可 + 2 公共服务 + …', '县级: …']
   * ```
   */
  statistics(): CatalogStatistics {
    const byType: Partial<Record<ItemType, number>> = {};
    const byLevel: Partial<Record<ExerciseLevel, number>> = {};
    const departments = new Map<string, CatalogStatistics['byDepartment'][number]>();
    const divisions = new Map<string, CatalogStatistics['byDivision'][number]>();
    const matrix = new Map<string, CatalogStatisticsRow>();
    for (const item of this.items) {
      increment(byType, item.type);
      increment(byLevel, item.body.level);
      const department = departments.get(item.body.uscc) ?? {
        uscc: item.body.uscc,
        name: item.body.name,
        count: 0,
        byType: {},
      };
      department.count++;
      increment(department.byType, item.type);
      departments.set(item.body.uscc, department);
      const divisionKey = item.body.division ?? item.body.zoneCode ?? '';
      const division = divisions.get(divisionKey) ?? { division: divisionKey, count: 0, byType: {} };
      division.count++;
      increment(division.byType, item.type);
      divisions.set(divisionKey, division);
      const cell = `${item.body.level}|${item.type}`;
      const row = matrix.get(cell) ?? { level: item.body.level, type: item.type, count: 0 };
      row.count++;
      matrix.set(cell, row);
    }
    const rows = [...matrix.values()].sort((a, b) => a.level.localeCompare(b.level) || b.count - a.count);
    const summary: string[] = [];
    for (const level of Object.keys(byLevel).sort()) {
      const parts = rows
        .filter((row) => row.level === level)
        .map((row) => `${row.count} ${ENUM_LABELS.itemType[row.type]}`);
      summary.push(`${LEVEL_PREFIX[level] ?? level}: ${parts.join(' + ')}`);
    }
    return {
      total: this.items.length,
      byType,
      byLevel,
      byDepartment: [...departments.values()].sort((a, b) => b.count - a.count || a.uscc.localeCompare(b.uscc)),
      byDivision: [...divisions.values()].sort((a, b) => a.division.localeCompare(b.division)),
      matrix: rows,
      summary,
    };
  }

  /**
   * Compare this catalog with another (e.g. the local library with the province's): items added, removed and
   * changed, with field-level changes. Items are matched by handling-item code, else implementation code.
   *
   * @param other - the newer catalog.
   * @returns the differences from this catalog to `other`.
   * @example
   * ```ts
   * const { changed } = local.diff(provincial);
   * changed[0]?.changes; // [{ path: ['promisedLimit', 'value'], before: 10, after: 5 }]
   * ```
   */
  diff(other: Catalog): CatalogDiff {
    const added: ImplementationItem[] = [];
    const removed: ImplementationItem[] = [];
    const changed: CatalogDiff['changed'] = [];
    let unchangedCount = 0;
    const theirs = new Map(other.items.map((item) => [keyOf(item), item]));
    const ours = new Set<string>();
    for (const item of this.items) {
      const key = keyOf(item);
      ours.add(key);
      const counterpart = theirs.get(key);
      if (!counterpart) {
        removed.push(item);
        continue;
      }
      const changes: FieldChange[] = [];
      compare(item, counterpart, [], changes);
      if (changes.length === 0) unchangedCount++;
      else changed.push({ code: key, name: counterpart.name, changes });
    }
    for (const item of other.items) if (!ours.has(keyOf(item))) added.push(item);
    return { added, removed, changed, unchangedCount };
  }

  /**
   * Check the implementation items against a basic directory (基本目录): missing items, extra items, and mismatched
   * names, types and levels.
   *
   * @param directory - basic items; defaults to {@link Catalog.basicItems}.
   * @param options - `level`: only report basic items missing at this exercise level (default: any level).
   * @returns the report; issues carry `itemCode` and a path `[index, field]` into {@link Catalog.items}.
   * @throws {CatalogValidationError} `ERR_CATALOG_VALIDATION_FAILED` when `directory` entries do not match
   *   {@link BasicItemSchema}.
   * @example
   * ```ts
   * const { missing, extra, issues } = catalog.checkAgainstDirectory(undefined, { level: '4' });
   * ```
   */
  checkAgainstDirectory(
    directory?: readonly (BasicItem | BasicItemInput)[],
    options: { level?: ExerciseLevel } = {},
  ): DirectoryCheckReport {
    const basics =
      directory === undefined
        ? this.basicItems
        : directory.map((value, index) => {
            const parsed = BasicItemSchema.safeParse(value);
            if (!parsed.success) {
              throw new CatalogValidationError(
                'ERR_CATALOG_VALIDATION_FAILED',
                `directory[${index}] is not a basic item (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
                [],
              );
            }
            return parsed.data;
          });
    const byCode = new Map(basics.map((basic) => [basic.basicCode, basic]));
    const issues: Issue[] = [];
    const extra: ImplementationItem[] = [];
    const implemented = new Set<string>();
    this.items.forEach((item, index) => {
      const issue = (code: string, field: string, zh: string, en: string) =>
        issues.push({ ...makeIssue(code, 'error', zh, en, [index, field]), itemCode: keyOf(item) });
      const basic = byCode.get(item.basicCode);
      if (!basic) {
        extra.push(item);
        issue(
          'DIRECTORY_UNKNOWN_BASIC_CODE',
          'basicCode',
          `基本编码 ${item.basicCode} 不在基本目录中`,
          `Basic code ${item.basicCode} is not in the basic directory`,
        );
        return;
      }
      if (options.level === undefined || item.body.level === options.level) implemented.add(item.basicCode);
      if (basic.name !== item.name) {
        issue(
          'DIRECTORY_NAME_MISMATCH',
          'name',
          `事项名称“${item.name}”与基本目录“${basic.name}”不一致`,
          `Item name "${item.name}" differs from the directory name "${basic.name}"`,
        );
      }
      if (basic.type !== item.type) {
        issue(
          'DIRECTORY_TYPE_MISMATCH',
          'type',
          `事项类型 ${item.type} 与基本目录 ${basic.type} 不一致`,
          `Item type ${item.type} differs from the directory type ${basic.type}`,
        );
      }
      if (!basic.exerciseLevels.includes(item.body.level)) {
        issue(
          'DIRECTORY_LEVEL_MISMATCH',
          'body',
          `基本目录未将层级 ${item.body.level} 列为行使层级（${basic.exerciseLevels.join('、')}）`,
          `The directory does not list level ${item.body.level} for this item (levels ${basic.exerciseLevels.join(', ')})`,
        );
      }
    });
    const missing = basics.filter(
      (basic) =>
        basic.status === 'ACTIVE' &&
        !implemented.has(basic.basicCode) &&
        (options.level === undefined || basic.exerciseLevels.includes(options.level)),
    );
    return { missing, extra, issues };
  }

  /**
   * Readiness of the catalog for the reform targets: 最多跑一次, 零跑动/全程网办, 即办件 share, promised vs legal time
   * limits, and 材料复用 candidates (government-issued materials mapped to e-certificate types).
   *
   * @returns the report.
   * @example
   * ```ts
   * const readiness = catalog.readiness();
   * `${(readiness.atMostOneVisit.share * 100).toFixed(1)} % 最多跑一次`;
   * ```
   */
  readiness(): ReadinessReport {
    const total = this.items.length;
    let atMostOne = 0;
    let zero = 0;
    let immediate = 0;
    let comparable = 0;
    let legalTotal = 0;
    let promisedTotal = 0;
    let reductionSum = 0;
    const reuse = new Map<string, { names: Set<string>; codes: Set<string> }>();
    const unmapped = new Map<string, Set<string>>();
    for (const item of this.items) {
      if (item.maxOnSiteVisits <= 1) atMostOne++;
      const capabilities = item.online.capabilities;
      if (
        item.maxOnSiteVisits === 0 &&
        item.online.available &&
        capabilities.includes('PROCESS') &&
        capabilities.includes('RESULT_FEEDBACK')
      ) {
        zero++;
      }
      if (item.caseType === '1') immediate++;
      if (item.legalLimit.unit === item.promisedLimit.unit && item.legalLimit.value > 0) {
        comparable++;
        legalTotal += item.legalLimit.value;
        promisedTotal += item.promisedLimit.value;
        reductionSum += (item.legalLimit.value - item.promisedLimit.value) / item.legalLimit.value;
      }
      for (const material of item.materials) {
        if (material.source !== '20') continue;
        if (material.certificateTypeCode) {
          const entry = reuse.get(material.certificateTypeCode) ?? { names: new Set(), codes: new Set() };
          entry.names.add(material.name);
          entry.codes.add(keyOf(item));
          reuse.set(material.certificateTypeCode, entry);
        } else {
          const entry = unmapped.get(material.name) ?? new Set();
          entry.add(keyOf(item));
          unmapped.set(material.name, entry);
        }
      }
    }
    return {
      itemCount: total,
      atMostOneVisit: share(atMostOne, total),
      zeroVisitFullOnline: share(zero, total),
      immediate: share(immediate, total),
      timeLimitReduction: {
        comparableItems: comparable,
        legalTotal,
        promisedTotal,
        averageReduction: comparable === 0 ? 0 : reductionSum / comparable,
      },
      materialReuse: [...reuse]
        .map(([certificateTypeCode, entry]) => ({
          certificateTypeCode,
          materialNames: [...entry.names].sort(),
          itemCount: entry.codes.size,
          itemCodes: [...entry.codes],
        }))
        .sort((a, b) => b.itemCount - a.itemCount || a.certificateTypeCode.localeCompare(b.certificateTypeCode)),
      unmappedGovernmentMaterials: [...unmapped]
        .map(([materialName, codes]) => ({ materialName, itemCount: codes.size }))
        .sort((a, b) => b.itemCount - a.itemCount || a.materialName.localeCompare(b.materialName)),
    };
  }

  /**
   * Check the parallel-approval groups (并联审批) against the items: every member code must be in the catalog, the
   * members must come from at least two implementing bodies, and the lead body must implement one of them.
   *
   * @returns issues `GROUP_ITEM_UNKNOWN`, `GROUP_SINGLE_BODY` and `GROUP_LEAD_BODY_NOT_MEMBER` (errors), with
   *   `itemCode` set to the group id and a path `['parallelGroups', index, field]`; empty when all groups are sound.
   * @example
   * ```ts
   * Catalog.from(document).checkParallelGroups(); // []
   * ```
   */
  checkParallelGroups(): Issue[] {
    const issues: Issue[] = [];
    this.parallelGroups.forEach((group, index) => {
      const issue = (code: string, path: (string | number)[], zh: string, en: string) =>
        issues.push({ ...makeIssue(code, 'error', zh, en, ['parallelGroups', index, ...path]), itemCode: group.id });
      const bodies = new Set<string>();
      group.items.forEach((code, position) => {
        const item = this.get(code);
        if (item) bodies.add(item.body.uscc);
        else {
          issue(
            'GROUP_ITEM_UNKNOWN',
            ['items', position],
            `并联审批“${group.name}”引用的事项 ${code} 不在目录中`,
            `Parallel group "${group.name}" lists item ${code}, which is not in the catalog`,
          );
        }
      });
      if (bodies.size === 1) {
        issue(
          'GROUP_SINGLE_BODY',
          ['items'],
          `并联审批“${group.name}”的事项均由同一实施主体办理，不构成并联审批`,
          `Parallel group "${group.name}" has items of a single body only; a parallel approval spans several bodies`,
        );
      }
      if (bodies.size > 0 && !bodies.has(group.leadBody)) {
        issue(
          'GROUP_LEAD_BODY_NOT_MEMBER',
          ['leadBody'],
          `并联审批“${group.name}”的牵头部门 ${group.leadBody} 未实施组内任何事项`,
          `Parallel group "${group.name}": lead body ${group.leadBody} implements none of its items`,
        );
      }
    });
    return issues;
  }

  /**
   * The catalog as a plain catalog document (`{ meta, bodies, basicItems, items, parallelGroups }`) for JSON.
   *
   * @param meta - document metadata.
   * @returns a plain object (the frozen items are shared, not copied).
   * @example
   * ```ts
   * JSON.stringify(catalog.toDocument({ name: '衡阳市实施清单' }));
   * ```
   */
  toDocument(meta: { name: string; division?: string; version?: string } = { name: 'catalog' }): {
    meta: { name: string; division?: string; version?: string };
    bodies: ImplementationItem['body'][];
    basicItems: readonly BasicItem[];
    items: readonly ImplementationItem[];
    parallelGroups: readonly ParallelApprovalGroup[];
  } {
    const bodies = new Map(this.items.map((item) => [item.body.uscc, item.body]));
    return {
      meta,
      bodies: [...bodies.values()],
      basicItems: this.basicItems,
      items: this.items,
      parallelGroups: this.parallelGroups,
    };
  }
}
