import { join } from 'node:path';
import {
  BUSINESS_LICENCE_TEMPLATE,
  BUSINESS_LICENCE_TYPE,
  type CertificateRecord,
  type CertificateTemplate,
  issueCertificates,
  PROOF_CERTIFICATE_TEMPLATE,
  PROOF_CERTIFICATE_TYPE,
  REAL_ESTATE_CERTIFICATE_TEMPLATE,
  REAL_ESTATE_CERTIFICATE_TYPE,
  readCertificatePdf,
} from '@zwfw/certificate';
import { maskPersonalData } from '@zwfw/catalog';
import { type Command, flagOption, requirePositionals, stringOption } from '../command';
import { EXIT_CODES } from '../context';
import { CliError } from '../errors';
import { readInputFile, readInputText, writeOutputFile } from '../files';
import { createProgress } from '../progress';

/** The built-in templates by name, for `--template`. */
export const TEMPLATES: Record<string, CertificateTemplate> = {
  'business-licence': BUSINESS_LICENCE_TEMPLATE,
  'real-estate': REAL_ESTATE_CERTIFICATE_TEMPLATE,
  proof: PROOF_CERTIFICATE_TEMPLATE,
};

const TEMPLATES_BY_TYPE: Record<string, CertificateTemplate> = {
  [BUSINESS_LICENCE_TYPE.typeCode]: BUSINESS_LICENCE_TEMPLATE,
  [REAL_ESTATE_CERTIFICATE_TYPE.typeCode]: REAL_ESTATE_CERTIFICATE_TEMPLATE,
  [PROOF_CERTIFICATE_TYPE.typeCode]: PROOF_CERTIFICATE_TEMPLATE,
};

/** Reads records from a JSON file (one record or an array) or a JSON Lines file (one record per line). */
function parseRecords(text: string, file: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !trimmed.includes('\n{'))) {
    try {
      const value = JSON.parse(trimmed) as unknown;
      return Array.isArray(value) ? value : [value];
    } catch (error) {
      throw new CliError('ERR_CLI_INPUT', `"${file}" is not valid JSON: ${(error as Error).message}.`, {
        cause: error,
      });
    }
  }
  return trimmed
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, index }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new CliError('ERR_CLI_INPUT', `"${file}" line ${index + 1} is not JSON: ${(error as Error).message}.`, {
          cause: error,
        });
      }
    });
}

/** `zwfw cert issue RECORDS`: renders certificate PDFs from records (JSON, JSON array or JSON Lines). */
export const certIssueCommand: Command = {
  path: ['cert', 'issue'],
  summary: { zh: '由证照记录生成电子证照 PDF（支持批量）', en: 'render e-certificate PDFs from records (batches too)' },
  positionals: 'RECORDS.json',
  options: {
    out: {
      type: 'string',
      value: 'DIR',
      help: { zh: '输出目录（默认 certificates/）', en: 'output folder (default certificates/)' },
    },
    template: {
      type: 'string',
      value: Object.keys(TEMPLATES).join('|'),
      help: { zh: '模板（默认按证照类型选择）', en: 'template (default: by certificate type)' },
    },
    concurrency: { type: 'string', value: 'N', help: { zh: '工作线程数（默认 1）', en: 'worker threads (default 1)' } },
    qr: {
      type: 'string',
      value: 'TEXT',
      help: { zh: '二维码内容（默认：证照标识）', en: 'QR content (default: the identifier)' },
    },
  },
  examples: ['zwfw cert issue licence.json --out out/', 'zwfw cert issue records.jsonl --concurrency 2'],
  async run(args, context) {
    const [file] = requirePositionals(this, args, 1) as [string];
    const records = parseRecords(await readInputText(context.io.cwd, file), file);
    const templateName = stringOption(args, 'template');
    const template = templateName === undefined ? undefined : TEMPLATES[templateName];
    if (templateName !== undefined && !template) {
      throw new CliError(
        'ERR_CLI_USAGE',
        `Unknown --template "${templateName}": use ${Object.keys(TEMPLATES).join(', ')}.`,
      );
    }
    const concurrency = Number(stringOption(args, 'concurrency') ?? '1');
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new CliError('ERR_CLI_USAGE', '--concurrency must be a whole number from 1 to 64.');
    }
    const outDir = stringOption(args, 'out') ?? 'certificates';
    const qr = stringOption(args, 'qr');
    const progress = createProgress(context, context.t('签发', 'issuing'));
    let ok = 0;
    let failed = 0;
    const results = issueCertificates(records, {
      templates: TEMPLATES_BY_TYPE,
      ...(template ? { template } : {}),
      concurrency,
      ...(qr ? { qrContent: () => qr } : {}),
      sink: async ({ record, pdf }) => {
        await writeOutputFile(context.io.cwd, join(outDir, `${safeFileName(record.identifier)}.pdf`), pdf);
      },
      onProgress: ({ done }) => progress.update(done, records.length),
    });
    for await (const result of results) {
      if (result.ok) {
        ok++;
      } else {
        failed++;
        context.err(`  #${result.index + 1}: ${result.error.code} ${result.error.message}`);
      }
    }
    progress.finish(
      context.t(`${ok} 份成功，${failed} 份失败，输出到 ${outDir}`, `${ok} issued, ${failed} failed, in ${outDir}`),
    );
    return failed === 0 ? EXIT_CODES.ok : EXIT_CODES.failed;
  },
};

