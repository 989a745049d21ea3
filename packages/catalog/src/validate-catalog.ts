import { checkUscc } from './codes/uscc';
import { findFunctionalZone, lookupDivision } from './divisions/divisions';
import { describeType, makeIssue } from './internal/issues';
import type { Issue, IssueSeverity } from './issue';
import { getProfile } from './profiles/profile';
import type { Profile, RuleSeverity } from './profiles/profile';
import { ImplementationItemSchema } from './schemas/implementation-item';
import type { ContactChannel, ImplementationItem, TimeLimit } from './schemas/implementation-item';

/** Options of {@link validateCatalog}. */
export interface ValidateCatalogOptions {
  /**
   * Profile (name or object) giving code lengths and rule severities.
   * @default 'gb39554-observed'
   */
  profile?: string | Profile;
  /** Severity overrides per rule code, applied after the profile's (e.g. `{ LICENSING_WITHOUT_FAQ: 'off' }`). */
  rules?: Readonly<Record<string, RuleSeverity>>;
  /**
   * Accept pre-2016 Fujian pilot USCCs of implementing bodies with a warning.
   * @default false
   */
  allowPilotCodes?: boolean;
}

/** The report of {@link validateCatalog}. */
export interface CatalogValidationReport {
  /** Number of items checked. */
  itemCount: number;
  /** Number of items without any error. */
  validItemCount: number;
  /** Every error, each with `itemCode` (when readable) and a JSON path starting with the item's index. */
  errors: Issue[];
  /** Every warning. */
  warnings: Issue[];
}

/**
 * Every rule code {@link validateCatalog} can report, with its default severity (catalog.md §6). `SCHEMA` issues are
 * structural (zod) problems; the other rules run on items that pass the schema.
 */
export const CATALOG_RULES = {
  SCHEMA: 'error',
  DUPLICATE_ITEM_CODE: 'error',
  USCC_FORMAT: 'error',
  USCC_CHECK_CHAR: 'error',
  USCC_PILOT_CHECK_MISMATCH: 'warning',
  USCC_ORGANIZATION_CODE: 'warning',
  USCC_REGISTRATION_DEPARTMENT_UNKNOWN: 'warning',
  IMPLEMENTATION_CODE_LAYOUT: 'error',
  HANDLING_ITEM_CODE_LAYOUT: 'warning',
  CODE_LENGTH: 'error',
  ZONE_CODE_MISSING: 'error',
  CASE_TYPE_LIMIT_MISMATCH: 'error',
  PROMISED_EXCEEDS_LEGAL: 'error',
  ON_SITE_REASON_MISSING: 'error',
  ZERO_VISITS_WITHOUT_CHANNEL: 'error',
  FULL_ONLINE_WITH_VISITS: 'error',
  FEE_INCONSISTENT: 'error',
  CONTACT_PHONES: 'error',
  NOT_ON_APPLICATION: 'warning',
  VILLAGE_LEVEL_NON_PUBLIC: 'warning',
  DIVISION_USCC_MISMATCH: 'warning',
  DIVISION_UNKNOWN: 'warning',
  NAME_LOCALISED: 'warning',
  STEP_LIMIT_SUM: 'warning',
  LICENSING_WITHOUT_FAQ: 'warning',
} as const satisfies Record<string, IssueSeverity>;

/** A rule code of {@link CATALOG_RULES}. */
export type CatalogRuleCode = keyof typeof CATALOG_RULES;

type Report = (rule: CatalogRuleCode, path: (string | number)[], zh: string, en: string) => void;

const NOT_ON_APPLICATION_TYPES = new Set(['02', '03', '04', '06']);
const FULL_ONLINE_LABEL = /Ⅳ|IV级|四级/;

function phones(channels: ContactChannel[]): string[] {
  const out: string[] = [];
  for (const channel of channels) if (channel.kind === 'PHONE') out.push(channel.value.replace(/[\s-]/g, ''));
  return out;
}

function sameUnitSum(limits: (TimeLimit | undefined)[], unit: string): number | undefined {
  let sum = 0;
  for (const limit of limits) {
    if (limit === undefined) continue;
    if (limit.unit !== unit) return undefined;
    sum += limit.value;
  }
  return sum;
}

const placeNameCache = new Map<string, string[]>();
function placeNames(division: string | null): string[] {
  if (division === null) return [];
  const cached = placeNameCache.get(division);
  if (cached) return cached;
  const names: string[] = [];
  let current = lookupDivision(division);
  while (current) {
    const short = current.name.replace(/(特别行政区|自治区|自治州|自治县|地区|省|市|县|区|旗|盟)$/, '');
    if (current.name !== '市辖区' && short.length >= 2) names.push(short);
    current = current.parent ? lookupDivision(current.parent) : undefined;
  }
  placeNameCache.set(division, names);
  return names;
}

