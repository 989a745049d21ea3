// Structural analysis of a signed PDF: finds signature fields in every revision and runs the PDF_* checks of the
// seal design (§5, §6). Never throws: every problem becomes a check. Cryptographic checks are done by the caller.
import { type Change, type ValidationCheck, createCheck } from '../../report';
import type { PdfMetadataChangePolicy } from '../../types';
import { childrenOf, readNode } from '../asn1/der';
import { changedKeys, sameObject } from './compare';
import { PdfFormatError, type PdfReadLimits } from './limits';
import {
  type IndirectObject,
  PdfArray,
  PdfDict,
  PdfName,
  type PdfObject,
  PdfRef,
  PdfStream,
  PdfString,
  decodeTextString,
  latin1,
} from './objects';
import { walkFields } from './fields';
import { type PageEntry, listPages } from './page-tree';
import { PdfFile } from './pdf-file';

/** One signature (or document time-stamp) found in the document, with its structural checks. */
export interface AnalyzedSignature {
  fieldName: string;
  type: 'signature' | 'doc-timestamp';
  sigRef?: PdfRef;
  /** The field (widget) whose /V is this signature. */
  fieldRef?: PdfRef;
  sigDict: PdfDict;
  filter?: string;
  subFilter?: string;
  byteRange?: [number, number, number, number];
  /** DER of /Contents without the zero padding (when PDF_CONTENTS_DER passed), else the raw string bytes. */
  contents?: Uint8Array;
  contentsValid: boolean;
  /** Index of the revision the byte range ends at, or -1. */
  revision: number;
  wholeFile: boolean;
  /** DocMDP P value when this is a certification signature. */
  certification?: number;
  /** FieldMDP locks of this signature (/Reference FieldMDP, or the field's /Lock). */
  fieldLocks: FieldLock[];
  claimedSigningTime?: Date;
  reason?: string;
  location?: string;
  contactInfo?: string;
  signerName?: string;
  checks: ValidationCheck[];
  changes: Change[];
}

/** A FieldMDP lock: which fields may no longer change after the signature. */
export interface FieldLock {
  action: 'All' | 'Include' | 'Exclude';
  fields: string[];
}

/** Result of {@link analyzePdf}. */
export interface DocumentAnalysis {
  file?: PdfFile;
  document: ValidationCheck[];
  signatures: AnalyzedSignature[];
  totalRevisions: number;
}

/** Analysis options. */
export interface AnalyzeOptions {
  limits?: Partial<PdfReadLimits>;
  /** `none`: form fills and annotations after a signature fail it, even where DocMDP would permit them. */
  allowIncrementalChanges?: 'docmdp' | 'none';
  /** Metadata (/Info, catalog XMP) changes after a signature; default `allow-with-signature`. */
  metadataChanges?: PdfMetadataChangePolicy;
}

