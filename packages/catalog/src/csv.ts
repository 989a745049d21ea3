import { CatalogError, CatalogValidationError } from './errors';
import { describeType, makeIssue } from './internal/issues';
import type { Issue } from './issue';
import { ENUM_LABELS } from './schemas/enums';
import { ImplementationItemSchema } from './schemas/implementation-item';
import type { ImplementationItem, ImplementationItemInput } from './schemas/implementation-item';

type LabelSet = keyof typeof ENUM_LABELS;
type Kind =
  | 'text'
  | 'requiredText'
  | 'int'
  | 'number'
  | 'bool'
  | 'json'
  | 'division'
  | { enum: LabelSet }
  | { list: LabelSet };

/** Columns of the catalog CSV: Chinese header, item path, cell kind. Order is the export order. */
const COLUMNS: ReadonlyArray<readonly [string, readonly string[], Kind]> = [
  ['实施编码', ['implementationCode'], 'text'],
  ['业务办理项编码', ['handlingItemCode'], 'text'],
  ['地方实施编码', ['localImplementationCode'], 'text'],
  ['基本编码', ['basicCode'], 'text'],
  ['事项名称', ['name'], 'text'],
  ['事项类型', ['type'], { enum: 'itemType' }],
  ['实施主体', ['body', 'name'], 'text'],
  ['实施主体统一社会信用代码', ['body', 'uscc'], 'text'],
  ['实施主体性质', ['body', 'nature'], { enum: 'bodyNature' }],
  ['行使层级', ['body', 'level'], { enum: 'exerciseLevel' }],
  ['行政区划代码', ['body', 'division'], 'division'],
  ['功能区代码', ['body', 'zoneCode'], 'text'],
  ['委托部门', ['body', 'entrustingBody'], 'text'],
  ['权力来源', ['powerSource'], { enum: 'powerSource' }],
  ['服务对象', ['serviceObjects'], { list: 'serviceObject' }],
  ['通办范围', ['handleArea'], { enum: 'handleArea' }],
  ['法定办结时限', ['legalLimit', 'value'], 'number'],
  ['法定时限单位', ['legalLimit', 'unit'], { enum: 'timeUnit' }],
  ['承诺办结时限', ['promisedLimit', 'value'], 'number'],
  ['承诺时限单位', ['promisedLimit', 'unit'], { enum: 'timeUnit' }],
  ['办件类型', ['caseType'], { enum: 'caseType' }],
  ['办理形式', ['handlingForms'], { list: 'handlingForm' }],
  ['到办事现场次数', ['maxOnSiteVisits'], 'int'],
  ['必须现场办理原因', ['onSiteReason'], 'text'],
  ['受理条件', ['acceptanceConditions'], 'requiredText'],
  ['是否收费', ['charged'], 'bool'],
  ['收费依据', ['feeBasis'], 'text'],
  ['数量限制', ['quantityLimit'], 'text'],
  ['事项状态', ['status'], { enum: 'itemStatus' }],
  ['版本号', ['version'], 'int'],
  ['计划生效日期', ['plannedEffective'], 'text'],
  ['计划取消日期', ['plannedCancel'], 'text'],
  ['设定依据', ['legalBasis'], 'json'],
  ['联办机构', ['jointBodies'], 'json'],
  ['申请材料', ['materials'], 'json'],
  ['收费项目', ['fees'], 'json'],
  ['办理流程', ['process'], 'json'],
  ['特别程序', ['specialProcedures'], 'json'],
  ['审批结果', ['results'], 'json'],
  ['网上办理', ['online'], 'json'],
  ['办理地点', ['servicePoints'], 'json'],
  ['咨询方式', ['consultation'], 'json'],
  ['监督投诉方式', ['complaint'], 'json'],
  ['救济途径', ['remedy'], 'json'],
  ['中介服务', ['intermediaryServices'], 'json'],
  ['常见问题', ['faqs'], 'json'],
  ['主题分类', ['themes'], 'json'],
  ['扩展字段', ['extensions'], 'json'],
];
const KNOWN_KEYS = new Set(COLUMNS.map(([, path]) => path[0] as string));
const BOM = '\uFEFF';
const LIST_SEPARATOR = ';';