function checkItem(item: ImplementationItem, profile: Profile, options: ValidateCatalogOptions, report: Report): void {
  const { body } = item;
  // Identity and codes
  const uscc = checkUscc(body.uscc, { allowPilotCodes: options.allowPilotCodes ?? false });
  for (const issue of uscc.issues) {
    report(issue.code as CatalogRuleCode, ['body', 'uscc'], issue.message.zh, issue.message.en);
  }
  const code = item.implementationCode;
  const lengths = profile.lengths;
  if (code.length > lengths.implementationCode || item.basicCode.length > lengths.basicCode) {
    report(
      'CODE_LENGTH',
      ['implementationCode'],
      `实施编码或基本编码超出配置“${profile.name}”规定的长度（${lengths.implementationCode}/${lengths.basicCode}）`,
      `Implementation or basic code is longer than profile "${profile.name}" allows (${lengths.implementationCode}/${lengths.basicCode})`,
    );
  }
  if (lengths.exact) {
    const problems: string[] = [];
    if (code.length !== lengths.implementationCode)
      problems.push(`length ${code.length} ≠ ${lengths.implementationCode}`);
    if (!code.startsWith(body.uscc)) problems.push('characters 1–18 ≠ body.uscc');
    if (code[18] !== body.level) problems.push(`character 19 "${code[18] ?? ''}" ≠ body.level "${body.level}"`);
    if (code.slice(19) !== item.basicCode) problems.push('characters 20–31 ≠ basicCode');
    if (problems.length > 0) {
      report(
        'IMPLEMENTATION_CODE_LAYOUT',
        ['implementationCode'],
        `实施编码应为“实施主体统一社会信用代码 + 行使层级 + 基本编码”：${problems.join('；')}`,
        `Implementation code must be body USCC + level digit + basic code: ${problems.join('; ')}`,
      );
    }
    const handling = item.handlingItemCode;
    if (handling !== undefined && (handling.length !== lengths.handlingItemCode || !handling.startsWith(code))) {
      report(
        'HANDLING_ITEM_CODE_LAYOUT',
        ['handlingItemCode'],
        `业务办理项编码应为 ${lengths.handlingItemCode} 位且以实施编码开头`,
        `Handling-item code should be ${lengths.handlingItemCode} characters long and start with the implementation code`,
      );
    }
  }
  if (body.division === null && !(body.zoneCode && body.zoneCode.length > 0)) {
    report(
      'ZONE_CODE_MISSING',
      ['body', 'zoneCode'],
      '实施主体无行政区划代码时须填写功能区代码 zoneCode',
      'A body without a division code (functional zone) needs body.zoneCode',
    );
  }
  // Time limits and case type
  const immediate = item.caseType === '1';
  const promisedZero = item.promisedLimit.value === 0;
  if (immediate !== promisedZero) {
    report(
      'CASE_TYPE_LIMIT_MISMATCH',
      ['caseType'],
      immediate ? '办件类型为即办件时，承诺办结时限须为 0（即办）' : '承诺办结时间为即办（0）时，办件类型必须为即办件',
      immediate
        ? 'An immediate case (即办件) must have a promised limit of 0'
        : `A promised limit of 0 means an immediate case: set caseType to "1" (is "${item.caseType}")`,
    );
  }
  if (item.promisedLimit.unit === item.legalLimit.unit && item.promisedLimit.value > item.legalLimit.value) {
    report(
      'PROMISED_EXCEEDS_LEGAL',
      ['promisedLimit', 'value'],
      `承诺办结时限（${item.promisedLimit.value}）超过法定办结时限（${item.legalLimit.value}）`,
      `Promised limit ${item.promisedLimit.value} exceeds the legal limit ${item.legalLimit.value}`,
    );
  }
  // Visits and online depth
  const visits = item.maxOnSiteVisits;
  if (visits > 0 && !item.onSiteReason?.trim()) {
    report(
      'ON_SITE_REASON_MISSING',
      ['onSiteReason'],
      `到办事现场次数为 ${visits} 时须说明必须现场办理的原因`,
      `maxOnSiteVisits is ${visits}: give onSiteReason (why the applicant must come)`,
    );
  }
  if (visits === 0 && !item.online.available && !item.handlingForms.includes('4')) {
    report(
      'ZERO_VISITS_WITHOUT_CHANNEL',
      ['maxOnSiteVisits'],
      '零跑动事项须提供网上办理或快递申请渠道',
      'Zero visits needs online service (online.available) or express application (handlingForms includes "4")',
    );
  }
  const capabilities = item.online.capabilities;
  const fullOnline =
    (capabilities.includes('PROCESS') && capabilities.includes('RESULT_FEEDBACK')) ||
    (item.online.provincialDepthLabel !== undefined && FULL_ONLINE_LABEL.test(item.online.provincialDepthLabel));
  if (fullOnline && visits > 0) {
    report(
      'FULL_ONLINE_WITH_VISITS',
      ['maxOnSiteVisits'],
      `全程网办事项到办事现场次数应为 0（现为 ${visits}）`,
      `A fully online item (全程网办) must have maxOnSiteVisits 0 (is ${visits})`,
    );
  }
  // Fees
  if (!item.charged && (item.fees.length > 0 || item.online.onlinePayment === true)) {
    report(
      'FEE_INCONSISTENT',
      ['charged'],
      '不收费事项不应有收费项目或网上支付',
      'charged is false but fees are listed or online payment is on',
    );
  } else if (item.charged && !item.fees.some((fee) => fee.basis.trim().length > 0)) {
    report(
      'FEE_INCONSISTENT',
      ['fees'],
      '收费事项须至少有一个注明收费依据的收费项目',
      'charged is true: list at least one fee with a basis',
    );
  }
  // Contact channels
  const consultation = phones(item.consultation);
  const complaint = phones(item.complaint);
  if (consultation.length === 0 || complaint.length === 0) {
    report(
      'CONTACT_PHONES',
      [consultation.length === 0 ? 'consultation' : 'complaint'],
      '咨询电话和监督投诉电话均须填写',
      'Both a consultation phone and a complaint phone are required',
    );
  } else if (consultation.some((phone) => complaint.includes(phone))) {
    report(
      'CONTACT_PHONES',
      ['complaint'],
      '监督投诉电话不能与咨询电话相同',
      'The complaint phone must differ from the consultation phone',
    );
  }
  // Scope and level
  if (NOT_ON_APPLICATION_TYPES.has(item.type)) {
    report(
      'NOT_ON_APPLICATION',
      ['type'],
      '行政处罚、强制、征收、检查事项不属于依申请政务服务事项（国发〔2022〕5号）',
      'Penalty, coercion, levy and inspection items are not on application (国发〔2022〕5号)',
    );
  }
  if (body.level === '6' && item.type !== '20') {
    report(
      'VILLAGE_LEVEL_NON_PUBLIC',
      ['body', 'level'],
      '村(社区)级只能实施公共服务事项',
      'Only public-service items (type 20) are exercised at village (村/社区) level',
    );
  }
  // Divisions
  if (body.division !== null && uscc.parts && uscc.parts.division !== body.division) {
    report(
      'DIVISION_USCC_MISMATCH',
      ['body', 'division'],
      `实施主体行政区划 ${body.division} 与统一社会信用代码中的登记机关区划 ${uscc.parts.division} 不一致（可能合理）`,
      `body.division ${body.division} differs from the USCC registration division ${uscc.parts.division} (may be legitimate)`,
    );
  }
  if (body.division !== null && lookupDivision(body.division) === undefined) {
    report(
      'DIVISION_UNKNOWN',
      ['body', 'division'],
      `行政区划代码 ${body.division} 不在内置区划数据中`,
      `Division ${body.division} is not in the bundled division data`,
    );
  }
  if (body.division === null && body.zoneCode && findFunctionalZone(body.zoneCode) === undefined) {
    report(
      'DIVISION_UNKNOWN',
      ['body', 'zoneCode'],
      `功能区代码 ${body.zoneCode} 未登记`,
      `Functional zone ${body.zoneCode} is not known to the SDK`,
    );
  }
  item.servicePoints.forEach((point, index) => {
    if (lookupDivision(point.region) === undefined) {
      report(
        'DIVISION_UNKNOWN',
        ['servicePoints', index, 'region'],
        `办理地点区划代码 ${point.region} 不在内置区划数据中`,
        `Service point region ${point.region} is not in the bundled division data`,
      );
    }
  });
  // Name
  const localised: string[] = [];
  if (/\d/.test(item.name)) localised.push('digits');
  if (item.name.includes(body.name)) localised.push('body name');
  for (const place of placeNames(body.division)) if (item.name.includes(place)) localised.push(place);
  if (localised.length > 0) {
    report(
      'NAME_LOCALISED',
      ['name'],
      `事项名称含有${localised.join('、')}；同一事项在各层级应同名`,
      `Item name contains ${localised.join(', ')}; the same item should have the same name at every level`,
    );
  }
  // Steps
  const stepSum = sameUnitSum(
    item.process.map((step) => step.limit),
    item.promisedLimit.unit,
  );
  if (stepSum !== undefined && stepSum > item.promisedLimit.value) {
    report(
      'STEP_LIMIT_SUM',
      ['process'],
      `办理环节时限之和（${stepSum}）超过承诺办结时限（${item.promisedLimit.value}）`,
      `Process step limits add up to ${stepSum}, more than the promised ${item.promisedLimit.value}`,
    );
  }
  if (item.type === '01' && item.faqs.length === 0) {
    report(
      'LICENSING_WITHOUT_FAQ',
      ['faqs'],
      '行政许可事项应提供常见问题解答',
      'Licensing items should have FAQs (浙江 local rule; switch off with rules.LICENSING_WITHOUT_FAQ = "off")',
    );
  }
}

