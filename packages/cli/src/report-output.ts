import type { Change, Indication, SignatureReport, ValidationCheck, ValidationReport } from '@zwfw/seal';
import { type CommandContext, EXIT_CODES } from './context';

/** The exit code for an indication: 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE. */
export function exitCodeOf(indication: Indication): number {
  if (indication === 'TOTAL_PASSED') return EXIT_CODES.ok;
  if (indication === 'TOTAL_FAILED') return EXIT_CODES.failed;
  return EXIT_CODES.indeterminate;
}

/** The verdict in words: 有效 / 无效 / 无法确定. */
export function verdictOf(indication: Indication, t: CommandContext['t']): string {
  if (indication === 'TOTAL_PASSED') return t('有效', 'valid');
  if (indication === 'TOTAL_FAILED') return t('无效', 'invalid');
  return t('无法确定', 'indeterminate');
}

const STATUS_MARKS: Record<ValidationCheck['status'], string> = {
  PASSED: '✔',
  FAILED: '✘',
  WARNING: '!',
  INFO: 'i',
  NOT_APPLICABLE: '-',
  INDETERMINATE: '?',
};

const CHANGE_KINDS: Record<Change['kind'], { zh: string; en: string }> = {
  signature: { zh: '后续签名', en: 'later signature' },
  dss: { zh: '验证数据 (DSS)', en: 'validation data (DSS)' },
  'doc-timestamp': { zh: '文档时间戳', en: 'document timestamp' },
  metadata: { zh: '文档元数据', en: 'document metadata' },
  'form-fill': { zh: '表单填写', en: 'form fill' },
  annotation: { zh: '注释', en: 'annotation' },
  content: { zh: '页面内容', en: 'page content' },
  'xref-only': { zh: '仅交叉引用表', en: 'cross-reference only' },
  unknown: { zh: '未知', en: 'unknown' },
};

/** Prints a validation report for people: the verdict, then each signature with its checks and later changes. */
export function printReport(
  context: CommandContext,
  report: ValidationReport,
  about: { file: string; kind: 'pdf' | 'jws'; trustAnchorCount: number; revocationMode: string },
): void {
  const { t, out } = context;
  const sub = report.subIndication ? ` / ${report.subIndication}` : '';
  out(
    `${t('文件', 'File')}: ${about.file} (${about.kind.toUpperCase()}, ${t(`${report.signatures.length} 个签名`, `${report.signatures.length} signature(s)`)})`,
  );
  out(`${t('结论', 'Verdict')}: ${verdictOf(report.indication, t)} (${report.indication}${sub})`);
  out(
    `${t('验证时间', 'Validation time')}: ${iso(report.validationTime)}  ${t('信任锚', 'trust anchors')}: ${about.trustAnchorCount}  ${t('撤销检查', 'revocation')}: ${about.revocationMode}`,
  );
  if (about.trustAnchorCount === 0) {
    out(
      t(
        '提示：未给出信任锚（--trust），签名无法被判定为有效。',
        'Note: no trust anchor given (--trust), so no signature can be found valid.',
      ),
    );
  }
  for (const check of report.document.filter((item) => item.status !== 'PASSED')) printCheck(context, check, '  ');
  report.signatures.forEach((signature, index) => {
    printSignature(context, signature, index, report.signatures.length);
  });
}

function printSignature(context: CommandContext, signature: SignatureReport, index: number, total: number): void {
  const { t, out } = context;
  const sub = signature.subIndication ? ` / ${signature.subIndication}` : '';
  out('');
  out(
    `${t('签名', 'Signature')} ${index + 1}/${total} [${signature.format}${signature.level ? ` ${signature.level}` : ''}]: ${verdictOf(signature.indication, t)} (${signature.indication}${sub})`,
  );
  if (signature.signer) {
    out(`  ${t('签署者', 'Signer')}: ${signature.signer.subject}`);
    out(
      `  ${t('签发者', 'Issuer')}: ${signature.signer.issuer}  (${t('序列号', 'serial')} ${signature.signer.serialHex})`,
    );
  }
  if (signature.claimedSigningTime)
    out(`  ${t('声明的签署时间', 'Claimed signing time')}: ${iso(signature.claimedSigningTime)}`);
  if (signature.bestSignatureTime) out(`  ${t('时间戳时间', 'Timestamped time')}: ${iso(signature.bestSignatureTime)}`);
  if (signature.coverage) {
    const coverage = signature.coverage;
    out(
      `  ${t('覆盖范围', 'Coverage')}: ${t(`修订 ${coverage.revision}/${coverage.totalRevisions}`, `revision ${coverage.revision} of ${coverage.totalRevisions}`)}, ${coverage.wholeFile ? t('覆盖整个文件', 'the whole file') : t('未覆盖整个文件', 'not the whole file')}, ByteRange [${coverage.byteRange.join(' ')}]`,
    );
  }
  out(`  ${t('检查项', 'Checks')}:`);
  for (const check of signature.checks) printCheck(context, check, '    ');
  if (signature.changesAfterSigning.length === 0) {
    out(`  ${t('签署后的更改：无', 'Changes after signing: none')}`);
  } else {
    out(`  ${t('签署后的更改', 'Changes after signing')}:`);
    for (const change of signature.changesAfterSigning) {
      const kind = CHANGE_KINDS[change.kind];
      const allowed = change.permitted ? t('允许', 'permitted') : t('不允许', 'NOT permitted');
      const objects =
        change.objects.length > 0
          ? ` [${change.objects.slice(0, 8).join(', ')}${change.objects.length > 8 ? ', …' : ''}]`
          : '';
      out(
        `    ${change.permitted ? '·' : '✘'} ${t(`修订 ${change.revision}`, `revision ${change.revision}`)}: ${t(kind.zh, kind.en)}, ${allowed}${objects}`,
      );
    }
  }
}

function printCheck(context: CommandContext, check: ValidationCheck, indent: string): void {
  const sub = check.subIndication && check.status !== 'PASSED' ? ` (${check.subIndication})` : '';
  context.out(
    `${indent}${STATUS_MARKS[check.status]} ${check.id}${sub}: ${context.t(check.message.zh, check.message.en)}`,
  );
}

function iso(date: Date | string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(value.getTime()) ? String(date) : value.toISOString();
}