const KNOWN_SUBFILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached', 'ETSI.RFC3161']);
const SHA1_SUBFILTERS = new Set(['adbe.pkcs7.sha1', 'adbe.x509.rsa_sha1']);
const SIGNED_DATA_OID = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/** Parses a PDF date (`D:YYYYMMDDHHmmSSOHH'mm`). */
export function parsePdfDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (sign === '+' || sign === '-') time -= (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Analyses `bytes`. Never throws. */
export function analyzePdf(bytes: Uint8Array, options: AnalyzeOptions = {}): DocumentAnalysis {
  const document: ValidationCheck[] = [];
  let file: PdfFile;
  try {
    file = PdfFile.read(bytes, options.limits);
  } catch (error) {
    document.push(
      createCheck(
        'PDF_PARSE_STRICT',
        'FAILED',
        `PDF 结构无法严格解析：${describe(error)}`,
        `The PDF cannot be parsed strictly: ${describe(error)}`,
        {
          subIndication: 'FORMAT_FAILURE',
        },
      ),
    );
    return { document, signatures: [], totalRevisions: 0 };
  }
  const structure = structureCheck(file);
  document.push(structure);
  let signatures: AnalyzedSignature[] = [];
  try {
    signatures = findSignatures(file);
  } catch (error) {
    document.push(
      createCheck(
        'PDF_SIGNATURE_PRESENT',
        'FAILED',
        `无法读取签名域：${describe(error)}`,
        `Signature fields cannot be read: ${describe(error)}`,
        {
          subIndication: 'FORMAT_FAILURE',
        },
      ),
    );
    return { file, document, signatures: [], totalRevisions: file.revisions.length };
  }
  document.push(
    signatures.length > 0
      ? createCheck(
          'PDF_SIGNATURE_PRESENT',
          'PASSED',
          `找到 ${signatures.length} 个签名`,
          `${signatures.length} signature(s) found`,
        )
      : createCheck('PDF_SIGNATURE_PRESENT', 'FAILED', '文档中没有签名', 'The document contains no signature', {
          subIndication: 'SIGNED_DATA_NOT_FOUND',
        }),
  );
  // Each step is guarded: an unexpected reader error fails the signature (closed), it never escapes.
  const guard = (signature: AnalyzedSignature, step: () => void) => {
    try {
      step();
    } catch (error) {
      fail(
        signature,
        'PDF_PARSE_STRICT',
        `签名结构分析失败：${describe(error)}`,
        `Signature structure analysis failed: ${describe(error)}`,
      );
    }
  };
  for (const signature of signatures) guard(signature, () => checkSignatureStructure(file, signature));
  for (const signature of signatures) guard(signature, () => checkCollisions(file, [signature], signatures));
  const changeCache = new Map<number, Change[]>();
  const certification = signatures.find((s) => s.certification !== undefined && s.revision >= 0);
  for (const signature of signatures) {
    guard(signature, () =>
      checkChanges(
        file,
        signature,
        signatures,
        certification,
        changeCache,
        options.allowIncrementalChanges ?? 'docmdp',
        options.metadataChanges ?? 'allow-with-signature',
      ),
    );
  }
  return { file, document, signatures, totalRevisions: file.revisions.length };
}

function structureCheck(file: PdfFile): ValidationCheck {
  const details = {
    revisions: file.revisions.length,
    problems: file.problems.slice(0, 20),
    trailingBytes: file.trailingGarbage,
  };
  if (file.problems.length > 0) {
    return createCheck(
      'PDF_PARSE_STRICT',
      'WARNING',
      `PDF 结构存在不规范之处：${file.problems[0]}`,
      `The PDF structure has irregularities: ${file.problems[0]}`,
      {
        details,
      },
    );
  }
  return createCheck(
    'PDF_PARSE_STRICT',
    'PASSED',
    `PDF 结构严格解析通过（${file.revisions.length} 个修订版本）`,
    `The PDF parses strictly (${file.revisions.length} revision(s))`,
    {
      details,
    },
  );
}

/** Pages scanned for signature widgets, summed over revisions (hostile files: many revisions of a big page tree). */
const MAX_PAGE_VISITS = 1_000_000;

function findSignatures(file: PdfFile): AnalyzedSignature[] {
  const found = new Map<string, AnalyzedSignature>();
  let pageVisits = 0;
  for (let rev = file.revisions.length - 1; rev >= 0; rev--) {
    const visit = (field: PdfDict, fieldRef: PdfRef | undefined, fullName: string, ft: string | undefined) => {
      if (ft !== 'Sig') return;
      const v = field.get('V');
      const sigRef = v instanceof PdfRef ? v : undefined;
      const sigDict = file.dict(v, rev);
      if (!sigDict) return;
      const key = sigRef ? `ref:${sigRef.key}` : `inline:${fieldRef?.key ?? fullName}`;
      if (found.has(key)) return;
      const type =
        sigDict.name('Type') === 'DocTimeStamp' || sigDict.name('SubFilter') === 'ETSI.RFC3161'
          ? 'doc-timestamp'
          : 'signature';
      const signature: AnalyzedSignature = {
        fieldName: fullName || `signature-${found.size + 1}`,
        type,
        sigDict,
        contentsValid: false,
        fieldLocks: [],
        revision: -1,
        wholeFile: false,
        checks: [],
        changes: [],
      };
      if (sigRef) signature.sigRef = sigRef;
      if (fieldRef) signature.fieldRef = fieldRef;
      const text = (key: string) => decodeTextString(file.get(sigDict.get(key), rev) ?? undefined);
      const filter = sigDict.name('Filter');
      const subFilter = sigDict.name('SubFilter');
      if (filter !== undefined) signature.filter = filter;
      if (subFilter !== undefined) signature.subFilter = subFilter;
      const claimed = parsePdfDate(text('M'));
      if (claimed) signature.claimedSigningTime = claimed;
      for (const [prop, key] of [
        ['reason', 'Reason'],
        ['location', 'Location'],
        ['contactInfo', 'ContactInfo'],
        ['signerName', 'Name'],
      ] as const) {
        const value = text(key);
        if (value !== undefined) signature[prop] = value;
      }
      const refs = file.get(sigDict.get('Reference'), rev);
      const readLock = (params: PdfDict | undefined) => {
        const action = params?.name('Action');
        if (action !== 'All' && action !== 'Include' && action !== 'Exclude') return;
        const names = file.get(params?.get('Fields'), rev);
        const fields =
          names instanceof PdfArray
            ? names.items.map((n) => decodeTextString(file.get(n, rev) ?? undefined) ?? '')
            : [];
        signature.fieldLocks.push({ action, fields });
      };
      if (refs instanceof PdfArray) {
        for (const item of refs.items) {
          const reference = file.dict(item, rev);
          const params = file.dict(reference?.get('TransformParams'), rev);
          if (reference?.name('TransformMethod') === 'FieldMDP') readLock(params);
          if (reference?.name('TransformMethod') !== 'DocMDP') continue;
          const p = params?.get('P');
          signature.certification = typeof p === 'number' && p >= 1 && p <= 3 ? p : 2;
        }
      }
      readLock(file.dict(field.get('Lock'), rev));
      found.set(key, signature);
    };
    walkFields(file, rev, visit);
    // Viewers also show signature widgets that are only in a page's /Annots (some signers do not add them to the
    // AcroForm field tree): they are signatures too.
    let pages: PageEntry[] = [];
    try {
      pages = listPages(file, rev);
    } catch {
      pages = [];
    }
    pageVisits += pages.length;
    if (pageVisits > MAX_PAGE_VISITS)
      throw new PdfFormatError('too many pages × revisions to analyse within the limits');
    for (const page of pages) {
      const annots = file.get(page.dict.get('Annots'), rev);
      if (!(annots instanceof PdfArray)) continue;
      for (const item of annots.items) {
        const widget = file.dict(item, rev);
        if (widget?.name('FT') === 'Sig' && widget.get('V') !== undefined) {
          visit(widget, item instanceof PdfRef ? item : undefined, decodeTextString(widget.get('T')) ?? '', 'Sig');
        }
      }
    }
  }
  return [...found.values()];
}

function fail(
  signature: AnalyzedSignature,
  id: ValidationCheck['id'],
  zh: string,
  en: string,
  details?: Record<string, unknown>,
): void {
  signature.checks.push(
    createCheck(
      id,
      'FAILED',
      zh,
      en,
      details ? { subIndication: 'FORMAT_FAILURE', details } : { subIndication: 'FORMAT_FAILURE' },
    ),
  );
}

function pass(
  signature: AnalyzedSignature,
  id: ValidationCheck['id'],
  zh: string,
  en: string,
  details?: Record<string, unknown>,
): void {
  signature.checks.push(createCheck(id, 'PASSED', zh, en, details ? { details } : {}));
}

const HEX_DIGIT = new Uint8Array(256);
for (const c of '0123456789ABCDEFabcdef') HEX_DIGIT[c.charCodeAt(0)] = 1;

/** Whether bytes[start, end) are all hex digits. */
function isHexRun(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (HEX_DIGIT[bytes[i] as number] !== 1) return false;
  return true;
}

function checkSignatureStructure(file: PdfFile, signature: AnalyzedSignature): void {
  const bytes = file.bytes;
  const dict = signature.sigDict;
  // PDF_SIGDICT_PRESENT
  const type = dict.name('Type');
  const subFilter = signature.subFilter;
  if (subFilter !== undefined && SHA1_SUBFILTERS.has(subFilter)) {
    signature.checks.push(
      createCheck(
        'PDF_SIGDICT_PRESENT',
        'FAILED',
        `不接受基于 SHA-1 的 SubFilter /${subFilter}`,
        `SHA-1 based SubFilter /${subFilter} is not accepted`,
        {
          subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
        },
      ),
    );
  } else if (signature.filter === undefined || subFilter === undefined || !KNOWN_SUBFILTERS.has(subFilter)) {
    fail(
      signature,
      'PDF_SIGDICT_PRESENT',
      '签名字典缺少 /Filter 或 /SubFilter 不受支持',
      'The signature dictionary lacks /Filter or has an unsupported /SubFilter',
      {
        filter: signature.filter,
        subFilter: subFilter?.slice(0, 64),
      },
    );
  } else if (
    (signature.type === 'doc-timestamp') !== (subFilter === 'ETSI.RFC3161') ||
    (type !== undefined && type !== 'Sig' && type !== 'DocTimeStamp')
  ) {
    fail(
      signature,
      'PDF_SIGDICT_PRESENT',
      '签名字典 /Type 与 /SubFilter 不一致',
      'The signature dictionary /Type does not match its /SubFilter',
    );
  } else {
    pass(
      signature,
      'PDF_SIGDICT_PRESENT',
      `签名字典完整（/SubFilter /${subFilter}）`,
      `Signature dictionary present (/SubFilter /${subFilter})`,
    );
  }

  // PDF_BYTERANGE_SHAPE
  const range = dict.get('ByteRange');
  const items = range instanceof PdfArray ? range.items : undefined;
  const shapeOk =
    items !== undefined &&
    items.length === 4 &&
    items.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0) &&
    items[0] === 0 &&
    (items[1] as number) > 0 &&
    (items[2] as number) > (items[1] as number) &&
    (items[3] as number) > 0 &&
    (items[2] as number) + (items[3] as number) <= bytes.length;
  if (!shapeOk) {
    fail(
      signature,
      'PDF_BYTERANGE_SHAPE',
      '/ByteRange 必须是 [0 b c d]，且 0<b<c、d>0、不超出文件',
      '/ByteRange must be [0 b c d] with 0 < b < c, d > 0, within the file',
      {
        byteRange: items ? items.slice(0, 8).map((x) => (typeof x === 'number' ? x : String(typeof x))) : null,
      },
    );
  } else {
    signature.byteRange = items as [number, number, number, number];
    pass(signature, 'PDF_BYTERANGE_SHAPE', '/ByteRange 形状正确', '/ByteRange has the shape [0 b c d]', {
      byteRange: signature.byteRange,
    });
  }
  const contentsValue = dict.get('Contents');
  const contents = contentsValue instanceof PdfString ? contentsValue : undefined;
  if (contents) signature.contents = contents.bytes;

  // PDF_BYTERANGE_GAP: [b, c) is exactly this dictionary's /Contents hex string, and the dictionary lies in the signed range.
  let sigObject: IndirectObject | undefined;
  try {
    sigObject = signature.sigRef ? file.object(signature.sigRef.num) : undefined;
  } catch {
    sigObject = undefined;
  }
  if (signature.byteRange) {
    const [, b, c, d] = signature.byteRange;
    const problems: string[] = [];
    if (!contents?.hex) problems.push('/Contents is not a hex string');
    else if (contents.start !== b || contents.end !== c) problems.push('the gap is not exactly the /Contents string');
    if (bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) problems.push('the gap is not delimited by < >');
    if (!isHexRun(bytes, b + 1, c - 1)) problems.push('the gap contains non-hex bytes');
    if (!sigObject || sigObject.offset < 0)
      problems.push('the signature dictionary is not a direct object in the file body');
    else if (!(sigObject.offset < b && sigObject.end > c && sigObject.end <= c + d))
      problems.push('the signature dictionary is not inside the signed range');
    if (problems.length > 0)
      fail(
        signature,
        'PDF_BYTERANGE_GAP',
        `签名范围的空隙不是本签名的 /Contents：${problems[0]}`,
        `The byte-range gap is not this signature's /Contents: ${problems[0]}`,
        { problems },
      );
    else
      pass(
        signature,
        'PDF_BYTERANGE_GAP',
        '签名范围的空隙恰为本签名的 /Contents',
        "The byte-range gap is exactly this signature's /Contents",
      );
  }

  // PDF_CONTENTS_DER
  checkContentsDer(signature, contents);

  // PDF_BYTERANGE_REVISION
  if (signature.byteRange) {
    const [, b, c, d] = signature.byteRange;
    const end = c + d;
    const revision = file.revisions.findIndex((r) => end >= r.eofEnd && end <= r.end);
    const total = file.revisions.length;
    if (revision < 0) {
      fail(
        signature,
        'PDF_BYTERANGE_REVISION',
        '签名范围的终点不是某个修订版本的末尾（%%EOF）',
        'The signed range does not end at the end of a revision (%%EOF)',
        { end },
      );
    } else if (b < (file.revisions[revision]?.start ?? 0)) {
      signature.revision = revision;
      fail(
        signature,
        'PDF_BYTERANGE_REVISION',
        '签名字典不属于其所签署的修订版本',
        'The signature dictionary is not part of the revision it signs',
        { revision },
      );
    } else {
      signature.revision = revision;
      signature.wholeFile = revision === total - 1 && file.trailingGarbage === 0;
      pass(
        signature,
        'PDF_BYTERANGE_REVISION',
        signature.wholeFile ? '签名覆盖整个文件' : `签名覆盖第 ${revision + 1} 个修订版本（共 ${total} 个）`,
        signature.wholeFile
          ? 'The signature covers the whole file'
          : `The signature covers revision ${revision + 1} of ${total}`,
        { revision, totalRevisions: total, wholeFile: signature.wholeFile },
      );
    }
  }

  // PDF_SIGDICT_CONSISTENT: the signature dictionary resolves to the same object in every later revision.
  if (signature.sigRef && signature.revision >= 0 && sigObject) {
    let consistent = true;
    for (let rev = signature.revision; rev < file.revisions.length && consistent; rev++) {
      try {
        const at = file.object(signature.sigRef.num, rev);
        consistent = at !== undefined && at.offset === sigObject.offset;
        // The field must still hold this signature: a later revision may not re-point it elsewhere.
        const value = signature.fieldRef ? file.dict(signature.fieldRef, rev)?.get('V') : signature.sigRef;
        consistent &&= value instanceof PdfRef && value.num === signature.sigRef.num;
      } catch {
        consistent = false;
      }
    }
    if (consistent)
      pass(
        signature,
        'PDF_SIGDICT_CONSISTENT',
        '签名字典在后续修订版本中未被改动',
        'The signature dictionary is unchanged in later revisions',
      );
    else
      fail(
        signature,
        'PDF_SIGDICT_CONSISTENT',
        '签名字典在其他修订版本中被替换或删除',
        'The signature dictionary, or the field holding it, is replaced or removed in another revision',
      );
  } else if (!signature.sigRef) {
    fail(
      signature,
      'PDF_SIGDICT_CONSISTENT',
      '签名字典不是间接对象',
      'The signature dictionary is not an indirect object',
    );
  }
}