/** Collects issues of the current item; one instance per validateCatalog call (no per-item closures). */
class Reporter {
  failed = false;
  #index = 0;
  #itemCode: string | undefined;

  constructor(
    private readonly severities: Record<string, RuleSeverity>,
    private readonly errors: Issue[],
    private readonly warnings: Issue[],
  ) {}

  start(index: number, itemCode: string | undefined): void {
    this.#index = index;
    this.#itemCode = itemCode;
    this.failed = false;
  }

  report(rule: CatalogRuleCode, path: (string | number)[], zh: string, en: string): void {
    const severity = this.severities[rule] ?? 'error';
    if (severity === 'off') return;
    const issue: Issue = { code: rule, severity, path: [this.#index, ...path], message: { zh, en } };
    if (this.#itemCode !== undefined) issue.itemCode = this.#itemCode;
    if (severity === 'error') {
      this.failed = true;
      this.errors.push(issue);
    } else this.warnings.push(issue);
  }
}

function itemCodeOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const code = record.handlingItemCode ?? record.implementationCode;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Validate a list of implementation items: the schema, then every cross-field rule of catalog.md §6 (see
 * {@link CATALOG_RULES}). One bad item never stops the others; hostile input never throws (except an unknown profile
 * name, a programming error).
 *
 * @param items - the items (any values; non-arrays give one `SCHEMA` error).
 * @param options - profile, rule severities, pilot codes; see {@link ValidateCatalogOptions}.
 * @returns `{ itemCount, validItemCount, errors, warnings }`; each issue has the item's code and a path
 *   `[index, ...fieldPath]`.
 * @throws {CatalogError} `ERR_CATALOG_PROFILE_UNKNOWN` when `options.profile` names no registered profile.
 * @example
 * ```ts
 * const report = validateCatalog(document.items, { rules: { NAME_LOCALISED: 'off' } });
 * for (const issue of report.errors) console.log(issue.itemCode, issue.path, issue.message.zh);
 * ```
 */
export function validateCatalog(items: unknown, options: ValidateCatalogOptions = {}): CatalogValidationReport {
  return validateItems(items, options, false).report;
}

/**
 * {@link validateCatalog} plus the parsed items (index-aligned; `undefined` where the schema failed), so that
 * `Catalog.from` does not parse twice. Internal.
 */
export function validateItems(
  items: unknown,
  options: ValidateCatalogOptions,
  keepParsed: boolean,
): { report: CatalogValidationReport; parsed: (ImplementationItem | undefined)[] } {
  const profile = getProfile(options.profile);
  const severities: Record<string, RuleSeverity> = { ...CATALOG_RULES, ...profile.rules, ...options.rules };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  if (!Array.isArray(items)) {
    errors.push(
      makeIssue(
        'SCHEMA',
        'error',
        `事项清单应为数组，实际为 ${describeType(items)}`,
        `The items must be an array, got ${describeType(items)}`,
        [],
      ),
    );
    return { report: { itemCount: 0, validItemCount: 0, errors, warnings }, parsed: [] };
  }
  // Kept only for Catalog.from: holding every parsed item alive makes the garbage collector work much harder.
  const parsedItems: (ImplementationItem | undefined)[] = [];
  const seen = new Map<string, number>();
  const reporter = new Reporter(severities, errors, warnings);
  const report: Report = (rule, path, zh, en) => reporter.report(rule, path, zh, en);
  let validItemCount = 0;
  for (let index = 0; index < items.length; index++) {
    const value: unknown = items[index];
    const itemCode = itemCodeOf(value);
    reporter.start(index, itemCode);
    const parsed = ImplementationItemSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
        const where = path.join('.') || '(item)';
        report('SCHEMA', path, `字段 ${where} 不符合事项模型：${issue.message}`, `Field ${where}: ${issue.message}`);
      }
    } else {
      if (itemCode !== undefined) {
        const first = seen.get(itemCode);
        if (first !== undefined) {
          report(
            'DUPLICATE_ITEM_CODE',
            ['implementationCode'],
            `事项编码 ${itemCode} 与第 ${first} 项重复`,
            `Item code ${itemCode} repeats item ${first}`,
          );
        } else seen.set(itemCode, index);
      }
      if (keepParsed) parsedItems[index] = parsed.data;
      checkItem(parsed.data, profile, options, report);
    }
    if (!reporter.failed) validItemCount++;
  }
  return { report: { itemCount: items.length, validItemCount, errors, warnings }, parsed: parsedItems };
}
