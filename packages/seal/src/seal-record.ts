import { SealError } from './errors';
import { decodePemBlocks, describeInput } from './internal/asn1/input';

/**
 * Seal types (印章类型) of the 统一电子印章 catalogue. `其他` covers local types (e.g. 报关专用章); name the purpose in
 * {@link SealRecord.name}.
 */
export const SEAL_TYPES = [
  '公章',
  '合同专用章',
  '财务专用章',
  '业务专用章',
  '发票专用章',
  '法定代表人名章',
  '其他',
] as const;

/** One of {@link SEAL_TYPES}. */
export type SealType = (typeof SEAL_TYPES)[number];

/** The image of a seal, as registered. */
export interface SealImage {
  /** `svg` (e.g. from `drawSeal`) or `png`. */
  type: 'svg' | 'png';
  /** The image file bytes. */
  data: Uint8Array;
  /** Printed width in millimetres. */
  widthMm: number;
  /** Printed height in millimetres. */
  heightMm: number;
}

/** A registered seal (印章备案信息): who owns it, what it is for, its certificate and validity. */
export interface SealRecord {
  /** 印章编码: the seal's identifier (letters, digits, `-`, `_`, `.`; 1 to 64 characters). */
  id: string;
  /** 印章类型. */
  type: SealType;
  /** 印章名称, e.g. `衡阳市行政审批服务局合同专用章`. */
  name: string;
  /** The organisation that owns the seal. */
  owner: {
    /** 单位名称. */
    name: string;
    /** 统一社会信用代码 (GB 32100-2015, 18 characters, check character verified). */
    uscc: string;
  };
  /** The seal's signing certificate (DER), when it has one. */
  certificate?: Uint8Array;
  /** Start of validity. */
  validFrom: Date;
  /** End of validity (after `validFrom`). */
  validTo: Date;
  /** The seal image. */
  image?: SealImage;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SEAL_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_TEXT = 100;

class Problems {
  readonly list: string[] = [];
  add(path: string, problem: string): void {
    this.list.push(`${path} ${problem}`);
  }
}

/** GB 32100-2015 check character: the 18th character must equal 31 − (Σ wᵢ·cᵢ mod 31) (31 ↦ 0). */
function usccProblem(value: string): string | undefined {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) {
    return 'must be 18 characters of 0-9 and A-Y without I, O, S, V, Z';
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_ALPHABET.indexOf(value[i]!) * USCC_WEIGHTS[i]!;
  const expected = USCC_ALPHABET[(31 - (sum % 31)) % 31];
  return value[17] === expected ? undefined : 'has a wrong check character (GB 32100-2015); re-check the code';
}

function text(record: Record<string, unknown>, key: string, path: string, problems: Problems): string {
  const value = record[key];
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    problems.add(
      `${path}`,
      `must be a non-empty string of at most ${MAX_TEXT} characters (got ${describeInput(value)})`,
    );
    return '';
  }
  return value.trim();
}

function date(value: unknown, path: string, problems: Problems): Date {
  const parsed =
    value instanceof Date
      ? value
      : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)
        ? new Date(value)
        : undefined;
  if (parsed === undefined || Number.isNaN(parsed.getTime())) {
    problems.add(path, `must be a Date or an ISO 8601 date string (got ${describeInput(value)})`);
    return new Date(Number.NaN);
  }
  return parsed;
}

function bytes(value: unknown, path: string, problems: Problems, pemLabel?: string): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (typeof value === 'string' && pemLabel !== undefined) {
    const [block] = decodePemBlocks(value, [pemLabel]);
    if (block !== undefined) return block;
  }
  problems.add(
    path,
    `must be bytes (Uint8Array)${pemLabel === undefined ? '' : ' or a PEM string'} (got ${describeInput(value)})`,
  );
  return undefined;
}

