import {
  BUSINESS_LICENCE_TEMPLATE,
  PROOF_CERTIFICATE_TEMPLATE,
  REAL_ESTATE_CERTIFICATE_TEMPLATE,
} from '../templates/builtin-templates';
import { type CertificateType, defineCertificateType } from './certificate-type';

/** Synthetic defining authority of the example catalogue (a USCC that passes GB 32100; catalog.md §4.5). */
const EXAMPLE_AUTHORITY = { name: '衡阳市行政审批服务局（示例）', code: '114304001000001120' };

/**
 * Example 营业执照 type (法人, holder code type 001) with the face fields of {@link BUSINESS_LICENCE_TEMPLATE}. The
 * type code `114304001000001120001` belongs to a synthetic local catalogue: replace it with the province's 证照目录
 * code in production.
 *
 * @example
 * ```ts
 * validateCertificateRecord(record, BUSINESS_LICENCE_TYPE).valid;
 * ```
 */
export const BUSINESS_LICENCE_TYPE: CertificateType = defineCertificateType({
  typeCode: '114304001000001120001',
  name: '营业执照',
  defineAuthority: EXAMPLE_AUTHORITY,
  holderCategory: 'LEGAL_PERSON',
  allowedHolderCodeTypes: ['001'],
  validity: { longTerm: true },
  faceFields: [
    { key: 'entityType', label: '类型', kind: 'text', required: true, maxLength: 50 },
    { key: 'legalRepresentative', label: '法定代表人', kind: 'text', required: true, maxLength: 50 },
    { key: 'businessScope', label: '经营范围', kind: 'multiline', required: true, maxLength: 600 },
    { key: 'registeredCapital', label: '注册资本', kind: 'text', required: true, maxLength: 50 },
    { key: 'establishedDate', label: '成立日期', kind: 'text', required: true, maxLength: 20 },
    { key: 'address', label: '住所', kind: 'multiline', required: true, maxLength: 120 },
  ],
  defaultTemplate: BUSINESS_LICENCE_TEMPLATE,
});

/**
 * Example 不动产权证书 type (natural or legal person, holder code types 111 and 001) with the face fields of
 * {@link REAL_ESTATE_CERTIFICATE_TEMPLATE}. Synthetic type code `114304001000001120002`.
 *
 * @example
 * ```ts
 * BUSINESS_LICENCE_TYPE.faceSchema.shape.location?.meta(); // { label: '坐落' }
 * ```
 */
export const REAL_ESTATE_CERTIFICATE_TYPE: CertificateType = defineCertificateType({
  typeCode: '114304001000001120002',
  name: '不动产权证书',
  defineAuthority: EXAMPLE_AUTHORITY,
  holderCategory: 'NATURAL_PERSON',
  allowedHolderCodeTypes: ['111', '001'],
  validity: { longTerm: true },
  faceFields: [
    { key: 'coOwnership', label: '共有情况', kind: 'text', required: false, maxLength: 50 },
    { key: 'location', label: '坐落', kind: 'multiline', required: true, maxLength: 100 },
    { key: 'unitNumber', label: '不动产单元号', kind: 'text', required: true, pattern: /^[0-9A-Z ]{19,40}$/ },
    { key: 'rightType', label: '权利类型', kind: 'text', required: true, maxLength: 60 },
    { key: 'rightNature', label: '权利性质', kind: 'text', required: true, maxLength: 40 },
    { key: 'usage', label: '用途', kind: 'text', required: true, maxLength: 40 },
    { key: 'area', label: '面积', kind: 'text', required: true, maxLength: 80 },
    { key: 'term', label: '使用期限', kind: 'text', required: true, maxLength: 80 },
    { key: 'otherRights', label: '权利其他状况', kind: 'multiline', required: false, maxLength: 400 },
  ],
  defaultTemplate: REAL_ESTATE_CERTIFICATE_TEMPLATE,
});

/**
 * Example 证明 type for a natural person (holder code type 111), valid at most one year, with the face fields of
 * {@link PROOF_CERTIFICATE_TEMPLATE}. Synthetic type code `114304001000001120003`.
 *
 * @example
 * ```ts
 * PROOF_CERTIFICATE_TYPE.validity; // { longTerm: false, maxYears: 1 }
 * ```
 */
export const PROOF_CERTIFICATE_TYPE: CertificateType = defineCertificateType({
  typeCode: '114304001000001120003',
  name: '证明',
  defineAuthority: EXAMPLE_AUTHORITY,
  holderCategory: 'NATURAL_PERSON',
  allowedHolderCodeTypes: ['111'],
  validity: { longTerm: false, maxYears: 1 },
  faceFields: [
    { key: 'content', label: '证明事项', kind: 'multiline', required: true, maxLength: 300 },
    { key: 'purpose', label: '用途', kind: 'text', required: true, maxLength: 60 },
  ],
  defaultTemplate: PROOF_CERTIFICATE_TEMPLATE,
});
