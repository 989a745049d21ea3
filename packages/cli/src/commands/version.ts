import type { Command } from '../command';
import { EXIT_CODES } from '../context';

declare const __PACKAGE_VERSION__: string | undefined;

/** `zwfw version`: prints the CLI's version and the Node version it runs on. */
export const versionCommand: Command = {
  path: ['version'],
  summary: { zh: '显示版本', en: 'show the version' },
  examples: ['zwfw version'],
  async run(_args, context) {
    const version = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : 'source';
    context.out(`zwfw ${version} (node ${process.version})`);
    return EXIT_CODES.ok;
  },
};
