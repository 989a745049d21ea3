// Throughput of the simulator itself (signed POST /cases and GET /items over loopback, N concurrent senders), so a
// client benchmark knows how much of its latency is the simulator's. Run:
//   pnpm --filter @zwfw/platform-simulator measure [--full]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createHmacSigner } from '@zwfw/exchange-client';
import { startSimulator } from '../src/index';

const full = process.argv.includes('--full');
const total = full ? 10_000 : 1_000;
const concurrency = 8;
const sim = await startSimulator({ requestLogLimit: 0 });
const signer = createHmacSigner(sim.credentials);
const itemCode = '114304006XNYXARA873000104001000';

async function send(method: string, path: string, body?: unknown): Promise<number> {
  const bytes = body === undefined ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(body));
  const url = sim.url + path;
  const headers = await signer.sign({ method, url, body: bytes, timestamp: Date.now(), nonce: randomUUID() });
  const started = performance.now();
  const response = await fetch(url, {
    method,
    headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: body === undefined ? undefined : (bytes as Uint8Array<ArrayBuffer>),
  });
  await response.arrayBuffer();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}`);
  return performance.now() - started;
}

async function run(name: string, make: (index: number) => Promise<number>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < total; index = next++) latencies.push(await make(index));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!.toFixed(2);
  process.stdout.write(
    `${name.padEnd(14)} ${total} requests, ${concurrency} concurrent: ${(total / seconds).toFixed(0)} req/s, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms\n`,
  );
}

await run('POST /cases', (index) =>
  send('POST', '/api/v1/cases', {
    caseNo: `BENCH-${index}`,
    itemCode,
    projectName: '企业投资项目备案',
    kind: 'promised',
    channel: 'online',
    regionCode: '430400000000',
    applicant: { type: 'enterprise', name: '示例公司', idType: '001', idNumber: '914304001000001234' },
    acceptDepartment: { code: '114304006XNYXARA87', name: '衡阳市发展和改革委员会' },
    submittedAt: '2026-05-01T09:30:00+08:00',
  }),
);
await run('GET /items', () => send('GET', '/api/v1/items?limit=20'));
process.stdout.write(`cases stored: ${sim.cases().length}\n`);
await sim.close();
