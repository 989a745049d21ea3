/**
 * `zwfw-platform-sim [--port N] [--host H] [--seed FILE]`: run the platform simulator until SIGINT/SIGTERM.
 * Prints the URL, the test-only credentials and the receipt key id on start.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isSimulatorError } from './errors';
import { ApiError } from './internal/http';
import { seedFromJson } from './internal/routes/controls';
import { startSimulator } from './start-simulator';
import type { SimulatorSeed } from './types';

const USAGE = `Usage: zwfw-platform-sim [--port N] [--host 127.0.0.1] [--seed FILE] [--signature LIST]

Runs a stateful simulator of the provincial platform (省一体化平台) API for tests and CI.
  --port N      TCP port (default: a free port, printed on start)
  --host H      interface to bind (default 127.0.0.1)
  --seed FILE   JSON seed { items, certificates, resources, apps, halls }; each list replaces the built-in one
  --signature L accepted signature methods, comma-separated: hmac-sha256,hmac-sm3 (default both)
  --help        show this help

The API is under /api/v1, liveness at /health, test controls under /__sim (see the package README).
The built-in credentials are public and for tests only.`;

function fail(message: string): never {
  process.stderr.write(`zwfw-platform-sim: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; seed?: string; signature?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        signature: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got "${values.port}"`);
  let seed: SimulatorSeed | undefined;
  if (values.seed !== undefined) {
    let text: string;
    try {
      text = readFileSync(values.seed, 'utf8');
    } catch (error) {
      fail(`cannot read the seed file ${values.seed} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      seed = seedFromJson(JSON.parse(text));
    } catch (error) {
      fail(
        `the seed file ${values.seed} is invalid: ${error instanceof ApiError ? error.message : (error as Error).message}`,
      );
    }
  }
  const algorithms = values.signature?.split(',').map((name) => name.trim().toLowerCase());
  if (algorithms?.some((name) => name !== 'hmac-sha256' && name !== 'hmac-sm3')) {
    fail(`--signature takes hmac-sha256 and/or hmac-sm3, got "${values.signature}"`);
  }
  const sim = await startSimulator({
    port,
    host: values.host,
    seed,
    signatureAlgorithms: algorithms as ('hmac-sha256' | 'hmac-sm3')[] | undefined,
  });
  process.stdout.write(
    [
      `zwfw-platform-sim listening on ${sim.url}`,
      `  API base URL   ${sim.apiUrl}`,
      `  app key        ${sim.credentials.appKey}`,
      `  app secret     ${sim.credentials.appSecret}   (test only)`,
      `  receipt key    ${sim.url}/api/v1/keys (kid ${sim.publicJwk.kid})`,
      `  controls       ${sim.url}/__sim/{reset,seed,faults,requests,clock,cases}`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`zwfw-platform-sim: ${signal}, shutting down\n`);
    sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  fail(isSimulatorError(error) ? `${error.code}: ${error.message}` : String(error));
});