function checkContentsDer(signature: AnalyzedSignature, contents: PdfString | undefined): void {
  const result = contents ? contentsDer(contents.bytes) : 'missing or not a string';
  if (typeof result === 'string') {
    fail(
      signature,
      'PDF_CONTENTS_DER',
      `/Contents 不是唯一的 DER 编码 CMS SignedData：${result}`,
      `/Contents is not exactly one DER CMS SignedData: ${result}`,
    );
    return;
  }
  signature.contents = result.der;
  signature.contentsValid = true;
  pass(
    signature,
    'PDF_CONTENTS_DER',
    '/Contents 为唯一的 DER CMS SignedData，填充全为 0',
    '/Contents holds one DER CMS SignedData with one SignerInfo; padding is all zeros',
    {
      derLength: result.der.length,
      encoding: result.indefinite ? 'BER (indefinite lengths)' : 'DER',
      placeholderLength: contents?.bytes.length,
    },
  );
}

/** The DER of /Contents without padding, or what is wrong with it. */
function contentsDer(bytes: Uint8Array): { der: Uint8Array; indefinite: boolean } | string {
  // BER indefinite lengths are accepted (NSS, used by poppler and Firefox-based signers, writes them); the padding
  // after the structure must be all zeros and there must be exactly one SignerInfo.
  if (bytes[0] !== 0x30) return 'does not start with a SEQUENCE';
  try {
    const outer = readNode(bytes, 0, bytes.length);
    for (let i = outer.end; i < bytes.length; i++) if (bytes[i] !== 0) return 'non-zero bytes after the CMS structure';
    const [contentType, explicit] = childrenOf(outer);
    const oid = contentType ? bytes.subarray(contentType.start, contentType.end) : new Uint8Array(0);
    if (oid.length !== SIGNED_DATA_OID.length || oid.some((b, k) => b !== SIGNED_DATA_OID[k]))
      return 'content type is not signedData';
    if (explicit?.tag !== 0xa0) return 'no [0] content';
    const [signedData] = childrenOf(explicit);
    if (signedData?.tag !== 0x30) return 'SignedData is not a SEQUENCE';
    const signerInfos = childrenOf(signedData).at(-1);
    if (signerInfos?.tag !== 0x31) return 'no signerInfos SET';
    const count = childrenOf(signerInfos).length;
    if (count !== 1) return `${count} SignerInfos (exactly one is required)`;
    return { der: bytes.slice(0, outer.end), indefinite: bytes[1] === 0x80 };
  } catch (error) {
    return `malformed ASN.1 (${describe(error)})`;
  }
}

