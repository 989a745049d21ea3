import type { TrustPolicy } from '@zwfw/seal';
import type { JsonTrustPolicy } from '@zwfw/seal/json';
import { validateJson } from '@zwfw/seal/json';
import { validatePdf } from '@zwfw/seal/pdf';
import { createPdftoppmRenderer, isPdftoppmAvailable } from '@zwfw/seal/node';
import {
  type Command,
  flagOption,
  type ParsedArgs,
  requirePositionals,
  stringListOption,
  stringOption,
} from '../command';
import { CliError } from '../errors';
import { pemToDerList, readInputFile } from '../files';
import { exitCodeOf, printReport } from '../report-output';

/** JWS algorithms `zwfw verify` accepts by default: asymmetric only (never `none`, never HMAC). */
export const DEFAULT_JWS_ALGORITHMS: JsonTrustPolicy['algorithms'] = ['ES256', 'ES384', 'PS256', 'RS256', 'EdDSA'];

/** `zwfw verify FILE`: validates a sealed PDF or a JWS and prints a verdict per signature. */
export const verifyCommand: Command = {
  path: ['verify'],
  summary: {
    zh: '验证盖章的 PDF 或 JWS：有效 / 无效 / 无法确定',
    en: 'verify a sealed PDF or a JWS: valid / invalid / indeterminate',
  },
  positionals: 'FILE',
  options: {
    trust: {
      type: 'string',
      multiple: true,
      value: 'PEM',
      help: {
        zh: '信任锚（根证书，PEM 或 DER），可重复',
        en: 'trust anchor (root certificate, PEM or DER); repeatable',
      },
    },
    intermediate: {
      type: 'string',
      multiple: true,
      value: 'PEM',
      help: { zh: '可用于构建证书链的中间证书', en: 'intermediate certificates for path building' },
    },
    crl: {
      type: 'string',
      multiple: true,
      value: 'FILE',
      help: {
        zh: '证书撤销列表（给出后必须能检查撤销状态）',
        en: 'certificate revocation list (when given, revocation must be checkable)',
      },
    },
    revocation: {
      type: 'string',
      value: 'require|prefer|off',
      help: {
        zh: '撤销检查模式（默认：有 --crl 时 require，否则 prefer）',
        en: 'revocation mode (default: require with --crl, else prefer)',
      },
    },
    time: {
      type: 'string',
      value: 'ISO-8601',
      help: { zh: '验证时间（默认：现在）', en: 'validation time (default: now)' },
    },
    payload: {
      type: 'string',
      value: 'FILE',
      help: { zh: 'JWS：分离载荷或要求匹配的 JSON 文件', en: 'JWS: detached payload, or JSON the payload must equal' },
    },
    json: { type: 'boolean', help: { zh: '原样输出库的验证报告 JSON', en: "print the library's report as JSON" } },
  },
  examples: [
    'zwfw verify certificate.pdf --trust trust-anchor.pem',
    'zwfw verify certificate.jws --trust trust-anchor.pem --json',
    'zwfw verify certificate.pdf --trust root.pem --crl root.crl --lang en',
  ],
  async run(args, context) {
    const [file] = requirePositionals(this, args, 1) as [string];
    const cwd = context.io.cwd;
    const bytes = await readInputFile(cwd, file);
    const trustAnchors = await readPemOption(args, 'trust', cwd, 'CERTIFICATE');
    const intermediates = await readPemOption(args, 'intermediate', cwd, 'CERTIFICATE');
    const crls = await readPemOption(args, 'crl', cwd, 'X509 CRL');
    const mode = revocationMode(stringOption(args, 'revocation'), crls.length > 0);
    const timeText = stringOption(args, 'time');
    const validationTime = timeText === undefined ? undefined : new Date(timeText);
    if (validationTime && Number.isNaN(validationTime.getTime())) {
      throw new CliError(
        'ERR_CLI_USAGE',
        `--time "${timeText}" is not a date: use ISO 8601, e.g. 2026-11-25T10:00:00+08:00.`,
      );
    }
    const policy: TrustPolicy = {
      trustAnchors,
      intermediates,
      revocation: { crls, mode },
      ...(validationTime ? { validationTime } : {}),
      policyId: 'zwfw-cli',
    };
    const kind = detectKind(bytes);
    let report: Awaited<ReturnType<typeof validatePdf>>;
    if (kind === 'pdf') {
      // PDF_VISUAL_DIFF renders pages with poppler's pdftoppm when it is installed; otherwise it is reported as not
      // performed.
      const renderPage = isPdftoppmAvailable() ? createPdftoppmRenderer() : undefined;
      report = await validatePdf(bytes, renderPage ? { ...policy, pdf: { renderPage } } : policy);
    } else {
      const payloadFile = stringOption(args, 'payload');
      const payload = payloadFile === undefined ? undefined : await readJsonPayload(cwd, payloadFile);
      const text = new TextDecoder().decode(bytes).trim();
      report = await validateJson(text, {
        ...policy,
        algorithms: DEFAULT_JWS_ALGORITHMS,
        ...(payload === undefined ? {} : { payload }),
      });
    }
    if (flagOption(args, 'json')) {
      context.out(JSON.stringify(report, null, 2));
    } else {
      printReport(context, report, { file, kind, trustAnchorCount: trustAnchors.length, revocationMode: mode });
    }
    return exitCodeOf(report.indication);
  },
};

/** Reads every file of a repeatable option and splits PEM bundles into DER blocks. */
async function readPemOption(args: ParsedArgs, name: string, cwd: string, label: string): Promise<Uint8Array[]> {
  const files = await Promise.all(stringListOption(args, name).map((path) => readInputFile(cwd, path)));
  return files.flatMap((data) => pemToDerList(data, label));
}

function revocationMode(value: string | undefined, haveCrls: boolean): 'require' | 'prefer' | 'off' {
  if (value === undefined) return haveCrls ? 'require' : 'prefer';
  if (value === 'require' || value === 'prefer' || value === 'off') return value;
  throw new CliError('ERR_CLI_USAGE', `--revocation "${value}": use require, prefer or off.`);
}

/** A PDF starts with `%PDF-` within its first KiB; anything else is read as a JWS (compact or JSON). */
function detectKind(bytes: Uint8Array): 'pdf' | 'jws' {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024)).trimStart();
  if (/^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/.test(text) || text.startsWith('{')) return 'jws';
  throw new CliError(
    'ERR_CLI_INPUT',
    'The file is neither a PDF (no %PDF- header) nor a JWS (compact or JSON serialization). Give a sealed PDF or a .jws file.',
  );
}

async function readJsonPayload(cwd: string, path: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readInputFile(cwd, path));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError('ERR_CLI_INPUT', `--payload "${path}" is not JSON: ${(error as Error).message}.`, {
      cause: error,
    });
  }
}
