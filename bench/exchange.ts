// `pnpm bench exchange` — issue #6 benchmark of @zwfw/exchange-client against the platform simulator, which runs in
// its own process (so the client's CPU cost is not mixed with the server's):
//  1. per-request overhead of the client (signing, ky, validation, retry machinery) vs a bare fetch to the same
//     endpoint: p50 and p99 latency ratio (goal ≤ 1.2×), on GET /health (unsigned baseline) and on GET /items/{code}
//     (the baseline signs with node:crypto, the cheapest correct request, and sends the same headers as the client:
//     identity, request and correlation ids, accept). Both sides use the same global fetch dispatcher (keep-alive)
//     and alternate in blocks after a warm-up;
//  2. where the client's time goes, in CPU µs per call without a network: a stub fetch, ky alone over that stub, and
//     the whole client over that stub;
//  3. durable submissions/s through the SQLite outbox (WAL, synchronous = FULL, file on disk), goal ≥ 500/s, against
//     direct (non-durable) submissions and bare signed POSTs of the same body in the same run.
// Default sizes finish in well under a minute; `--full` (or BENCH_FULL=1) runs the larger sizes.
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  type CaseInputInput,
  createExchangeClient,
  createMemoryOutboxStore,
  type ExchangeClient,
  type OutboxStore,
} from '@zwfw/exchange-client';
import { createNodeFetch } from '@zwfw/exchange-client/node';
import { createSqliteOutboxStore } from '@zwfw/exchange-client/sqlite';
import { metric, percentile, report } from './lib';

const full = process.argv.includes('--full') || process.env.BENCH_FULL === '1';
const LATENCY_REQUESTS = full ? 5000 : 2000;
const WARM_UP = 200;
const SUBMISSIONS = full ? 5000 : 2000;
const CONCURRENCY = 32;
const STUB_CALLS = 20_000;

interface SimInfo {
  apiUrl: string;
  credentials: { appKey: string; appSecret: string };
  publicJwk: JsonWebKey;
  itemCode: string;
}

async function startSimulatorProcess(): Promise<{ info: SimInfo; stop: () => void }> {
  const code = `
    import { startSimulator } from '@zwfw/platform-simulator';
    const sim = await startSimulator({ requestLogLimit: 0 });
    process.stdout.write(JSON.stringify({ apiUrl: sim.apiUrl, credentials: sim.credentials, publicJwk: sim.publicJwk }) + '\\n');
    process.stdin.on('data', (line) => { if (String(line).startsWith('reset')) { sim.reset(); process.stdout.write('ok\\n'); } });
    process.stdin.on('end', () => sim.close().then(() => process.exit(0)));
  `;
  const child = spawn(
    process.execPath,
    ['--conditions=@zwfw/source', '--import', 'tsx', '--input-type=module', '-e', code],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  let waiting: ((line: string) => void) | undefined;
  let buffer = '';
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let index = buffer.indexOf('\n');
    while (index >= 0) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 1);
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(line);
      } else lines.push(line);
      index = buffer.indexOf('\n');
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve) => {
      if (lines.length > 0) resolve(lines.shift() as string);
      else waiting = resolve;
    });
  const started = JSON.parse(await nextLine()) as Omit<SimInfo, 'itemCode'>;
  const info = { ...started, itemCode: '' };
  simReset = async () => {
    child.stdin.write('reset\n');
    await nextLine();
  };
  return { info, stop: () => child.stdin.end() };
}
let simReset: () => Promise<void> = async () => {};

function caseInput(caseNo: string, itemCode: string): CaseInputInput {
  return {
    caseNo,
    itemCode,
    projectName: '基准测试办件',
    kind: 'promised',
    channel: 'online',
    regionCode: '430400000000',
    applicant: { type: 'person', name: '张三', idType: '111', idNumber: '430421199001011234' },
    acceptDepartment: { code: '11430400MB1D03622L', name: '衡阳市行政审批服务局' },
    submittedAt: '2026-05-01T09:30:00+08:00',
  };
}

const CLIENT = { regionCode: '430400000000', organizationCode: '11430400MB1D03622L', systemCode: 'BENCH' };

/** The headers the client sends, signed with node:crypto: what a hand-written caller would have to send. */
function signedHeaders(info: SimInfo, method: string, path: string, body = ''): Record<string, string> {
  const timestamp = String(Date.now());
  const nonce = randomUUID();
  const canonical = `${method}\n${path}\n\n${createHash('sha256').update(body).digest('hex')}\n${timestamp}\n${nonce}`;
  return {
    accept: 'application/json',
    'X-Exchange-Client': `${CLIENT.regionCode}/${CLIENT.organizationCode}/${CLIENT.systemCode}`,
    'X-Request-Id': randomUUID(),
    'X-Correlation-Id': randomUUID(),
    'X-Exchange-App-Key': info.credentials.appKey,
    'X-Exchange-Timestamp': timestamp,
    'X-Exchange-Nonce': nonce,
    'X-Exchange-Signature': createHmac('sha256', info.credentials.appSecret).update(canonical).digest('base64'),
  };
}