function checkCollisions(file: PdfFile, targets: AnalyzedSignature[], signatures: AnalyzedSignature[]): void {
  for (const signature of targets) {
    if (!signature.byteRange || signature.revision < 0) continue;
    const clash = signatures.find(
      (other) =>
        other !== signature &&
        other.byteRange !== undefined &&
        (other.revision === signature.revision ||
          (other.revision >= 0 &&
            other.revision < signature.revision &&
            other.byteRange[2] + other.byteRange[3] > signature.byteRange![1])),
    );
    if (clash) {
      fail(
        signature,
        'PDF_BYTERANGE_COLLISION',
        `签名范围与签名“${clash.fieldName}”冲突（未按修订版本嵌套）`,
        `The byte range collides with signature "${clash.fieldName}" (ranges do not nest by revision)`,
      );
    } else {
      pass(signature, 'PDF_BYTERANGE_COLLISION', '签名范围按修订版本嵌套', 'Byte ranges nest by revision', {
        revisions: file.revisions.length,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Changes after signing

type Kind = Change['kind'];
type SignatureTest = (value: PdfObject | undefined) => PdfDict | undefined;

function isSigDict(value: PdfObject | undefined): boolean {
  return (
    value instanceof PdfDict &&
    (value.name('Type') === 'Sig' ||
      value.name('Type') === 'DocTimeStamp' ||
      (value.get('ByteRange') !== undefined && value.get('Contents') !== undefined))
  );
}

/** Classifies the changes revision `rev` made relative to `rev - 1`. */
function changesOfRevision(file: PdfFile, rev: number): Change[] {
  const revision = file.revisions[rev];
  if (!revision) return [];
  const kinds = new Map<number, Kind>();
  const changed = new Map<number, { prev?: IndirectObject; cur?: IndirectObject; relocated: boolean }>();
  for (const [num, entry] of revision.entries) {
    let prev: IndirectObject | undefined;
    let cur: IndirectObject | undefined;
    try {
      prev = file.object(num, rev - 1);
    } catch {
      prev = undefined;
    }
    try {
      cur = file.object(num, rev);
    } catch {
      kinds.set(num, 'unknown');
      changed.set(num, { relocated: false });
      continue;
    }
    // New containers are bookkeeping (their objects have their own entries); a replaced container is a change,
    // because viewers resolve compressed objects through the newest container.
    if (
      prev === undefined &&
      cur?.value instanceof PdfStream &&
      (cur.value.dict.name('Type') === 'XRef' || cur.value.dict.name('Type') === 'ObjStm')
    )
      continue;
    if (prev === undefined && cur === undefined) continue;
    if (prev && cur && sameObject(prev.value, cur.value)) continue;
    // An entry that points at bytes written before this revision re-maps the object to old, unsigned-for-it data.
    const relocated =
      (entry.type === 1 && entry.offset < revision.start) ||
      (entry.type === 2 && (file.entryAt(entry.stream, rev)?.revision ?? rev) < rev);
    const item: { prev?: IndirectObject; cur?: IndirectObject; relocated: boolean } = { relocated };
    if (prev) item.prev = prev;
    if (cur) item.cur = cur;
    changed.set(num, item);
  }
  const catalog = file.dict(revision.trailer.get('Root'), rev);
  const rootNum = revision.trailer.get('Root') instanceof PdfRef ? (revision.trailer.get('Root') as PdfRef).num : -1;
  const previousTrailer = file.revisions[rev - 1]?.trailer;
  const infoRef = revision.trailer.get('Info');
  const xmpRef = catalog?.get('Metadata');
  // Metadata objects are worked out only for revisions that touch them (it takes a walk over the document).
  const touchesMetadata =
    (infoRef instanceof PdfRef && changed.has(infoRef.num)) ||
    (xmpRef instanceof PdfRef && changed.has(xmpRef.num)) ||
    !sameObject(previousTrailer?.get('Info'), infoRef) ||
    !sameObject(file.dict(previousTrailer?.get('Root'), rev - 1)?.get('Metadata'), xmpRef);
  const metadataNums = touchesMetadata ? metadataOnlyObjects(file, rev, catalog, revision.trailer) : new Set<number>();
  const isMetadataTarget = (value: PdfObject | undefined) =>
    value === undefined || (value instanceof PdfRef && metadataNums.has(value.num));
  /** Entries that are not objects of their own ("catalog /Metadata", "trailer /Info"), by kind. */
  const groups = new Map<Kind, string[]>();
  const note = (kind: Kind, entry: string) => groups.set(kind, [...(groups.get(kind) ?? []), entry]);
  const dssNums = new Set<number>();
  collectRefs(file, catalog?.get('DSS'), rev, dssNums, 0);
  const previousDss = new Set<number>();
  collectRefs(
    file,
    file.dict(file.revisions[rev - 1]?.trailer.get('Root'), rev - 1)?.get('DSS'),
    rev - 1,
    previousDss,
    0,
  );
  /** A signature value counts only when it is a new signature dictionary of this revision. */
  const newSignature = (value: PdfObject | undefined): PdfDict | undefined => {
    if (!(value instanceof PdfRef)) return undefined;
    const item = changed.get(value.num);
    const dictionary = item?.cur?.value;
    return item && !item.prev && dictionary instanceof PdfDict && isSigDict(dictionary) ? dictionary : undefined;
  };

  const widgetKind = (value: PdfDict): Kind => {
    if (value.name('FT') === 'Sig' || value.name('Subtype') === 'Widget') {
      const v = newSignature(value.get('V'));
      if (value.name('FT') === 'Sig' && v) return v.name('Type') === 'DocTimeStamp' ? 'doc-timestamp' : 'signature';
      if (value.name('FT') === 'Sig') return 'annotation'; // unsigned new signature field (sneaky signature)
      return 'form-fill';
    }
    return 'annotation';
  };
  const classify = (num: number, item: { prev?: IndirectObject; cur?: IndirectObject; relocated: boolean }): Kind => {
    if (item.relocated) return 'xref-only';
    const cur = item.cur?.value;
    const prev = item.prev?.value;
    if (cur === undefined) return 'content'; // deleted object
    if (metadataNums.has(num)) return 'metadata';
    if (dssNums.has(num) && (!prev || previousDss.has(num))) return 'dss';
    if (isSigDict(cur) && !prev)
      return (cur as PdfDict).name('Type') === 'DocTimeStamp' ? 'doc-timestamp' : 'signature';
    const curDict = cur instanceof PdfDict ? cur : undefined;
    const prevDict = prev instanceof PdfDict ? prev : undefined;
    const before = (d: PdfDict, key: string) => file.get(d.get(key), rev - 1);
    const after = (d: PdfDict, key: string) => file.get(d.get(key), rev);
    if (num === rootNum && curDict && prevDict) {
      let keys = changedKeys(prevDict, curDict);
      if (keys.includes('Metadata')) {
        // A new XMP reference counts as metadata only when it points at a metadata-only stream (or is removed).
        if (!isMetadataTarget(curDict.get('Metadata'))) return 'content';
        keys = keys.filter((k) => k !== 'Metadata');
        if (keys.length === 0) return 'metadata';
        note('metadata', 'catalog /Metadata');
      }
      // Signing products also declare the PDF version and developer extensions in the catalog of the signature's
      // revision (iText, Acrobat: /Extensions /ESIC for PAdES): accepted as direct values, and only next to a
      // signature, document time-stamp or DSS.
      const declarations = keys.filter((k) => (k === 'Version' || k === 'Extensions') && isDirect(curDict.get(k)));
      keys = keys.filter((k) => !declarations.includes(k));
      let kind: Kind = 'content';
      if (keys.length > 0 && keys.every((k) => k === 'DSS')) kind = 'dss';
      else if (keys.length > 0 && keys.every((k) => k === 'AcroForm' || k === 'DSS'))
        kind = fieldsKind(file, rev, before(prevDict, 'AcroForm'), after(curDict, 'AcroForm'), newSignature);
      if (declarations.length > 0 && kind !== 'signature' && kind !== 'doc-timestamp' && kind !== 'dss')
        return 'content';
      return kind;
    }
    if (curDict && prevDict && curDict.get('FT') !== undefined) {
      // An existing form field: filling it changes only its value and appearance.
      const keys = changedKeys(prevDict, curDict);
      if (curDict.name('FT') === 'Sig' && keys.every((k) => ['V', 'AP', 'F', 'AS'].includes(k)))
        return widgetKind(curDict);
      if (keys.every((k) => ['V', 'AP', 'AS'].includes(k))) return 'form-fill';
      return curDict.name('Subtype') === 'Widget' ? 'annotation' : 'content';
    }
    if (
      curDict &&
      (curDict.name('Type') === 'Annot' || (curDict.get('Subtype') !== undefined && curDict.get('Rect') !== undefined))
    ) {
      if (!prevDict) return widgetKind(curDict);
      const keys = changedKeys(prevDict, curDict);
      if (curDict.name('Subtype') === 'Widget' && keys.every((k) => k === 'AP' || k === 'AS')) return 'form-fill';
      return 'annotation';
    }
    if (curDict && prevDict && curDict.name('Type') === 'Page') {
      const keys = changedKeys(prevDict, curDict);
      if (keys.every((k) => k === 'Annots'))
        return annotsKind(file, rev, before(prevDict, 'Annots'), after(curDict, 'Annots'), newSignature);
      return 'content';
    }
    if (curDict && prevDict && (curDict.get('Fields') !== undefined || curDict.get('SigFlags') !== undefined)) {
      const keys = changedKeys(prevDict, curDict);
      if (acroFormChangeAllowed(prevDict, keys)) return fieldsKind(file, rev, prevDict, curDict, newSignature);
      return 'content';
    }
    if (cur instanceof PdfArray && prev instanceof PdfArray) {
      // An indirect /Annots or /Fields array: only appends are acceptable.
      return appendedKind(file, rev, prev, cur, newSignature);
    }
    if (curDict && !prevDict && curDict.get('FT') !== undefined)
      return curDict.name('FT') === 'Sig' ? widgetKind(curDict) : 'content';
    return prev === undefined ? 'unknown' : 'content';
  };
  for (const [num, item] of changed) if (!kinds.has(num)) kinds.set(num, classify(num, item));
  // New objects reachable from a classified annotation / widget / signature inherit its kind (appearance streams).
  const inheritBudget = { left: 200_000 };
  for (const [num, kind] of [...kinds]) {
    if (kind === 'content' || kind === 'unknown' || kind === 'xref-only' || kind === 'metadata') continue;
    const reached = new Set<number>();
    collectRefs(
      file,
      file.object(num, rev)?.value,
      rev,
      reached,
      0,
      inheritBudget,
      (n) => changed.get(n)?.prev === undefined && changed.has(n),
    );
    for (const n of reached) {
      const item = changed.get(n);
      if (item && !item.prev && (kinds.get(n) === 'unknown' || kinds.get(n) === 'content')) kinds.set(n, kind);
    }
  }
  // New objects nothing refers to cannot change what is displayed (some signers leave such orphans): ignore them,
  // unless reachability cannot be established within the budget (then they stay 'unknown': fail closed).
  const orphanCandidates = [...kinds].filter(
    ([n, k]) => k === 'unknown' && changed.get(n)?.cur && !changed.get(n)?.prev,
  );
  if (orphanCandidates.length > 0) {
    const reachable = reachableObjects(file, rev);
    if (reachable) for (const [n] of orphanCandidates) if (!reachable.has(n)) kinds.delete(n);
  }
  // A trailer that switches /Root or /Encrypt to another object changes what viewers show; /Info may move to another
  // metadata-only dictionary (or go away).
  for (const key of ['Root', 'Encrypt', 'Info']) {
    if (sameObject(previousTrailer?.get(key), revision.trailer.get(key))) continue;
    note(key === 'Info' && isMetadataTarget(infoRef) ? 'metadata' : 'content', `trailer /${key}`);
  }
  for (const [num, kind] of kinds) {
    const list = groups.get(kind) ?? [];
    list.push(`${num} ${changed.get(num)?.cur?.gen ?? 0}`);
    groups.set(kind, list);
  }
  return [...groups].map(([kind, objects]) => ({ revision: rev, objects, permitted: false, kind }));
}

const isScalar = (value: PdfObject | undefined): boolean =>
  value === null ||
  typeof value === 'number' ||
  typeof value === 'boolean' ||
  value instanceof PdfString ||
  value instanceof PdfName;

/** A value without indirect references (scalars, and arrays or dictionaries of them), depth-bounded. */
function isDirect(value: PdfObject | undefined, depth = 0): boolean {
  if (isScalar(value)) return true;
  if (depth > 4) return false;
  if (value instanceof PdfArray) return value.items.every((item) => isDirect(item, depth + 1));
  if (value instanceof PdfDict) return [...value.map.values()].every((item) => isDirect(item, depth + 1));
  return false;
}

/**
 * Objects of revision `rev` that carry document metadata and nothing else: the trailer /Info dictionary when every
 * value is a direct string, name, number or boolean, and the catalog's /Metadata stream (/Type /Metadata, direct
 * entries, /Length possibly an indirect number) with that /Length object — each only when nothing else in the
 * document refers to it (every key followed, /P and /Parent too), so it cannot be page content, an annotation or a
 * field. Empty when reachability cannot be established within the budget (fail closed: the change stays content).
 */
function metadataOnlyObjects(file: PdfFile, rev: number, catalog: PdfDict | undefined, trailer: PdfDict): Set<number> {
  const out = new Set<number>();
  const root = trailer.get('Root');
  if (!catalog || !(root instanceof PdfRef)) return out;
  const others = [...catalog.map].filter(([key]) => key !== 'Metadata').map(([, value]) => value);
  const used = reachableFrom(file, rev, [...others, trailer.get('Encrypt')], new Set([root.num]));
  if (!used) return out;
  const resolveFree = (value: PdfObject | undefined): PdfObject | undefined => {
    if (!(value instanceof PdfRef) || used.has(value.num)) return undefined;
    try {
      return file.object(value.num, rev)?.value;
    } catch {
      return undefined;
    }
  };
  const info = trailer.get('Info');
  const infoDict = resolveFree(info);
  if (infoDict instanceof PdfDict && [...infoDict.map.values()].every(isScalar)) out.add((info as PdfRef).num);
  const xmp = catalog.get('Metadata');
  const stream = resolveFree(xmp);
  if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'Metadata') return out;
  if (info instanceof PdfRef && (xmp as PdfRef).num === info.num) return out;
  const length = stream.dict.get('Length');
  const entriesDirect = [...stream.dict.map].every(([key, value]) => key === 'Length' || isDirect(value));
  if (!entriesDirect) return out;
  if (length instanceof PdfRef) {
    if (length.num === (xmp as PdfRef).num || (info instanceof PdfRef && length.num === info.num)) return out;
    if (typeof resolveFree(length) !== 'number') return out;
    out.add(length.num);
  } else if (typeof length !== 'number') {
    return out;
  }
  out.add((xmp as PdfRef).num);
  return out;
}

function appendedKind(file: PdfFile, rev: number, prev: PdfArray, cur: PdfArray, newSignature: SignatureTest): Kind {
  if (cur.items.length < prev.items.length || !prev.items.every((x, i) => sameObject(x, cur.items[i])))
    return 'content';
  let kind: Kind = 'signature';
  for (const item of cur.items.slice(prev.items.length)) {
    const d = file.dict(item, rev);
    if (!d) return 'unknown';
    const v = newSignature(d.get('V'));
    if (d.name('FT') === 'Sig' && v) {
      if (v.name('Type') === 'DocTimeStamp' && kind === 'signature') kind = 'doc-timestamp';
      continue;
    }
    if (d.name('FT') === 'Sig' || (d.name('Type') === 'Annot' && d.name('Subtype') !== 'Widget')) kind = 'annotation';
    else return 'content';
  }
  return kind;
}

function annotsKind(
  file: PdfFile,
  rev: number,
  prev: PdfObject | undefined,
  cur: PdfObject | undefined,
  newSignature: SignatureTest,
): Kind {
  const p = prev instanceof PdfArray ? prev : new PdfArray([]);
  if (!(cur instanceof PdfArray)) return 'content';
  return appendedKind(file, rev, p, cur, newSignature);
}

/** AcroForm keys a signing tool may change: /Fields (appends), /SigFlags, and /DA or /DR when newly added (Acrobat). */
function acroFormChangeAllowed(prev: PdfDict, keys: string[]): boolean {
  return keys.every(
    (k) => k === 'Fields' || k === 'SigFlags' || ((k === 'DA' || k === 'DR') && prev.get(k) === undefined),
  );
}

function fieldsKind(
  file: PdfFile,
  rev: number,
  prev: PdfObject | undefined,
  cur: PdfObject | undefined,
  newSignature: SignatureTest,
): Kind {
  const p = prev instanceof PdfDict ? prev : new PdfDict();
  if (!(cur instanceof PdfDict)) return 'content';
  const keys = changedKeys(p, cur);
  if (!acroFormChangeAllowed(p, keys)) return 'content';
  if (!keys.includes('Fields')) return 'signature';
  const pf = file.get(p.get('Fields'), rev - 1);
  const cf = file.get(cur.get('Fields'), rev);
  if (!(cf instanceof PdfArray)) return 'content';
  return appendedKind(file, rev, pf instanceof PdfArray ? pf : new PdfArray([]), cf, newSignature);
}

/** Whether annotation `num` (in revision `rev`) has a non-empty /Rect intersecting its page's MediaBox (or no /P). */
function coversPage(file: PdfFile, num: number, rev: number): boolean {
  let annotation: PdfDict | undefined;
  let box: PdfObject | undefined;
  try {
    annotation = file.dict(new PdfRef(num, 0), rev);
    box = file.get(file.dict(annotation?.get('P'), rev)?.get('MediaBox'), rev);
  } catch {
    return true;
  }
  if (annotation?.get('Rect') === undefined && annotation?.name('Type') !== 'Annot') return false; // not an annotation (its /AP stream, the page)
  const rect = rectangle(file.get(annotation?.get('Rect'), rev));
  if (!rect) return annotation?.name('Type') === 'Annot'; // an annotation without a usable /Rect: assume it shows
  if (rect[2] - rect[0] <= 0 || rect[3] - rect[1] <= 0) return false;
  const page = rectangle(box);
  if (!page) return true;
  return rect[0] < page[2] && rect[2] > page[0] && rect[1] < page[3] && rect[3] > page[1];
}

/** A normalised [llx, lly, urx, ury] rectangle, or undefined. */
function rectangle(value: PdfObject | undefined): [number, number, number, number] | undefined {
  if (!(value instanceof PdfArray) || value.items.length !== 4 || value.items.some((n) => typeof n !== 'number'))
    return undefined;
  const [a, b, c, d] = value.items as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** Fully qualified name of the field an object (field or widget) belongs to, following /Parent. */
function fieldFullName(file: PdfFile, num: number, rev: number): string | undefined {
  const parts: string[] = [];
  let current: PdfObject | undefined = new PdfRef(num, 0);
  for (let depth = 0; depth < 32 && current !== undefined; depth++) {
    let node: PdfDict | undefined;
    try {
      node = file.dict(current, rev);
    } catch {
      return undefined;
    }
    if (!node) break;
    const partial = decodeTextString(node.get('T'));
    if (partial !== undefined) parts.unshift(partial);
    current = node.get('Parent');
  }
  return parts.length > 0 ? parts.join('.') : undefined;
}

function isLocked(locks: FieldLock[], name: string): boolean {
  return locks.some((lock) =>
    lock.action === 'All' ? true : lock.action === 'Include' ? lock.fields.includes(name) : !lock.fields.includes(name),
  );
}

/** Every object number reachable from the trailer of revision `rev` (iterative), or undefined past the budget. */
const reachBudgets = new WeakMap<PdfFile, { left: number }>();

function reachableObjects(file: PdfFile, rev: number): Set<number> | undefined {
  const trailer = file.revisions[rev]?.trailer;
  return reachableFrom(file, rev, [trailer?.get('Root'), trailer?.get('Info'), trailer?.get('Encrypt')]);
}

/**
 * Object numbers reachable from `roots` in revision `rev` through every key (added to `seen`), or undefined past the
 * budget.
 */
function reachableFrom(
  file: PdfFile,
  rev: number,
  roots: Array<PdfObject | undefined>,
  seen = new Set<number>(),
): Set<number> | undefined {
  // One budget per file across all revisions, so many revisions cannot multiply the work.
  let budget = reachBudgets.get(file);
  if (!budget) {
    budget = { left: 4_000_000 };
    reachBudgets.set(file, budget);
  }
  const stack: Array<PdfObject | undefined> = [...roots];
  while (stack.length > 0) {
    if (--budget.left < 0) return undefined;
    const value = stack.pop();
    if (value instanceof PdfRef) {
      if (seen.has(value.num)) continue;
      seen.add(value.num);
      try {
        stack.push(file.object(value.num, rev)?.value);
      } catch {
        // unreadable: nothing further is reachable through it
      }
    } else if (value instanceof PdfArray) {
      for (const item of value.items) stack.push(item);
    } else if (value instanceof PdfDict || value instanceof PdfStream) {
      for (const item of (value instanceof PdfStream ? value.dict : value).map.values()) stack.push(item);
    }
  }
  return seen;
}

/** Collects object numbers reachable from `value` (not through /P or /Parent), within a shared node budget. */
function collectRefs(
  file: PdfFile,
  value: PdfObject | undefined,
  rev: number,
  out: Set<number>,
  depth: number,
  budget: { left: number } = { left: 100_000 },
  follow: (num: number) => boolean = () => true,
): void {
  if (depth > 24 || --budget.left < 0 || value === undefined || value === null) return;
  if (value instanceof PdfRef) {
    if (out.has(value.num) || !follow(value.num)) return;
    out.add(value.num);
    let target: PdfObject | undefined;
    try {
      target = file.object(value.num, rev)?.value;
    } catch {
      return;
    }
    collectRefs(file, target, rev, out, depth + 1, budget, follow);
  } else if (value instanceof PdfArray) {
    for (const item of value.items) {
      if (budget.left < 0) return;
      collectRefs(file, item, rev, out, depth + 1, budget, follow);
    }
  } else if (value instanceof PdfDict || value instanceof PdfStream) {
    const d = value instanceof PdfStream ? value.dict : value;
    for (const [key, item] of d.map) {
      if (budget.left < 0) return;
      if (key !== 'P' && key !== 'Parent') collectRefs(file, item, rev, out, depth + 1, budget, follow);
    }
  }
}

function checkChanges(
  file: PdfFile,
  signature: AnalyzedSignature,
  all: AnalyzedSignature[],
  certification: AnalyzedSignature | undefined,
  cache: Map<number, Change[]>,
  allow: 'docmdp' | 'none',
  metadataPolicy: PdfMetadataChangePolicy,
): void {
  if (signature.revision < 0) return;
  const p = certification && certification.revision <= signature.revision ? certification.certification : undefined;
  const changes: Change[] = [];
  try {
    for (let rev = signature.revision + 1; rev < file.revisions.length; rev++) {
      let list = cache.get(rev);
      if (!list) {
        list = changesOfRevision(file, rev);
        cache.set(rev, list);
      }
      for (const change of list) changes.push({ ...change, objects: [...change.objects] });
    }
  } catch (error) {
    changes.push({ revision: file.revisions.length - 1, objects: [], permitted: false, kind: 'unknown' });
    signature.checks.push(
      createCheck(
        'PDF_POST_SIGN_CHANGES',
        'FAILED',
        `无法分析签名后的修改：${describe(error)}`,
        `Changes after signing cannot be analysed: ${describe(error)}`,
        { subIndication: 'FORMAT_FAILURE' },
      ),
    );
  }
  if (file.trailingGarbage > 0)
    changes.push({ revision: file.revisions.length, objects: [], permitted: false, kind: 'unknown' });
  // Revisions that end a later signature or time-stamp whose byte range is aligned with them: their metadata update
  // is covered (signed) by that later signature.
  const signedLater = new Set(
    all
      .filter(
        (s) =>
          s.revision > signature.revision &&
          s.checks.some((c) => c.id === 'PDF_BYTERANGE_REVISION' && c.status === 'PASSED'),
      )
      .map((s) => s.revision),
  );
  const addsSignature = (rev: number) =>
    signedLater.has(rev) &&
    changes.some((c) => c.revision === rev && (c.kind === 'signature' || c.kind === 'doc-timestamp'));
  for (const change of changes) {
    switch (change.kind) {
      case 'metadata':
        change.permitted =
          p !== 1 &&
          (metadataPolicy === 'allow' || (metadataPolicy === 'allow-with-signature' && addsSignature(change.revision)));
        break;
      case 'dss':
      case 'doc-timestamp':
        change.permitted = true;
        break;
      case 'signature':
        change.permitted = p !== 1;
        break;
      case 'form-fill':
        change.permitted = allow === 'docmdp' && (p === undefined || p >= 2);
        break;
      case 'annotation':
        change.permitted = allow === 'docmdp' && (p === undefined || p === 3);
        break;
      default:
        change.permitted = false;
    }
  }
  signature.changes = changes;
  if (signature.checks.some((c) => c.id === 'PDF_POST_SIGN_CHANGES')) return;
  const forbidden = changes.filter((c) => !c.permitted);
  const soft = changes.filter((c) => c.permitted && (c.kind === 'form-fill' || c.kind === 'annotation'));
  const summary = changes.map((c) => `r${c.revision}:${c.kind}${c.permitted ? '' : '(!)'}`).join(', ');
  if (forbidden.length > 0) {
    const kinds = [...new Set(forbidden.map((c) => c.kind))].join(', ');
    signature.checks.push(
      createCheck(
        'PDF_POST_SIGN_CHANGES',
        'FAILED',
        `签名后文档被修改（${kinds}）`,
        `The document was modified after signing (${kinds})`,
        { subIndication: 'FORMAT_FAILURE', details: { changes: summary } },
      ),
    );
  } else if (soft.length > 0) {
    signature.checks.push(
      createCheck(
        'PDF_POST_SIGN_CHANGES',
        'INDETERMINATE',
        '签名后有允许的表单填写或注释修改，需人工确认',
        'Permitted form-fill or annotation changes were made after signing; review them',
        { subIndication: 'SIG_CONSTRAINTS_FAILURE', details: { changes: summary } },
      ),
    );
  } else {
    const withMetadata = changes.some((c) => c.kind === 'metadata');
    signature.checks.push(
      createCheck(
        'PDF_POST_SIGN_CHANGES',
        'PASSED',
        !changes.length
          ? '签名后文档未被修改'
          : withMetadata
            ? '签名后仅追加了签名、DSS、文档时间戳及允许的元数据更新'
            : '签名后仅追加了签名、DSS 或文档时间戳',
        !changes.length
          ? 'The document is unchanged since signing'
          : withMetadata
            ? 'Only signatures, DSS, document time-stamps and permitted metadata updates were added after signing'
            : 'Only signatures, DSS or document time-stamps were added after signing',
        { details: { changes: summary } },
      ),
    );
  }
  checkMetadataChanges(signature, changes, metadataPolicy, p);
  // PDF_DOCMDP
  if (signature.certification !== undefined) {
    const first = all.filter((s) => s.revision >= 0).every((s) => s === signature || s.revision > signature.revision);
    const catalog = file.dict(file.revisions[signature.revision]?.trailer.get('Root'), signature.revision);
    const permsSig = file.dict(catalog?.get('Perms'), signature.revision)?.get('DocMDP');
    const linked =
      permsSig instanceof PdfRef && signature.sigRef !== undefined && permsSig.num === signature.sigRef.num;
    const violations = changes.filter((c) => !c.permitted);
    if (!first)
      fail(
        signature,
        'PDF_DOCMDP',
        '认证签名不是文档中的第一个签名',
        'The certification signature is not the first signature',
      );
    else if (!linked)
      fail(
        signature,
        'PDF_DOCMDP',
        '目录 /Perms /DocMDP 未指向该认证签名',
        'Catalog /Perms /DocMDP does not point to this certification signature',
      );
    else if (violations.length > 0)
      fail(
        signature,
        'PDF_DOCMDP',
        `签名后的修改超出 DocMDP P=${signature.certification} 的许可`,
        `Changes after signing exceed what DocMDP P=${signature.certification} permits`,
        { kinds: violations.map((c) => c.kind) },
      );
    else
      pass(
        signature,
        'PDF_DOCMDP',
        `认证签名（DocMDP P=${signature.certification}）的限制得到遵守`,
        `Certification (DocMDP P=${signature.certification}) constraints are respected`,
      );
  } else if (p !== undefined) {
    const violations = changes.filter((c) => !c.permitted);
    if (violations.length > 0)
      fail(
        signature,
        'PDF_DOCMDP',
        `修改超出文档认证 DocMDP P=${p} 的许可`,
        `Changes exceed the document certification DocMDP P=${p}`,
      );
    else
      pass(
        signature,
        'PDF_DOCMDP',
        `文档认证 DocMDP P=${p} 的限制得到遵守`,
        `Document certification DocMDP P=${p} is respected`,
      );
  }
  // FieldMDP: form fills of fields this signature locked.
  if (signature.fieldLocks.length > 0) {
    const locked = changes
      .filter((c) => c.kind === 'form-fill')
      .flatMap((c) =>
        c.objects
          .map((o) => fieldFullName(file, Number(o.split(' ')[0]), c.revision))
          .filter((name) => name !== undefined && isLocked(signature.fieldLocks, name)),
      );
    if (locked.length > 0) {
      for (const change of changes) if (change.kind === 'form-fill') change.permitted = false;
      fail(
        signature,
        'PDF_DOCMDP',
        `签名锁定的表单域在签名后被修改：${locked.join(', ')}`,
        `Form fields locked by this signature (FieldMDP) were changed: ${locked.join(', ')}`,
        { locked },
      );
      const post = signature.checks.find((c) => c.id === 'PDF_POST_SIGN_CHANGES');
      if (post && post.status !== 'FAILED') {
        post.status = 'FAILED';
        post.subIndication = 'FORMAT_FAILURE';
        post.message = { zh: '签名后修改了被锁定的表单域', en: 'Locked form fields were changed after signing' };
      }
    } else {
      pass(
        signature,
        'PDF_DOCMDP',
        '签名锁定的表单域未被修改',
        'Form fields locked by this signature (FieldMDP) are unchanged',
      );
    }
  }
  // PDF_ANNOT_OVERLAP: annotations added or changed after signing whose rectangle covers part of their page.
  const annotationChanges = changes.filter((c) => c.kind === 'annotation');
  const covering: string[] = [];
  for (const change of annotationChanges) {
    const hits = change.objects.filter((o) => coversPage(file, Number(o.split(' ')[0]), change.revision));
    change.overlapsContent = hits.length > 0;
    covering.push(...hits);
  }
  if (covering.length > 0) {
    signature.checks.push(
      createCheck(
        'PDF_ANNOT_OVERLAP',
        'WARNING',
        '签名后新增或修改的注释覆盖页面区域',
        'Annotations added or changed after signing cover part of the page',
        {
          details: { objects: covering },
        },
      ),
    );
  } else if (annotationChanges.length > 0) {
    pass(
      signature,
      'PDF_ANNOT_OVERLAP',
      '签名后新增的注释不可见（零尺寸）',
      'Annotations added after signing are invisible (zero size)',
    );
  }
  checkShadowRisk(file, signature);
}

/** PDF_METADATA_CHANGES: names every /Info or XMP change after the signature; WARNING when accepted, else FAILED. */
function checkMetadataChanges(
  signature: AnalyzedSignature,
  changes: Change[],
  policy: PdfMetadataChangePolicy,
  p: number | undefined,
): void {
  const metadata = changes.filter((c) => c.kind === 'metadata');
  if (metadata.length === 0) return;
  const revisions = metadata.map((c) => c.revision + 1);
  const details = { revisions, objects: metadata.flatMap((c) => c.objects), policy };
  const list = revisions.join(', ');
  if (metadata.every((c) => c.permitted)) {
    signature.checks.push(
      createCheck(
        'PDF_METADATA_CHANGES',
        'WARNING',
        `签名后文档元数据（/Info、XMP）在修订版本 ${list} 中被更新${policy === 'allow' ? '（策略允许）' : '，与后续签名在同一修订版本中'}`,
        `The document metadata (/Info, XMP) was updated after signing in revision(s) ${list}${policy === 'allow' ? ' (allowed by the policy)' : ', together with a later signature'}`,
        { details },
      ),
    );
    return;
  }
  const why =
    p === 1
      ? { zh: '文档认证 DocMDP P=1 不允许任何修改', en: 'the DocMDP P=1 certification permits no change' }
      : policy === 'reject'
        ? { zh: '策略 metadataChanges: reject 不允许', en: "the policy metadataChanges: 'reject' forbids it" }
        : { zh: '该修订版本没有新增签名或文档时间戳', en: 'that revision adds no signature or document time-stamp' };
  signature.checks.push(
    createCheck(
      'PDF_METADATA_CHANGES',
      'FAILED',
      `签名后文档元数据（/Info、XMP）在修订版本 ${list} 中被修改：${why.zh}`,
      `The document metadata (/Info, XMP) was changed after signing in revision(s) ${list}: ${why.en}`,
      { subIndication: 'FORMAT_FAILURE', details },
    ),
  );
}

const isDigitByte = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isSpaceByte = (c: number | undefined) =>
  c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0c || c === 0x00;
const shadowCache = new WeakMap<PdfFile, Map<number, string[]>>();

/** Object headers `n g obj` at line starts in one revision's bytes that the revision's xref does not point to. */
function revisionShadowFindings(file: PdfFile, rev: number): string[] {
  let cache = shadowCache.get(file);
  if (!cache) {
    cache = new Map();
    shadowCache.set(file, cache);
  }
  const cached = cache.get(rev);
  if (cached) return cached;
  const findings: string[] = [];
  const revision = file.revisions[rev];
  if (revision) {
    const bytes = file.bytes;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const seen = new Set<number>();
    // Native substring search, then a short backward parse: far cheaper than a regex over a latin1 copy.
    for (
      let at = buffer.indexOf('obj', revision.start, 'latin1');
      at >= 0 && at < revision.end && findings.length <= 20;
      at = buffer.indexOf('obj', at + 3, 'latin1')
    ) {
      const after = bytes[at + 3];
      if (
        after !== undefined &&
        !isSpaceByte(after) &&
        after !== 0x3c &&
        after !== 0x5b &&
        after !== 0x2f &&
        after !== 0x25
      )
        continue;
      let p = at - 1;
      if (!isSpaceByte(bytes[p])) continue;
      while (isSpaceByte(bytes[p])) p--;
      const genEnd = p + 1;
      while (isDigitByte(bytes[p])) p--;
      if (p + 1 === genEnd || !isSpaceByte(bytes[p])) continue;
      while (isSpaceByte(bytes[p])) p--;
      const numEnd = p + 1;
      while (isDigitByte(bytes[p])) p--;
      const numStart = p + 1;
      if (numStart === numEnd || numEnd - numStart > 10) continue;
      while (bytes[p] === 0x20 || bytes[p] === 0x09) p--;
      if (p >= revision.start && bytes[p] !== 0x0a && bytes[p] !== 0x0d) continue;
      const num = Number(latin1(bytes, numStart, numEnd));
      if (seen.has(num)) findings.push(`object ${num} defined twice in revision ${rev + 1}`);
      seen.add(num);
      // The revision's own cross-reference stream need not list itself (iText and PDFBox leave it out or free).
      if (numStart === revision.xrefOffset) continue;
      const entry = revision.entries.get(num);
      if (entry?.type !== 1 || entry.offset !== numStart) {
        findings.push(`object ${num} at byte ${numStart} is not referenced by the xref of revision ${rev + 1}`);
      }
    }
  }
  cache.set(rev, findings);
  return findings;
}

/** PDF_SHADOW_RISK: duplicate or unreferenced object definitions in the signed revisions. */
function checkShadowRisk(file: PdfFile, signature: AnalyzedSignature): void {
  const findings: string[] = [];
  for (let rev = 0; rev <= signature.revision && findings.length <= 20; rev++)
    findings.push(...revisionShadowFindings(file, rev));
  if (findings.length > 0) {
    signature.checks.push(
      createCheck(
        'PDF_SHADOW_RISK',
        'WARNING',
        `已签名部分含有重复或未引用的对象定义（可用于影子攻击）：${findings[0]}`,
        `The signed part has duplicate or unreferenced object definitions (shadow-attack capable): ${findings[0]}`,
        { details: { findings } },
      ),
    );
  } else {
    pass(
      signature,
      'PDF_SHADOW_RISK',
      '已签名部分没有重复或未引用的对象定义',
      'No duplicate or unreferenced object definitions in the signed part',
    );
  }
}
