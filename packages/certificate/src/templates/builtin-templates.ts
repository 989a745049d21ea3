import type { CertificateTemplate, RgbColor } from './certificate-template';

const A4_LANDSCAPE = [841.89, 595.28] as const;
const A4_PORTRAIT = [595.28, 841.89] as const;
const RED: RgbColor = [0.78, 0.1, 0.1];
const BRONZE: RgbColor = [0.66, 0.45, 0.2];
const INK: RgbColor = [0.1, 0.1, 0.1];
const MUTED: RgbColor = [0.35, 0.35, 0.35];

/**
 * A 营业执照-like business licence (法人), A4 landscape: bronze guilloche frame, red emblem, title, 统一社会信用代码
 * and 证照编号 top left, QR top right, two columns of face fields, 登记机关 and date under the seal area bottom right.
 * Face keys: `entityType`, `legalRepresentative`, `businessScope`, `registeredCapital`, `establishedDate` (text),
 * `address`. Holder name prints as 名称, holder code as 统一社会信用代码, `validity` as 营业期限.
 *
 * @example
 * ```ts
 * const pdf = await renderCertificatePdf(record, BUSINESS_LICENCE_TEMPLATE);
 * BUSINESS_LICENCE_TEMPLATE.sealArea; // { x: 600, y: 78, width: 150, height: 150 }
 * ```
 */
export const BUSINESS_LICENCE_TEMPLATE: CertificateTemplate = {
  id: 'zwfw.business-licence.v1',
  name: '营业执照（示例样式）',
  pageSize: A4_LANDSCAPE,
  background: [1, 0.995, 0.975],
  decorations: [
    { kind: 'rect', x: 18, y: 18, width: 805.89, height: 559.28, borderColor: BRONZE, borderWidth: 2.5 },
    { kind: 'band', x: 22, y: 22, width: 797.89, height: 551.28, color: [0.8, 0.6, 0.32], depth: 12 },
    { kind: 'rect', x: 36, y: 36, width: 769.89, height: 523.28, borderColor: BRONZE, borderWidth: 1 },
    { kind: 'emblem', cx: 420.95, cy: 510, radius: 26, color: RED },
    { kind: 'line', x1: 70, y1: 398, x2: 772, y2: 398, color: BRONZE, width: 0.6 },
    { kind: 'text', text: '登记机关', x: 560, y: 118, size: 13, color: INK },
    {
      kind: 'text',
      text: '国家企业信用信息公示系统网址：http://www.gsxt.gov.cn',
      x: 420.95,
      y: 50,
      size: 8,
      align: 'center',
      color: MUTED,
    },
  ],
  title: { text: '营业执照', x: 420.95, y: 440, size: 40, color: RED, letterSpacing: 22 },
  fields: [
    { source: 'holder.code', label: '统一社会信用代码', x: 70, y: 470, labelWidth: 98, width: 180, size: 11 },
    { source: 'number', label: '证照编号', x: 70, y: 452, labelWidth: 98, width: 180, size: 11 },
    {
      source: 'holder.name',
      label: '名　　称',
      x: 80,
      y: 368,
      labelWidth: 72,
      width: 270,
      size: 12,
      minSize: 9,
      maxLines: 2,
    },
    { source: 'face.entityType', label: '类　　型', x: 80, y: 336, labelWidth: 72, width: 270, size: 12 },
    { source: 'face.legalRepresentative', label: '法定代表人', x: 80, y: 304, labelWidth: 72, width: 270, size: 12 },
    {
      source: 'face.businessScope',
      label: '经营范围',
      x: 80,
      y: 272,
      labelWidth: 72,
      width: 270,
      size: 11,
      minSize: 7,
      maxLines: 9,
      lineHeight: 1.45,
    },
    { source: 'face.registeredCapital', label: '注册资本', x: 450, y: 368, labelWidth: 72, width: 250, size: 12 },
    { source: 'face.establishedDate', label: '成立日期', x: 450, y: 336, labelWidth: 72, width: 250, size: 12 },
    { source: 'validity', label: '营业期限', x: 450, y: 304, labelWidth: 72, width: 250, size: 12, minSize: 9 },
    {
      source: 'face.address',
      label: '住　　所',
      x: 450,
      y: 272,
      labelWidth: 72,
      width: 250,
      size: 12,
      minSize: 9,
      maxLines: 3,
    },
    { source: 'issueDate', x: 600, y: 92, width: 150, size: 12, align: 'center' },
  ],
  qr: { x: 690, y: 420, size: 86, caption: '扫描二维码核验证照信息' },
  sealArea: { x: 600, y: 78, width: 150, height: 150 },
};

