import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('./bin.ts', import.meta.url));

function run(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--conditions=@zwfw/source', '--import', 'tsx', BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exit };
}

describe('zwfw-platform-sim', () => {
  it('prints its URL and credentials, serves the API and shuts down cleanly on SIGTERM', async () => {
    const seedFile = join(tmpdir(), `zwfw-sim-seed-${process.pid}.json`);
    writeFileSync(seedFile, JSON.stringify({ halls: [{ hallId: 'CLI-HALL', name: 'CLI 大厅' }] }));
    const sim = run(['--port', '0', '--seed', seedFile, '--signature', 'hmac-sha256,HMAC-SM3']);
    while (!/listening on http:\/\/127\.0\.0\.1:\d+\n/.test(sim.output())) {
      if (sim.child.exitCode !== null) throw new Error(sim.output());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(sim.output())?.[1];
    expect(sim.output()).toContain('app key        zwfw-sim-test-app');
    const health = await fetch(`${url}/health`).then((response) => response.json());
    expect(health.data.status).toBe('ok');
    sim.child.kill('SIGTERM');
    expect(await sim.exit).toBe(0);
    rmSync(seedFile);
    expect(sim.output()).toContain('SIGTERM, shutting down');
  });

  it('exits with 2 and a message for a bad port or seed file', async () => {
    const badPort = run(['--port', 'abc']);
    expect(await badPort.exit).toBe(2);
    expect(badPort.output()).toBe('zwfw-platform-sim: --port must be 0–65535, got "abc"\n');
    const badSignature = run(['--signature', 'md5']);
    expect(await badSignature.exit).toBe(2);
    expect(badSignature.output()).toBe('zwfw-platform-sim: --signature takes hmac-sha256 and/or hmac-sm3, got "md5"\n');
    const missing = run(['--seed', '/nonexistent/seed.json']);
    expect(await missing.exit).toBe(2);
    expect(missing.output()).toBe('zwfw-platform-sim: cannot read the seed file /nonexistent/seed.json (ENOENT)\n');
  });
});