// Excel runs cells that start with = + - @ (or a tab/CR before them) as formulas: CSV injection. Such cells are written
// with a leading apostrophe, which Excel shows as text and parseCatalogCsv removes again (as Excel does, a leading
// apostrophe is a text marker: values that start with one get a second one).
const FORMULA_START = /^[=+\-@\t\r]/;

function protect(cell: string): string {
  return FORMULA_START.test(cell) || cell.startsWith("'") ? `'${cell}` : cell;
}

function unprotect(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell.startsWith(' ') || cell.endsWith(' ') ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function get(record: unknown, path: readonly string[]): unknown {
  let current = record;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function set(record: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = record;
  for (const key of path.slice(0, -1)) {
    current[key] ??= {};
    current = current[key] as Record<string, unknown>;
  }
  current[path[path.length - 1] as string] = value;
}

function formatCell(value: unknown, kind: Kind): string {
  if (value === undefined) return '';
  if (kind === 'json') return JSON.stringify(value);
  if (kind === 'bool') return value ? '是' : '否';
  if (typeof kind === 'object' && 'list' in kind) return (value as string[]).join(LIST_SEPARATOR);
  if (value === null) return '';
  return String(value);
}

/** Options of {@link formatCatalogCsv}. */
export interface FormatCatalogCsvOptions {
  /**
   * Prefix the text with a UTF-8 byte-order mark so Excel detects the encoding.
   * @default true
   */
  bom?: boolean;
}

/**
 * Write implementation items as CSV with Chinese column headers (实施编码, 事项名称, …): UTF-8 with BOM, CRLF line
 * ends. Scalar fields get one column each (enumeration values as codes, booleans as 是/否, lists separated by `;`);
 * nested groups (申请材料, 办理流程 …) are JSON cells. Unknown top-level fields are written as extra columns named after
 * the field, so {@link parseCatalogCsv} restores them. Cells starting with `=`, `+`, `-` or `@` get a leading `'` so
 * that Excel does not run them as formulas (CSV injection); {@link parseCatalogCsv} removes it.
 *
 * @param items - parsed or input items.
 * @param options - see {@link FormatCatalogCsvOptions}.
 * @returns the CSV text.
 * @throws {CatalogError} `ERR_CATALOG_INPUT_INVALID` when `items` is not an array.
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode(formatCatalogCsv(catalog.items));
 * ```
 */
export function formatCatalogCsv(
  items: readonly (ImplementationItem | ImplementationItemInput)[],
  options: FormatCatalogCsvOptions = {},
): string {
  if (!Array.isArray(items)) {
    throw new CatalogError(
      'ERR_CATALOG_INPUT_INVALID',
      `formatCatalogCsv() needs an array of items, got ${describeType(items)}`,
    );
  }
  const extraKeys = [
    ...new Set(items.flatMap((item) => Object.keys(item).filter((key) => !KNOWN_KEYS.has(key)))),
  ].sort();
  const header = [...COLUMNS.map(([name]) => name), ...extraKeys];
  const lines = [header.map(quote).join(',')];
  for (const item of items) {
    const cells = COLUMNS.map(([, path, kind]) => quote(protect(formatCell(get(item, path), kind))));
    for (const key of extraKeys) {
      const value = (item as Record<string, unknown>)[key];
      cells.push(quote(protect(value === undefined ? '' : JSON.stringify(value))));
    }
    lines.push(cells.join(','));
  }
  return `${options.bom === false ? '' : BOM}${lines.join('\r\n')}\r\n`;
}

/** Split CSV text into rows of cells (RFC 4180: quoted cells, doubled quotes, CRLF or LF). */
function splitCsv(text: string, issues: Issue[]): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let quoteStart = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell.length === 0) {
      quoted = true;
      quoteStart = line;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line++;
    } else cell += char;
  }
  if (quoted) {
    issues.push(
      makeIssue(
        'CSV_UNTERMINATED_QUOTE',
        'error',
        `第 ${quoteStart} 行起的引号未闭合`,
        `The quoted cell starting on line ${quoteStart} is never closed; check for a missing '"'`,
        [quoteStart],
      ),
    );
  }
  if (cell.length > 0 || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function labelLookup(set: LabelSet): Map<string, string> {
  const map = new Map<string, string>();
  for (const [code, label] of Object.entries(ENUM_LABELS[set])) {
    map.set(code, code);
    map.set(label, code);
  }
  return map;
}

/** Result of {@link parseCatalogCsv}. */
export interface ParsedCatalogCsv {
  /** One item per data row, each accepted by `ImplementationItemSchema`. */
  items: ImplementationItem[];
  /** Header names that are not standard columns (their values were read as JSON or text into top-level fields). */
  extraColumns: string[];
}

/**
 * Read a catalog CSV written by {@link formatCatalogCsv} or by hand in Excel (UTF-8, with or without BOM). Enumeration
 * cells accept the code or the Chinese label (`01` or `行政许可`); booleans accept 是/否, 1/0, true/false.
 *
 * @param input - CSV text, or its UTF-8 bytes (`Uint8Array` or `ArrayBuffer`).
 * @returns the items and the extra column names.
 * @throws {CatalogValidationError} `ERR_CATALOG_CSV_INVALID` with one issue per bad cell; each names the row (line
 *   number in the file, header = 1) and the column header, with path `[row, header]`.
 * @example
 * ```ts
 * try { const { items } = parseCatalogCsv(bytes); } catch (error) {
 *   if (isCatalogError(error) && error instanceof CatalogValidationError) for (const issue of error.issues) console.log(issue.message.zh);
 * }
 * ```
 */
export function parseCatalogCsv(input: string | Uint8Array | ArrayBuffer): ParsedCatalogCsv {
  let text: string;
  if (typeof input === 'string') text = input;
  else if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch (cause) {
      throw new CatalogValidationError(
        'ERR_CATALOG_CSV_INVALID',
        'The CSV bytes are not valid UTF-8; save the file as "CSV UTF-8" in Excel',
        [],
        { cause },
      );
    }
  } else {
    throw new CatalogError(
      'ERR_CATALOG_INPUT_INVALID',
      `parseCatalogCsv() needs a string or bytes, got ${describeType(input)}`,
    );
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  const issues: Issue[] = [];
  const rows = splitCsv(text, issues);
  const header = rows[0]?.map((name) => name.trim()) ?? [];
  const required = ['实施编码', '事项名称'];
  const missingColumns = required.filter((name) => !header.includes(name));
  if (header.length === 0 || missingColumns.length > 0) {
    throw new CatalogValidationError(
      'ERR_CATALOG_CSV_INVALID',
      `The CSV header lacks the column(s) ${missingColumns.join(', ') || required.join(', ')}; the first line must hold the Chinese column headers`,
      [
        makeIssue(
          'CSV_HEADER',
          'error',
          `表头缺少列：${missingColumns.join('、')}`,
          `Header lacks column(s): ${missingColumns.join(', ')}`,
          [1],
        ),
      ],
    );
  }
  const columnByName = new Map(COLUMNS.map((column) => [column[0], column]));
  const extraColumns = header.filter((name) => !columnByName.has(name));
  const lookups = new Map<LabelSet, Map<string, string>>();
  const lookup = (set: LabelSet) => {
    let map = lookups.get(set);
    if (!map) {
      map = labelLookup(set);
      lookups.set(set, map);
    }
    return map;
  };
  const items: ImplementationItem[] = [];
  rows.slice(1).forEach((cells, offset) => {
    const rowNumber = offset + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const badColumns = new Set<string>();
    const bad = (column: string, zh: string, en: string) =>
      badColumns.add(column) &&
      issues.push(
        makeIssue(
          'CSV_CELL_INVALID',
          'error',
          `第 ${rowNumber} 行“${column}”列：${zh}`,
          `Row ${rowNumber}, column "${column}": ${en}`,
          [rowNumber, column],
        ),
      );
    const record: Record<string, unknown> = {};
    const columnOfPath = new Map<string, string>();
    header.forEach((name, index) => {
      const raw = unprotect(cells[index] ?? '');
      const column = columnByName.get(name);
      if (!column) {
        if (raw === '') return;
        try {
          record[name] = JSON.parse(raw);
        } catch {
          record[name] = raw;
        }
        columnOfPath.set(name, name);
        return;
      }
      const [, path, kind] = column;
      columnOfPath.set(path.join('.'), name);
      if (kind === 'text' || kind === 'requiredText') {
        // Text keeps its spaces; an empty cell is an absent optional field or an empty required one.
        if (raw !== '' || kind === 'requiredText') set(record, path, raw);
        return;
      }
      const value = raw.trim();
      if (value === '') {
        if (kind === 'division') set(record, path, null);
        return;
      }
      if (kind === 'division') set(record, path, value);
      else if (kind === 'int' || kind === 'number') {
        const number = Number(value);
        if (!Number.isFinite(number) || (kind === 'int' && !Number.isInteger(number))) {
          bad(
            name,
            `“${value.slice(0, 20)}”不是${kind === 'int' ? '整数' : '数字'}`,
            `"${value.slice(0, 20)}" is not ${kind === 'int' ? 'an integer' : 'a number'}`,
          );
        } else set(record, path, number);
      } else if (kind === 'bool') {
        const truthy = ['是', '1', 'true', 'TRUE', 'Y'].includes(value);
        const falsy = ['否', '0', 'false', 'FALSE', 'N'].includes(value);
        if (!truthy && !falsy)
          bad(name, `“${value.slice(0, 20)}”应为“是”或“否”`, `"${value.slice(0, 20)}" must be 是 or 否 (or 1/0)`);
        else set(record, path, truthy);
      } else if (kind === 'json') {
        try {
          set(record, path, JSON.parse(value));
        } catch {
          bad(name, '不是有效的 JSON', 'is not valid JSON (nested groups are JSON cells)');
        }
      } else {
        const setName = 'enum' in kind ? kind.enum : kind.list;
        const map = lookup(setName);
        const parts =
          'enum' in kind
            ? [value]
            : value
                .split(/[;；]/)
                .map((part) => part.trim())
                .filter(Boolean);
        const codes: string[] = [];
        for (const part of parts) {
          const code = map.get(part);
          if (code === undefined) {
            bad(
              name,
              `“${part.slice(0, 20)}”不是有效的代码或名称（可选：${Object.values(ENUM_LABELS[setName]).join('、')}）`,
              `"${part.slice(0, 20)}" is not a valid code or label (allowed: ${Object.keys(ENUM_LABELS[setName]).join(', ')})`,
            );
          } else codes.push(code);
        }
        set(record, path, 'enum' in kind ? codes[0] : codes);
      }
    });
    const parsed = ImplementationItemSchema.safeParse(record);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      let column = '';
      for (let length = path.length; length > 0 && column === ''; length--)
        column = columnOfPath.get(path.slice(0, length).join('.')) ?? '';
      const fallback = COLUMNS.find(
        ([, columnPath]) => columnPath.join('.') === path.slice(0, columnPath.length).join('.'),
      );
      const name = column || fallback?.[0] || path.join('.');
      if (badColumns.has(name)) continue; // already reported from the cell itself
      const detail = path.length > 1 ? `${path.join('.')}: ${issue.message}` : issue.message;
      bad(name, detail, detail);
    }
  });
  if (issues.length > 0) {
    const first = issues[0] as Issue;
    throw new CatalogValidationError(
      'ERR_CATALOG_CSV_INVALID',
      `The CSV has ${issues.length} invalid cell(s); first: ${first.message.en}`,
      issues,
    );
  }
  return { items, extraColumns };
}
