import { z } from 'zod';
import { CertificateError } from '../errors';
import type { CertificateTemplate } from '../templates/certificate-template';
import { CalendarDateSchema } from './certificate-record';

/** 持证主体类别: natural person (自然人), legal person (法人) or other organisation (其他组织). */
export type HolderCategory = 'NATURAL_PERSON' | 'LEGAL_PERSON' | 'OTHER_ORGANIZATION';

/** One face field (照面要素) of a certificate type. */
export interface FaceFieldDefinition {
  /** Key in `record.face`, camelCase ASCII. */
  key: string;
  /** Chinese label printed and used in messages, e.g. `法定代表人`. */
  label: string;
  /** `text` single line, `multiline` wrapped text, `date` YYYY-MM-DD, `code` `0-9A-Z`. */
  kind: 'text' | 'multiline' | 'date' | 'code';
  /** Whether the field must be present and non-empty. */
  required: boolean;
  /** Maximum length in characters. */
  maxLength?: number;
  /** Regular expression the value must match (anchored by the author). */
  pattern?: RegExp;
}

/**
 * Validity rule (有效期限范围): `longTerm` allows records without `validUntil` (长期); `maxYears` caps the span from
 * `validFrom` to `validUntil`.
 */
export interface ValidityRule {
  /** Whether 长期 (no end date) is allowed. */
  longTerm: boolean;
  /** Longest allowed validity in years; omitted = unlimited. */
  maxYears?: number;
}

/** Input of {@link defineCertificateType}. */
export interface CertificateTypeInput {
  /** 证照类型代码 (21 characters: defining authority USCC + 3 digits). */
  typeCode: string;
  /** 证照类型名称, e.g. 营业执照. */
  name: string;
  /** 证照定义机构. */
  defineAuthority: { name: string; code: string };
  /** 持证主体类别. */
  holderCategory: HolderCategory;
  /** Allowed 持证主体代码类型 (e.g. `['001']` for a business licence, `['111']` for a person). */
  allowedHolderCodeTypes: string[];
  /** 照面信息 field definitions, in print order. */
  faceFields: FaceFieldDefinition[];
  /** 有效期限范围. */
  validity: ValidityRule;
  /** The template used when a render call names none. */
  defaultTemplate: CertificateTemplate;
}

/** A certificate type (证照目录 entry) with its generated face schema. */
export interface CertificateType extends CertificateTypeInput {
  /** Zod schema of `record.face`; each property carries `{ label }` metadata (`z.globalRegistry`). */
  faceSchema: z.ZodObject<Record<string, z.ZodType<string | undefined>>>;
}

/**
 * Define a certificate type: checks the definition and builds the zod schema of its face fields, each property
 * labelled in Chinese (`faceSchema.shape.legalRepresentative.meta()` → `{ label: '法定代表人' }`).
 *
 * @param input - the catalogue entry.
 * @returns the type with `faceSchema`.
 * @throws CertificateError `ERR_CERTIFICATE_TYPE_INVALID` for a type code outside `0-9A-Z`, duplicate or non-ASCII
 *   field keys, or a template field that refers to an unknown face key.
 * @example
 * ```ts
 * const proof = defineCertificateType({
 *   typeCode: '11430400MB1234567X001', name: '证明', holderCategory: 'NATURAL_PERSON',
 *   defineAuthority: { name: '衡阳市行政审批服务局', code: '11430400MB1234567X' },
 *   allowedHolderCodeTypes: ['111'], validity: { longTerm: true },
 *   faceFields: [{ key: 'content', label: '证明事项', kind: 'multiline', required: true, maxLength: 300 }],
 *   defaultTemplate: PROOF_CERTIFICATE_TEMPLATE,
 * });
 * ```
 */
export function defineCertificateType(input: CertificateTypeInput): CertificateType {
  if (!/^[0-9A-Z]{1,64}$/.test(input.typeCode)) {
    throw new CertificateError(
      'ERR_CERTIFICATE_TYPE_INVALID',
      'typeCode may only contain 0-9 and A-Z (1–64 characters)',
    );
  }
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const field of input.faceFields) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field.key)) {
      throw new CertificateError(
        'ERR_CERTIFICATE_TYPE_INVALID',
        `Face field key "${field.key}" must be ASCII camelCase (letters and digits)`,
      );
    }
    if (field.key in shape) {
      throw new CertificateError('ERR_CERTIFICATE_TYPE_INVALID', `Face field key "${field.key}" is defined twice`);
    }
    shape[field.key] = faceFieldSchema(field);
  }
  for (const templateField of input.defaultTemplate.fields) {
    if (templateField.source.startsWith('face.') && !(templateField.source.slice(5) in shape)) {
      throw new CertificateError(
        'ERR_CERTIFICATE_TYPE_INVALID',
        `Template "${input.defaultTemplate.id}" prints ${templateField.source}, which type ${input.name} does not define`,
      );
    }
  }
  return { ...input, faceSchema: z.object(shape) };
}

function faceFieldSchema(field: FaceFieldDefinition): z.ZodType<string | undefined> {
  let schema: z.ZodString = field.kind === 'date' ? (CalendarDateSchema as unknown as z.ZodString) : z.string();
  if (field.kind === 'code') schema = schema.regex(/^[0-9A-Z]+$/, 'expected 0-9A-Z');
  if (field.kind !== 'date') schema = schema.trim();
  if (field.required) schema = schema.min(1, `${field.label}不能为空`);
  if (field.maxLength !== undefined)
    schema = schema.max(field.maxLength, `${field.label}不能超过 ${field.maxLength} 字`);
  if (field.pattern) schema = schema.regex(field.pattern, `${field.label}格式不正确`);
  const base = field.required ? schema : schema.optional();
  return base.meta({ label: field.label });
}