/** Alternate blocks of the two sides so both see the same machine conditions; returns per-request ms. */
async function compare(total: number, client: () => Promise<unknown>, bare: () => Promise<unknown>) {
  const times = { client: [] as number[], bare: [] as number[] };
  for (let i = 0; i < WARM_UP; i++) {
    await client();
    await bare();
  }
  const block = 25;
  for (let done = 0; done < total; done += block) {
    for (const [side, run] of [
      ['client', client],
      ['bare', bare],
    ] as const) {
      for (let i = 0; i < block; i++) {
        const start = performance.now();
        await run();
        times[side].push(performance.now() - start);
      }
    }
  }
  return times;
}

/** Submissions per second, CONCURRENCY in flight. */
async function rate(submit: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < SUBMISSIONS) await submit(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (SUBMISSIONS / (performance.now() - start)) * 1000;
}

const submitAll = (client: ExchangeClient, prefix: string, itemCode: string) =>
  rate(async (index) => {
    const result = await client.cases.submit(caseInput(`${prefix}-${index}`, itemCode));
    if (result.status !== 'sent') throw new Error(`submission ${index} was ${result.status}, expected sent`);
  });

/** The same submissions as bare signed POSTs (the body the client sends: the parsed input with its defaults). */
const bareSubmitAll = (info: SimInfo, prefix: string, itemCode: string) => {
  const url = new URL('cases', info.apiUrl);
  return rate(async (index) => {
    const body = JSON.stringify({
      version: 1,
      materials: [],
      deliveryMode: '00',
      ...caseInput(`${prefix}-${index}`, itemCode),
    });
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        ...signedHeaders(info, 'POST', url.pathname, body),
        'content-type': 'application/json; charset=utf-8',
        'Idempotency-Key': randomUUID(),
      },
    });
    await response.json();
    if (response.status !== 201) throw new Error(`bare submission ${index} answered ${response.status}`);
  });
};

/** CPU µs per call of `run`, after a warm-up (CPU time is less disturbed by other processes than wall time). */
async function cpuPerCall(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < STUB_CALLS / 10; i++) await run();
  const before = process.cpuUsage();
  for (let i = 0; i < STUB_CALLS; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / STUB_CALLS;
}

/** ky 1.14 as the client resolves it (not a dependency of the workspace root). */
interface KyLike {
  create(
    options: Record<string, unknown>,
  ): (input: URL, options?: { headers?: Record<string, string> }) => Promise<Response>;
}
const { default: ky } = (await import(
  pathToFileURL(createRequire(new URL('../packages/exchange-client/package.json', import.meta.url)).resolve('ky')).href
)) as { default: KyLike };