/** `zwfw cert inspect FILE.pdf`: prints the record and metadata embedded in a certificate PDF. */
export const certInspectCommand: Command = {
  path: ['cert', 'inspect'],
  summary: {
    zh: '读取电子证照 PDF 中嵌入的证照记录和元数据（不验证印章）',
    en: 'read the record and metadata embedded in a certificate PDF (does not verify seals)',
  },
  positionals: 'FILE.pdf',
  options: { json: { type: 'boolean', help: { zh: '输出 JSON', en: 'print JSON' } } },
  examples: ['zwfw cert inspect demo-output/certificate.pdf', 'zwfw cert inspect licence.pdf --json'],
  async run(args, context) {
    const [file] = requirePositionals(this, args, 1) as [string];
    const content = await readCertificatePdf(await readInputFile(context.io.cwd, file));
    const record = maskRecord(content.record);
    if (flagOption(args, 'json')) {
      context.out(JSON.stringify({ ...content, record }, null, 2));
      return EXIT_CODES.ok;
    }
    const { t, out } = context;
    out(`${t('证照名称', 'Name')}: ${record.name}`);
    out(`${t('证照标识', 'Identifier')}: ${record.identifier}`);
    out(`${t('证照编号', 'Number')}: ${record.number}`);
    out(`${t('持证主体', 'Holder')}: ${record.holder.name} (${record.holder.code})`);
    out(`${t('颁发机构', 'Issuer')}: ${record.issuer.name} (${record.issuer.uscc})`);
    out(`${t('颁发日期', 'Issue date')}: ${record.issueDate}`);
    out(`${t('状态', 'State')}: ${record.state}`);
    out(
      `${t('元数据与附件一致', 'Metadata matches the attachment')}: ${content.consistent ? t('是', 'yes') : t('否', 'NO')}`,
    );
    out(
      t('注意：本命令只读取内容，验证印章请用 zwfw verify。', 'Note: this reads only; use zwfw verify to check seals.'),
    );
    return content.consistent ? EXIT_CODES.ok : EXIT_CODES.failed;
  },
};

/** Masks a natural person's ID number in a record before it is printed. */
function maskRecord(record: CertificateRecord): CertificateRecord {
  if (record.holder.codeType === '001') return record;
  const code = record.holder.code;
  const masked = maskPersonalData(code);
  // Other personal codes (passports, permits) have no fixed shape: keep only their first and last two characters.
  const shown =
    masked !== code ? masked : `${code.slice(0, 2)}${'*'.repeat(Math.max(code.length - 4, 2))}${code.slice(-2)}`;
  return { ...record, holder: { ...record.holder, code: shown } };
}

function safeFileName(identifier: string): string {
  return identifier.replace(/[^0-9A-Za-z._-]/g, '_');
}
