import { describe, expect, it } from 'vitest';
import { detectLanguage } from './context';
import { runCapture } from './testing';

describe('runCli', () => {
  it('prints the overview with exit 0 for --help and for no arguments', async () => {
    for (const argv of [['--help'], []]) {
      const result = await runCapture(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: zwfw <command>');
      expect(result.stdout).toContain('Exit codes: 0 passed/valid');
    }
  });

  it('rejects an unknown command with exit 3 and the overview on stderr', async () => {
    const result = await runCapture(['frobnicate']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Unknown command: frobnicate');
    expect(result.stdout).toBe('');
  });

  it('speaks Chinese with --lang zh, wherever the flag stands', async () => {
    const before = await runCapture(['--lang', 'zh', '--help']);
    expect(before.stdout).toContain('用法');
    const after = await runCapture(['version', '--help', '--lang=zh']);
    expect(after.stdout).toContain('用法: zwfw version');
  });

  it('rejects an unknown option with exit 3, naming it, without a stack trace', async () => {
    const result = await runCapture(['version', '--frob']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/--frob/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad --lang value with exit 3', async () => {
    const result = await runCapture(['--lang', 'fr', 'version']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Unknown --lang "fr"');
  });
});

describe('detectLanguage', () => {
  it('follows the flag, then the locale, and defaults to Chinese', () => {
    expect(detectLanguage('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(detectLanguage(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(detectLanguage(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(detectLanguage(undefined, { LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(detectLanguage(undefined, {})).toBe('zh');
    expect(detectLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('zh');
  });
});