const { info, stop } = await startSimulatorProcess();
const dir = mkdtempSync(join(tmpdir(), 'zwfw-bench-exchange-'));
const nodeFetch = createNodeFetch();
try {
  const options = {
    baseUrl: info.apiUrl,
    credentials: info.credentials,
    client: CLIENT,
    receipts: { verificationKey: info.publicJwk },
  };
  const client = createExchangeClient(options);
  const [item] = await client.items.list({ limit: 1 }).toArray();
  if (!item) throw new Error('the simulator has no items');
  const itemPath = new URL(`items/${encodeURIComponent(item.implementationCode)}`, info.apiUrl);
  const healthUrl = new URL('health', info.apiUrl);

  const health = await compare(
    LATENCY_REQUESTS,
    () => client.health(),
    () => fetch(healthUrl).then((response) => response.json()),
  );
  const items = await compare(
    LATENCY_REQUESTS,
    () => client.items.get(item.implementationCode),
    () =>
      fetch(itemPath, { headers: signedHeaders(info, 'GET', itemPath.pathname) }).then((response) => response.json()),
  );

  // The client's own cost without a network: the simulator's answer to items.get, served by an in-process stub.
  // The same client on createNodeFetch (node:http keep-alive) instead of the built-in fetch (undici).
  const nodeFetchClient = createExchangeClient({ ...options, fetch: nodeFetch });
  const itemsNodeFetch = await compare(
    LATENCY_REQUESTS,
    () => nodeFetchClient.items.get(item.implementationCode),
    () =>
      fetch(itemPath, { headers: signedHeaders(info, 'GET', itemPath.pathname) }).then((response) => response.json()),
  );

  const itemAnswer = await (await fetch(itemPath, { headers: signedHeaders(info, 'GET', itemPath.pathname) })).text();
  const stub = (async () =>
    new Response(itemAnswer, {
      status: 200,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(itemAnswer)) },
    })) as typeof fetch;
  const stubCpu = await cpuPerCall(async () => JSON.parse(await (await stub(itemPath)).text()));
  const kyStub = ky.create({ retry: 0, timeout: false, throwHttpErrors: false, fetch: stub });
  const kyCpu = await cpuPerCall(async () =>
    JSON.parse(await (await kyStub(itemPath, { headers: signedHeaders(info, 'GET', itemPath.pathname) })).text()),
  );
  const stubClient = createExchangeClient({ ...options, fetch: stub });
  const clientCpu = await cpuPerCall(() => stubClient.items.get(item.implementationCode));

  await simReset();
  const bareRate = await bareSubmitAll(info, 'BARE', item.implementationCode);
  await simReset();
  const directRate = await submitAll(client, 'DIRECT', item.implementationCode);
  await simReset();
  const directNodeFetchRate = await submitAll(nodeFetchClient, 'NODEFETCH', item.implementationCode);
  await simReset();
  const store = await createSqliteOutboxStore({ path: join(dir, 'outbox.db') });
  const durable = createExchangeClient({ ...options, outbox: { store } });
  const durableRate = await submitAll(durable, 'DURABLE', item.implementationCode);
  const counts = await store.counts();
  if (counts.sent !== SUBMISSIONS)
    throw new Error(`outbox holds ${JSON.stringify(counts)}, expected ${SUBMISSIONS} sent`);
  await store.close();

  // The outbox's own cost, without the network: write a record durably, then mark it sent, CONCURRENCY at a time.
  const storeRate = async (open: () => Promise<OutboxStore>, concurrency = CONCURRENCY, count = SUBMISSIONS) => {
    const target = await open();
    let next = 0;
    const start = performance.now();
    const worker = async () => {
      while (next < count) {
        const index = next++;
        const body = JSON.stringify(caseInput(`STORE-${index}`, item.implementationCode));
        const id = randomUUID();
        await target.add({
          id,
          operation: 'cases.submit',
          method: 'POST',
          path: 'cases',
          body,
          idempotencyKey: randomUUID(),
          orderingKey: `STORE-${index}`,
          version: 1,
          payloadSha256: createHash('sha256').update(body).digest('hex'),
          createdAt: new Date(),
        });
        await target.update(id, { state: 'sent', attempts: 1, sentAt: new Date(), response: '{}' });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const rate = (count / (performance.now() - start)) * 1000;
    await target.close();
    return rate;
  };
  const sqliteStoreRate = await storeRate(() => createSqliteOutboxStore({ path: join(dir, 'store-only.db') }));
  const memoryStoreRate = await storeRate(async () => createMemoryOutboxStore());
  // One record at a time: every add and every update is its own commit, i.e. the disk's fsync rate.
  const sequentialRate = await storeRate(() => createSqliteOutboxStore({ path: join(dir, 'sequential.db') }), 1, 200);

  report(
    'exchange',
    [
      metric(
        'health p50 (client.health)',
        'ms',
        percentile(health.client, 50),
        'bare fetch p50',
        percentile(health.bare, 50),
      ),
      metric(
        'health p99 (client.health)',
        'ms',
        percentile(health.client, 99),
        'bare fetch p99',
        percentile(health.bare, 99),
      ),
      metric('items.get p50', 'ms', percentile(items.client, 50), 'signed bare fetch p50', percentile(items.bare, 50)),
      metric('items.get p99', 'ms', percentile(items.client, 99), 'signed bare fetch p99', percentile(items.bare, 99)),
      metric(
        'items.get p50, client on createNodeFetch',
        'ms',
        percentile(itemsNodeFetch.client, 50),
        'signed bare fetch p50',
        percentile(itemsNodeFetch.bare, 50),
      ),
      metric('items.get CPU per call, stub fetch', 'µs', clientCpu, 'ky over the same stub (signed headers)', kyCpu),
      metric('ky CPU per call, stub fetch', 'µs', kyCpu, 'stub fetch + JSON.parse', stubCpu),
      metric('durable submissions (SQLite, sync=FULL)', '/s', durableRate, 'direct submissions', directRate),
      metric('direct submissions (client)', '/s', directRate, 'bare signed POST /cases', bareRate),
      metric(
        'direct submissions, client on createNodeFetch',
        '/s',
        directNodeFetchRate,
        'direct submissions (built-in fetch)',
        directRate,
      ),
      metric(
        'outbox writes (SQLite, sync=FULL, no network)',
        '/s',
        sqliteStoreRate,
        'in-memory store',
        memoryStoreRate,
      ),
      metric(
        'outbox writes one at a time (fsync-bound)',
        '/s',
        sequentialRate,
        `${CONCURRENCY} at a time (group commit)`,
        sqliteStoreRate,
      ),
    ],
    [
      `${LATENCY_REQUESTS} requests per side (alternating blocks of 25, ${WARM_UP} warm-up each); ${STUB_CALLS} stub calls; ${SUBMISSIONS} submissions per mode, concurrency ${CONCURRENCY}${full ? ' (--full)' : ''}`,
      'client and baselines on the built-in fetch unless the row says createNodeFetch; simulator in a separate process on loopback; receipts verified (ES256) on every submission; goals: ratio ≤ 1.2×, durable ≥ 500/s',
    ],
  );
} finally {
  nodeFetch.close();
  stop();
  rmSync(dir, { recursive: true, force: true });
}