/**
 * A 不动产权证书-like real-estate registration certificate, A4 portrait: title, 证书编号 (record number), a ruled
 * table of rights, QR bottom left, 登记机构 and date under the seal area bottom right. Face keys: `coOwnership`,
 * `location`, `unitNumber`, `rightType`, `rightNature`, `usage`, `area`, `term`, `otherRights` (multiline).
 *
 * @example
 * ```ts
 * const pdf = await renderCertificatePdf(record, REAL_ESTATE_CERTIFICATE_TEMPLATE, { qrContent: verifyUrl });
 * ```
 */
export const REAL_ESTATE_CERTIFICATE_TEMPLATE: CertificateTemplate = (() => {
  const left = 60;
  const right = 535.28;
  const labelColumn = 150;
  const rows: Array<[string, string, number]> = [
    ['holder.name', '权　利　人', 34],
    ['face.coOwnership', '共有情况', 34],
    ['face.location', '坐　　落', 48],
    ['face.unitNumber', '不动产单元号', 34],
    ['face.rightType', '权利类型', 34],
    ['face.rightNature', '权利性质', 34],
    ['face.usage', '用　　途', 34],
    ['face.area', '面　　积', 34],
    ['face.term', '使用期限', 34],
    ['face.otherRights', '权利其他状况', 126],
  ];
  const top = 700;
  const decorations: CertificateTemplate['decorations'] = [
    { kind: 'rect', x: 24, y: 24, width: 547.28, height: 793.89, borderColor: [0.2, 0.45, 0.35], borderWidth: 2 },
    { kind: 'band', x: 28, y: 28, width: 539.28, height: 785.89, color: [0.45, 0.68, 0.55], depth: 12 },
    { kind: 'rect', x: 42, y: 42, width: 511.28, height: 757.89, borderColor: [0.2, 0.45, 0.35], borderWidth: 0.8 },
    { kind: 'emblem', cx: 297.64, cy: 772, radius: 16, color: RED },
  ];
  const fields: CertificateTemplate['fields'] = [];
  let y = top;
  decorations.push({ kind: 'line', x1: left, y1: y, x2: right, y2: y, color: INK, width: 0.8 });
  for (const [source, label, height] of rows) {
    const bottom = y - height;
    decorations.push({ kind: 'line', x1: left, y1: bottom, x2: right, y2: bottom, color: INK, width: 0.5 });
    decorations.push({
      kind: 'text',
      text: label,
      x: left + labelColumn / 2 - 4,
      y: y - Math.min(height, 34) / 2 - 4,
      size: 11,
      align: 'center',
      color: INK,
    });
    const multiline = height > 34;
    fields.push({
      source: source as CertificateTemplate['fields'][number]['source'],
      x: left + labelColumn + 10,
      y: y - (multiline ? 18 : height / 2 + 4),
      width: right - left - labelColumn - 20,
      size: 11,
      minSize: 8,
      maxLines: multiline ? Math.floor((height - 8) / 16) : 1,
      lineHeight: 1.4,
      ...(source === 'face.coOwnership' || source === 'face.otherRights' ? { emptyText: '无' } : {}),
    });
    y = bottom;
  }
  decorations.push({ kind: 'line', x1: left, y1: top, x2: left, y2: y, color: INK, width: 0.8 });
  decorations.push({
    kind: 'line',
    x1: left + labelColumn - 8,
    y1: top,
    x2: left + labelColumn - 8,
    y2: y,
    color: INK,
    width: 0.5,
  });
  decorations.push({ kind: 'line', x1: right, y1: top, x2: right, y2: y, color: INK, width: 0.8 });
  decorations.push({ kind: 'text', text: '登记机构（章）', x: 460, y: 150, size: 12, align: 'center', color: INK });
  return {
    id: 'zwfw.real-estate-certificate.v1',
    name: '不动产权证书（示例样式）',
    pageSize: A4_PORTRAIT,
    background: [0.995, 1, 0.99],
    decorations,
    title: { text: '不动产权证书', x: 297.64, y: 732, size: 26, color: INK, letterSpacing: 8 },
    fields: [
      { source: 'number', x: 60, y: 710, width: 475.28, size: 11, align: 'right' },
      ...fields,
      { source: 'issuer.name', x: 380, y: 80, width: 160, size: 11, align: 'center', minSize: 8, maxLines: 2 },
      { source: 'issueDate', x: 380, y: 62, width: 160, size: 11, align: 'center' },
    ],
    qr: { x: 70, y: 80, size: 90, caption: '扫码核验' },
    sealArea: { x: 390, y: 100, width: 140, height: 140 },
  };
})();

