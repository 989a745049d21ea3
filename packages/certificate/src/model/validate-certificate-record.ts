import { type CheckResult, checkResidentId, checkUscc, type Issue } from '@zwfw/catalog';
import type { z } from 'zod';
import { checkCertificateId } from '../identifier/certificate-id';
import { maskCode } from '../internal/mask';
import { type CertificateRecord, CertificateRecordSchema } from './certificate-record';
import type { CertificateType } from './certificate-type';

/** The report of {@link validateCertificateRecord}: the catalog's `CheckResult` carrying the parsed record. */
export type CertificateRecordReport = CheckResult<CertificateRecord>;

/**
 * Validate a record against its certificate type: the record schema, the face schema (labels in messages), the
 * identifier (format, check character, and that its type code and version match the record), the holder code type
 * allowed by the type, the holder code (`checkResidentId` for 111, `checkUscc` for 001, from `@zwfw/catalog`), the
 * issuer's USCC, dates (issue ≤ valid from ≤ valid until) and the validity rule.
 * Never throws; personal data never appears in the messages.
 *
 * Issue codes: `RECORD_SCHEMA`, `RECORD_TYPE_MISMATCH`, `RECORD_FACE`, `RECORD_FACE_UNKNOWN` (warning),
 * `RECORD_IDENTIFIER_MISMATCH`, `RECORD_HOLDER_CODE_TYPE`, the catalog's `RESIDENT_ID_*` / `USCC_*` codes for
 * `holder.code` and `issuer.uscc`,
 * `RECORD_DATES`, `RECORD_VALIDITY`, plus the identifier's own `CERTIFICATE_ID_*` codes.
 *
 * @param record - any value (e.g. parsed JSON).
 * @param type - the certificate type it claims.
 * @returns `{ valid, issues, parts }`; `parts` is the parsed record when the schema accepted it.
 * @example
 * ```ts
 * const report = validateCertificateRecord(json, businessLicenceType);
 * if (!report.valid) for (const issue of report.issues) console.log(issue.path, issue.message.zh);
 * ```
 */
export function validateCertificateRecord(record: unknown, type: CertificateType): CertificateRecordReport {
  const issues: Issue[] = [];
  const parsed = CertificateRecordSchema.safeParse(record);
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, 'RECORD_SCHEMA', []));
    return { valid: false, issues };
  }
  const value = parsed.data;
  if (value.typeCode !== type.typeCode) {
    issues.push(
      issue(
        'RECORD_TYPE_MISMATCH',
        ['typeCode'],
        `证照类型代码与证照类型 ${type.name} 不一致`,
        `typeCode does not match certificate type ${type.name} (${type.typeCode})`,
      ),
    );
  }

  const face = type.faceSchema.safeParse(value.face);
  if (!face.success) issues.push(...zodIssues(face.error, 'RECORD_FACE', ['face'], type));
  const known = new Set(type.faceFields.map((field) => field.key));
  for (const key of Object.keys(value.face)) {
    if (!known.has(key)) {
      issues.push(
        issue(
          'RECORD_FACE_UNKNOWN',
          ['face', key],
          `证照类型 ${type.name} 未定义照面项 ${key}，该值不会打印`,
          `Face key ${key} is not defined by ${type.name} and will not be printed`,
          'warning',
        ),
      );
    }
  }

  const id = checkCertificateId(value.identifier);
  for (const idIssue of id.issues) issues.push({ ...idIssue, path: ['identifier', ...(idIssue.path ?? [])] });
  if (id.parts) {
    if (id.parts.typeCode !== value.typeCode) {
      issues.push(
        issue(
          'RECORD_IDENTIFIER_MISMATCH',
          ['identifier', 'typeCode'],
          '标识中的证照类型代码与记录不一致',
          "The identifier's type code differs from the record's typeCode",
        ),
      );
    }
    if (id.parts.version !== value.version) {
      issues.push(
        issue(
          'RECORD_IDENTIFIER_MISMATCH',
          ['identifier', 'version'],
          '标识中的版本号与记录不一致',
          "The identifier's version differs from the record's version",
        ),
      );
    }
  }

  const codeType = value.holder.codeType;
  if (!type.allowedHolderCodeTypes.includes(codeType)) {
    issues.push(
      issue(
        'RECORD_HOLDER_CODE_TYPE',
        ['holder', 'codeType'],
        `${type.name}的持证主体代码类型应为 ${type.allowedHolderCodeTypes.join('、')}，实际为 ${codeType}`,
        `${type.name} allows holder code types ${type.allowedHolderCodeTypes.join(', ')}, got ${codeType}`,
      ),
    );
  }
  // Holder and issuer codes use the catalog's checks (GB 11643 / GB 32100); their messages are already masked.
  const holderCheck =
    codeType === '111'
      ? checkResidentId(value.holder.code)
      : codeType === '001'
        ? checkUscc(value.holder.code)
        : undefined;
  const masked = maskCode(value.holder.code);
  for (const found of holderCheck?.issues ?? []) {
    // A holder code may be a person's ID number even when typed as a USCC: never echo it.
    const hide = (text: string) => text.split(value.holder.code).join(masked);
    issues.push({
      ...found,
      path: ['holder', 'code'],
      message: { zh: hide(found.message.zh), en: hide(found.message.en) },
    });
  }
  for (const found of checkUscc(value.issuer.uscc).issues) issues.push({ ...found, path: ['issuer', 'uscc'] });

  if (value.validUntil !== undefined && value.validUntil < value.validFrom) {
    issues.push(issue('RECORD_DATES', ['validUntil'], '有效期截止日期早于起始日期', 'validUntil is before validFrom'));
  }
  if (value.validUntil === undefined && !type.validity.longTerm) {
    issues.push(
      issue(
        'RECORD_VALIDITY',
        ['validUntil'],
        `${type.name}不允许长期有效，请填写有效期截止日期`,
        `${type.name} does not allow long-term validity; set validUntil`,
      ),
    );
  }
  if (value.validUntil !== undefined && type.validity.maxYears !== undefined) {
    const limit = new Date(`${value.validFrom}T00:00:00Z`);
    limit.setUTCFullYear(limit.getUTCFullYear() + type.validity.maxYears);
    if (new Date(`${value.validUntil}T00:00:00Z`) > limit) {
      issues.push(
        issue(
          'RECORD_VALIDITY',
          ['validUntil'],
          `${type.name}有效期最长 ${type.validity.maxYears} 年`,
          `${type.name} is valid for at most ${type.validity.maxYears} years`,
        ),
      );
    }
  }
  return { valid: !issues.some((i) => i.severity === 'error'), issues, parts: value };
}

function issue(
  code: string,
  path: (string | number)[],
  zh: string,
  en: string,
  severity: Issue['severity'] = 'error',
): Issue {
  return { code, severity, path, message: { zh, en } };
}

/** Convert zod issues; messages name the field (Chinese label for face fields) but never echo the value. */
function zodIssues(error: z.ZodError, code: string, prefix: (string | number)[], type?: CertificateType): Issue[] {
  return error.issues.map((zodIssue) => {
    const path = [...prefix, ...zodIssue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const key = String(zodIssue.path[0] ?? '');
    const label = type?.faceFields.find((field) => field.key === key)?.label;
    const where = path.join('.') || 'record';
    const zh = label ? `${label}（${where}）：${zodIssue.message}` : `${where}：${zodIssue.message}`;
    return issue(code, path, zh, `${where}: ${zodIssue.message}`);
  });
}
