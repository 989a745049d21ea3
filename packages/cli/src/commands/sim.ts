import { startSimulator } from '@zwfw/platform-simulator';
import { type Command, stringOption } from '../command';
import { EXIT_CODES } from '../context';
import { CliError } from '../errors';

/** `zwfw sim`: runs the platform simulator until Ctrl-C (SIGINT) or SIGTERM. */
export const simCommand: Command = {
  path: ['sim'],
  summary: {
    zh: '运行省一体化平台模拟器（测试用，直到 Ctrl-C）',
    en: 'run the provincial platform simulator (for tests, until Ctrl-C)',
  },
  options: {
    port: { type: 'string', value: 'N', help: { zh: '端口（默认：空闲端口）', en: 'TCP port (default: a free one)' } },
    host: {
      type: 'string',
      value: 'HOST',
      help: { zh: '监听地址（默认 127.0.0.1）', en: 'interface (default 127.0.0.1)' },
    },
  },
  examples: ['zwfw sim', 'zwfw sim --port 8787'],
  async run(args, context) {
    const portText = stringOption(args, 'port') ?? '0';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new CliError('ERR_CLI_USAGE', `--port must be a whole number from 0 to 65535, got "${portText}".`);
    }
    const host = stringOption(args, 'host');
    const sim = await startSimulator({ port, ...(host ? { host } : {}) });
    const { t } = context;
    context.out(t(`平台模拟器已启动：${sim.url}`, `Platform simulator listening on ${sim.url}`));
    context.out(`  API base URL   ${sim.apiUrl}`);
    context.out(`  app key        ${sim.credentials.appKey}`);
    context.out(`  app secret     ${sim.credentials.appSecret}   ${t('（仅供测试）', '(test only)')}`);
    context.out(`  receipt key    ${sim.url}/api/v1/keys (kid ${sim.publicJwk.kid})`);
    context.out(`  controls       ${sim.url}/__sim/{reset,seed,faults,requests,clock,cases}`);
    context.out(t('按 Ctrl-C 停止。', 'Press Ctrl-C to stop.'));
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await sim.close();
    context.err(t('模拟器已停止。', 'Simulator stopped.'));
    return EXIT_CODES.ok;
  },
};