function image(value: unknown, problems: Problems): SealImage | undefined {
  if (typeof value !== 'object' || value === null) {
    problems.add('image', `must be an object { type, data, widthMm, heightMm } (got ${describeInput(value)})`);
    return undefined;
  }
  const input = value as Record<string, unknown>;
  const type = input.type;
  if (type !== 'svg' && type !== 'png') problems.add('image.type', `must be 'svg' or 'png'`);
  const data =
    typeof input.data === 'string' && type === 'svg'
      ? new TextEncoder().encode(input.data)
      : bytes(input.data, 'image.data', problems);
  for (const key of ['widthMm', 'heightMm'] as const) {
    const size = input[key];
    if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0 || size > 200) {
      problems.add(`image.${key}`, 'must be a size in millimetres between 0 and 200');
    }
  }
  if (data === undefined || (type !== 'svg' && type !== 'png')) return undefined;
  return { type, data, widthMm: input.widthMm as number, heightMm: input.heightMm as number };
}

/**
 * Checks an unknown value (e.g. parsed JSON from a registration system) and returns a typed {@link SealRecord}:
 * required fields, a known seal type, a valid USCC check character, ISO dates with `validFrom < validTo`, the
 * certificate as DER bytes or PEM, and the image.
 *
 * @param input - the candidate record; dates may be `Date` objects or ISO 8601 strings.
 * @returns the record, with trimmed strings and `Date` objects.
 * @throws {@link SealError} `ERR_SEAL_INPUT_INVALID` listing every problem found, by field path. Values are not echoed
 *   (a record may hold personal data); only their types are.
 * @example
 * ```ts
 * const record = parseSealRecord({
 *   id: '4304000012345', type: '合同专用章', name: '衡阳市行政审批服务局合同专用章',
 *   owner: { name: '衡阳市行政审批服务局', uscc: '91430400MA4L16LC7M' },
 *   validFrom: '2026-01-01', validTo: '2031-01-01',
 * });
 * ```
 */
export function parseSealRecord(input: unknown): SealRecord {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `parseSealRecord(): the seal record must be an object, got ${describeInput(input)}.`,
    );
  }
  const record = input as Record<string, unknown>;
  const problems = new Problems();
  const id = typeof record.id === 'string' ? record.id.trim() : '';
  if (!SEAL_ID.test(id)) problems.add('id', 'must be 1 to 64 letters, digits, "-", "_" or "."');
  const type = record.type;
  if (!(SEAL_TYPES as readonly unknown[]).includes(type))
    problems.add('type', `must be one of ${SEAL_TYPES.join(', ')}`);
  const name = text(record, 'name', 'name', problems);
  const ownerInput = record.owner;
  let owner = { name: '', uscc: '' };
  if (typeof ownerInput !== 'object' || ownerInput === null) {
    problems.add('owner', `must be an object { name, uscc } (got ${describeInput(ownerInput)})`);
  } else {
    const ownerRecord = ownerInput as Record<string, unknown>;
    const uscc = typeof ownerRecord.uscc === 'string' ? ownerRecord.uscc.trim().toUpperCase() : '';
    const usccIssue = usccProblem(uscc);
    if (usccIssue !== undefined) problems.add('owner.uscc', usccIssue);
    owner = { name: text(ownerRecord, 'name', 'owner.name', problems), uscc };
  }
  const validFrom = date(record.validFrom, 'validFrom', problems);
  const validTo = date(record.validTo, 'validTo', problems);
  if (validFrom.getTime() >= validTo.getTime()) problems.add('validTo', 'must be later than validFrom');
  const certificate =
    record.certificate === undefined ? undefined : bytes(record.certificate, 'certificate', problems, 'CERTIFICATE');
  const sealImage = record.image === undefined ? undefined : image(record.image, problems);

  if (problems.list.length > 0) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `parseSealRecord(): the seal record is invalid: ${problems.list.join('; ')}.`,
    );
  }
  const result: SealRecord = { id, type: type as SealType, name, owner, validFrom, validTo };
  if (certificate !== undefined) result.certificate = certificate;
  if (sealImage !== undefined) result.image = sealImage;
  return result;
}
