import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { createSoftwareSigner, type Signer } from '@zwfw/seal';
import { drawSeal } from '@zwfw/seal/draw';
import { signPdf } from '@zwfw/seal/pdf';
import { createTestPki } from '@zwfw/seal/testing';
import { type Command, flagOption, requirePositionals, stringOption } from '../command';
import { EXIT_CODES } from '../context';
import { CliError } from '../errors';
import { readInputFile, writeOutputFile } from '../files';

/** `zwfw seal keygen`: writes a complete TEST PKI (root, intermediate, seal certificate and key, CRL) to a folder. */
export const sealKeygenCommand: Command = {
  path: ['seal', 'keygen'],
  summary: {
    zh: '生成测试用印章密钥与证书（测试 PKI：根证书、中级证书、印章证书、CRL；仅供测试）',
    en: 'generate a TEST seal key and certificates (root, intermediate, seal certificate, CRL; for tests only)',
  },
  options: {
    out: {
      type: 'string',
      value: 'DIR',
      help: { zh: '输出目录（默认 test-pki/）', en: 'output folder (default test-pki/)' },
    },
    algorithm: {
      type: 'string',
      value: 'RS256|ES256',
      help: { zh: '印章密钥算法（默认 ES256）', en: 'seal key algorithm (default ES256)' },
    },
  },
  examples: ['zwfw seal keygen --out test-pki', 'zwfw seal keygen --algorithm RS256'],
  async run(args, context) {
    const outDir = stringOption(args, 'out') ?? 'test-pki';
    const algorithm = stringOption(args, 'algorithm') ?? 'ES256';
    if (algorithm !== 'RS256' && algorithm !== 'ES256') {
      throw new CliError('ERR_CLI_USAGE', `--algorithm "${algorithm}": use RS256 or ES256.`);
    }
    const pki = await createTestPki();
    const signer = algorithm === 'RS256' ? pki.sealSigner : pki.sealSignerEc;
    const cwd = context.io.cwd;
    const files: Array<[string, string]> = [
      ['root.pem', pki.rootCertificate.pem],
      ['intermediate.pem', pki.intermediateCertificate.pem],
      ['seal-cert.pem', signer.testCertificate.pem],
      ['seal-chain.pem', pki.intermediateCertificate.pem],
      ['seal-key.pem', signer.privateKeyPem],
      ['intermediate.crl.pem', pki.crl.pem],
      ['root.crl.pem', pki.rootCrl.pem],
    ];
    for (const [name, content] of files) await writeOutputFile(cwd, join(outDir, name), content);
    const { t } = context;
    context.out(t(`测试 PKI 已写入 ${outDir}/：`, `Test PKI written to ${outDir}/:`));
    for (const [name] of files) context.out(`  ${name}`);
    context.out(
      t(
        '警告：这些密钥和证书仅供测试，切勿用于正式印章或放入正式信任列表。正式印章密钥由 CA 签发，存放在 UKey/HSM 中。',
        'Warning: these keys and certificates are for tests only; never use them for real seals or trust lists. Real seal keys are certified by a CA and kept in a UKey or HSM.',
      ),
    );
    return EXIT_CODES.ok;
  },
};

/** `zwfw seal sign FILE.pdf`: seals a PDF (incremental PAdES signature), visibly by default. */
export const sealSignCommand: Command = {
  path: ['seal', 'sign'],
  summary: { zh: '给 PDF 加盖电子印章（PAdES，增量更新）', en: 'seal a PDF (PAdES, incremental update)' },
  positionals: 'FILE.pdf',
  options: {
    key: { type: 'string', value: 'PEM', help: { zh: '私钥（PKCS#8 PEM）', en: 'private key (PKCS#8 PEM)' } },
    cert: { type: 'string', value: 'PEM', help: { zh: '印章证书', en: 'seal certificate' } },
    chain: { type: 'string', value: 'PEM', help: { zh: '中级证书', en: 'intermediate certificates' } },
    p12: {
      type: 'string',
      value: 'FILE',
      help: { zh: 'PKCS#12 文件（代替 --key/--cert）', en: 'PKCS#12 file (instead of --key/--cert)' },
    },
    password: {
      type: 'string',
      value: 'TEXT',
      help: { zh: 'PKCS#12 密码（或环境变量 ZWFW_P12_PASSWORD）', en: 'PKCS#12 password (or env ZWFW_P12_PASSWORD)' },
    },
    out: {
      type: 'string',
      value: 'FILE',
      help: { zh: '输出文件（默认 <名称>.sealed.pdf）', en: 'output file (default <name>.sealed.pdf)' },
    },
    invisible: { type: 'boolean', help: { zh: '不显示印章图像', en: 'no visible seal' } },
    page: {
      type: 'string',
      value: 'N',
      help: { zh: '印章所在页（从 1 开始，默认 1）', en: 'page of the seal (from 1, default 1)' },
    },
    rect: {
      type: 'string',
      value: 'x,y,w',
      help: { zh: '印章位置与直径（点，左下角为原点）', en: 'seal position and diameter (points, origin bottom-left)' },
    },
    'seal-name': {
      type: 'string',
      value: 'TEXT',
      help: {
        zh: '印章上的单位名称（默认取证书 O）',
        en: 'organisation name on the seal (default: the certificate O)',
      },
    },
    reason: { type: 'string', value: 'TEXT', help: { zh: '签章原因', en: 'reason' } },
    location: { type: 'string', value: 'TEXT', help: { zh: '签章地点', en: 'location' } },
  },
  examples: [
    'zwfw seal sign licence.pdf --key test-pki/seal-key.pem --cert test-pki/seal-cert.pem --chain test-pki/seal-chain.pem',
    'zwfw seal sign licence.pdf --p12 seal.p12 --rect 600,78,120 --reason 核发',
  ],
  async run(args, context) {
    const [file] = requirePositionals(this, args, 1) as [string];
    const cwd = context.io.cwd;
    const pdf = await readInputFile(cwd, file);
    const signer = await loadSigner(args, cwd, context.io.env);
    const appearance = flagOption(args, 'invisible') ? undefined : await sealAppearance(args, signer);
    const reason = stringOption(args, 'reason');
    const location = stringOption(args, 'location');
    const sealed = await signPdf(pdf, signer, {
      ...(appearance ? { appearance } : {}),
      ...(reason ? { reason } : {}),
      ...(location ? { location } : {}),
    });
    const out = stringOption(args, 'out') ?? file.replace(/\.pdf$/i, '') + '.sealed.pdf';
    await writeOutputFile(cwd, out, sealed);
    context.out(context.t(`已盖章：${out}`, `Sealed: ${out}`));
    return EXIT_CODES.ok;
  },
};

