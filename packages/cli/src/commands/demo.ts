import { relative, resolve } from 'node:path';
import { type Command, stringOption } from '../command';
import { EXIT_CODES } from '../context';
import { runDemo } from '../demo/run-demo';
import { padDisplay } from '../text';

/** `zwfw demo`: the end-to-end demo on embedded defaults. */
export const demoCommand: Command = {
  path: ['demo'],
  summary: {
    zh: '端到端演示：同步事项、签发证照、盖章、验证、经发件箱提交办件（内置默认配置）',
    en: 'end-to-end demo: sync items, issue, seal, verify, submit through the outbox (embedded defaults)',
  },
  options: {
    out: {
      type: 'string',
      value: 'DIR',
      help: { zh: '输出目录（默认 demo-output/）', en: 'output folder (default demo-output/)' },
    },
  },
  examples: ['zwfw demo', 'zwfw demo --out /tmp/zwfw-demo --lang en'],
  async run(args, context) {
    const { t } = context;
    const outDir = stringOption(args, 'out') ?? 'demo-output';
    context.out(
      t(
        'zwfw 端到端演示（全部为合成测试数据，测试密钥仅供演示）',
        'zwfw end-to-end demo (synthetic data; test keys for demonstration only)',
      ),
    );
    let index = 0;
    const result = await runDemo({
      outDir: resolve(context.io.cwd, outDir),
      onStep: (step) => {
        index++;
        context.out(
          `${String(index).padStart(2)}. ${padDisplay(t(step.title.zh, step.title.en), 44)} ${`${step.ms.toFixed(0)} ms`.padStart(8)}  ${t(step.detail.zh, step.detail.en)}`,
        );
      },
    });
    const total = result.steps.reduce((sum, step) => sum + step.ms, 0);
    context.out('');
    context.out(t(`完成，共 ${total.toFixed(0)} ms。输出文件：`, `Done in ${total.toFixed(0)} ms. Output files:`));
    for (const file of Object.values(result.files)) context.out(`  ${relative(context.io.cwd, file) || file}`);

    const path = (file: string) => relative(context.io.cwd, file) || file;
    context.out(t('自行验证：', 'Check it yourself:'));
    context.out(`  zwfw verify ${path(result.files.certificatePdf)} --trust ${path(result.files.trustAnchor)}`);
    context.out(
      `  zwfw verify ${path(result.files.certificateJws)} --trust ${path(result.files.trustAnchor)} --intermediate ${path(result.files.sealCertificates)}`,
    );
    const ok =
      result.pdfIndication === 'TOTAL_PASSED' &&
      result.jwsIndication === 'TOTAL_PASSED' &&
      result.submission !== 'queued';
    return ok ? EXIT_CODES.ok : EXIT_CODES.failed;
  },
};