/**
 * A generic 证明 (certificate of proof) for a natural person, A4 portrait: title, number, holder name and ID number,
 * the proven matter as wrapped text, purpose and validity, issuer and date under the seal area, QR bottom left.
 * Face keys: `content` (multiline), `purpose`.
 *
 * @example
 * ```ts
 * const pdf = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, { now: () => issuedAt });
 * ```
 */
export const PROOF_CERTIFICATE_TEMPLATE: CertificateTemplate = {
  id: 'zwfw.proof.v1',
  name: '证明（示例样式）',
  pageSize: A4_PORTRAIT,
  decorations: [
    { kind: 'rect', x: 30, y: 30, width: 535.28, height: 781.89, borderColor: [0.55, 0.12, 0.12], borderWidth: 1.6 },
    { kind: 'rect', x: 35, y: 35, width: 525.28, height: 771.89, borderColor: [0.55, 0.12, 0.12], borderWidth: 0.5 },
    { kind: 'line', x1: 70, y1: 668, x2: 525.28, y2: 668, color: RED, width: 1.2 },
  ],
  title: { text: '证明', x: 297.64, y: 716, size: 32, color: INK, letterSpacing: 30 },
  fields: [
    { source: 'number', label: '编号：', x: 370, y: 680, labelWidth: 32, width: 150, size: 10, color: MUTED },
    { source: 'holder.name', label: '姓　　名：', x: 80, y: 630, labelWidth: 80, width: 360, size: 14 },
    { source: 'holder.code', label: '身份证号：', x: 80, y: 600, labelWidth: 80, width: 360, size: 14 },
    {
      source: 'face.content',
      label: '证明事项：',
      x: 80,
      y: 570,
      labelWidth: 80,
      width: 360,
      size: 14,
      minSize: 10,
      maxLines: 12,
      lineHeight: 1.8,
    },
    {
      source: 'face.purpose',
      label: '用　　途：',
      x: 80,
      y: 330,
      labelWidth: 80,
      width: 360,
      size: 14,
      minSize: 10,
      maxLines: 2,
    },
    { source: 'validity', label: '有效期限：', x: 80, y: 290, labelWidth: 80, width: 360, size: 14, minSize: 10 },
    { source: 'issuer.name', x: 330, y: 200, width: 200, size: 14, align: 'center', minSize: 9, maxLines: 2 },
    { source: 'issueDate', x: 330, y: 176, width: 200, size: 14, align: 'center' },
  ],
  qr: { x: 70, y: 110, size: 90, caption: '扫码核验真伪' },
  sealArea: { x: 360, y: 140, width: 140, height: 140 },
};