async function loadSigner(
  args: Parameters<Command['run']>[0],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<Signer> {
  const p12 = stringOption(args, 'p12');
  if (p12) {
    const password = stringOption(args, 'password') ?? env.ZWFW_P12_PASSWORD;
    if (password === undefined) {
      throw new CliError('ERR_CLI_USAGE', 'A PKCS#12 file needs its password: --password or ZWFW_P12_PASSWORD.');
    }
    return createSoftwareSigner({ pkcs12: await readInputFile(cwd, p12), password });
  }
  const key = stringOption(args, 'key');
  const cert = stringOption(args, 'cert');
  if (!key || !cert) {
    throw new CliError(
      'ERR_CLI_USAGE',
      'Give the seal key and certificate: --key KEY.pem --cert CERT.pem (or --p12 FILE).',
    );
  }
  const chain = stringOption(args, 'chain');
  return createSoftwareSigner({
    privateKey: pemOrDer(await readInputFile(cwd, key)),
    certificate: pemOrDer(await readInputFile(cwd, cert)),
    ...(chain ? { chain: [pemOrDer(await readInputFile(cwd, chain))] } : {}),
  });
}

async function sealAppearance(args: Parameters<Command['run']>[0], signer: Signer) {
  const name = stringOption(args, 'seal-name') ?? organizationOf(signer.certificate);
  if (!name) {
    throw new CliError(
      'ERR_CLI_USAGE',
      'The certificate names no organisation (O=): give --seal-name, or --invisible.',
    );
  }
  const drawn = drawSeal({ organizationName: name });
  const pageText = stringOption(args, 'page') ?? '1';
  const page = Number(pageText);
  if (!Number.isInteger(page) || page < 1)
    throw new CliError('ERR_CLI_USAGE', `--page must be 1 or more, got "${pageText}".`);
  const rectText = stringOption(args, 'rect') ?? `400,80,${drawn.sizePt.toFixed(1)}`;
  const numbers = rectText.split(',').map(Number);
  if (numbers.length !== 3 || numbers.some((n) => !Number.isFinite(n)) || (numbers[2] as number) <= 0) {
    throw new CliError('ERR_CLI_USAGE', `--rect "${rectText}": give x,y,diameter in points, e.g. 400,80,119.`);
  }
  const [x, y, size] = numbers as [number, number, number];
  const scale = size / drawn.sizePt;
  return {
    page: page - 1,
    rect: [x, y, size, size] as [number, number, number, number],
    operators: `q ${scale.toFixed(6)} 0 0 ${scale.toFixed(6)} 0 0 cm\n${drawn.pdfOperators}\nQ`,
  };
}

/** PEM files are passed as text, anything else as DER bytes. */
function pemOrDer(data: Uint8Array): Uint8Array | string {
  const text = new TextDecoder('latin1').decode(data.subarray(0, 64));
  return text.includes('-----BEGIN') ? new TextDecoder().decode(data) : data;
}

/** The organisation (O) of a certificate's subject, if any. */
export function organizationOf(certificate: Uint8Array): string | undefined {
  try {
    const subject = new X509Certificate(certificate).subject;
    const line = subject.split('\n').find((part) => part.startsWith('O='));
    return line?.slice(2);
  } catch {
    return undefined;
  }
}
