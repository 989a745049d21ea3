import { type Simulator, startSimulator } from '@zwfw/platform-simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseInput, clientFor, ID_NUMBER, IDENTITY, PHONE, withSimulator } from '../test/fixtures';
import { createExchangeClient } from './create-exchange-client';
import type { RetryState } from './hooks';

let sim: Simulator;
beforeAll(async () => {
  sim = await withSimulator();
});
afterAll(() => sim.close());
afterEach(() => {
  sim.reset();
  sim.clearFaults();
  sim.setClockOffset(0);
});

describe('createExchangeClient', () => {
  it('throws ERR_EXCHANGE_CONFIGURATION_INVALID for bad options', () => {
    expect(() =>
      createExchangeClient({ baseUrl: 'not a url', client: IDENTITY, credentials: sim.credentials }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_EXCHANGE_CONFIGURATION_INVALID',
        message: expect.stringContaining('baseUrl'),
      }),
    );
    expect(() => createExchangeClient({ baseUrl: sim.apiUrl, client: IDENTITY })).toThrow(
      expect.objectContaining({
        code: 'ERR_EXCHANGE_CONFIGURATION_INVALID',
        message: expect.stringContaining('credentials'),
      }),
    );
  });

  it('lists, gets and syncs items', async () => {
    const client = clientFor(sim);
    const items = await client.items.list({ limit: 1 }).toArray();
    expect(items.length).toBeGreaterThan(1);
    const first = items[0];
    expect(await client.items.get(first?.implementationCode ?? '')).toMatchObject({ name: first?.name });
    const sync = await client.items.sync();
    expect(sync.items).toHaveLength(items.length);
    const again = await client.items.sync(sync.cursor);
    expect(again.items.every((item) => item.updatedAt === sync.cursor)).toBe(true);
    await expect(client.items.get('NOPE')).rejects.toMatchObject({ code: 'ERR_EXCHANGE_NOT_FOUND', status: 404 });
  });

  it('validates items against the catalog model by default, naming the failing field', async () => {
    const strict = clientFor(sim, { itemValidation: 'catalog' });
    await expect(strict.items.list().toArray()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RESPONSE_INVALID',
      message: expect.stringMatching(/"data\.items\[0\]\.\w+"/),
    });
    const catalogSim = await startSimulator();
    try {
      const items = await clientFor(catalogSim, { itemValidation: 'catalog' })
        .items.list({ limit: 100 })
        .toArray({ limit: 150 });
      expect(items).toHaveLength(150);
      expect(items[0]).toMatchObject({ implementationCode: expect.any(String), materials: expect.any(Array) });
    } finally {
      await catalogSim.close();
    }
  });

  it('submits a case with a verified receipt, then records events, completion, and reads it back', async () => {
    const client = clientFor(sim);
    const submitted = await client.cases.submit(caseInput('HY-0001'));
    expect(submitted).toMatchObject({ status: 'sent', caseNo: 'HY-0001', result: { version: 1, status: 'submitted' } });
    expect(submitted.status === 'sent' && submitted.receipt).toMatchObject({
      verified: true,
      payload: { caseNo: 'HY-0001', version: 1 },
    });
    await client.cases.addEvent('HY-0001', { version: 2, status: 'accepted', occurredAt: '2026-05-01T10:00:00+08:00' });
    const completed = await client.cases.complete('HY-0001', {
      version: 3,
      result: 'issued',
      fee: { amount: 0 },
      completedAt: '2026-05-02T10:00:00+08:00',
    });
    expect(completed).toMatchObject({ status: 'sent', result: { version: 3, status: 'completed' } });
    expect((await client.cases.events('HY-0001')).map((event) => event.status)).toEqual([
      'submitted',
      'accepted',
      'completed',
    ]);
    expect(await client.cases.list({ status: 'completed' }).toArray()).toHaveLength(1);
    await expect(
      client.cases.addEvent('HY-0001', {
        version: 3,
        status: 'certificateCollected',
        occurredAt: '2026-05-03T10:00:00+08:00',
      }),
    ).rejects.toMatchObject({ code: 'ERR_EXCHANGE_BUSINESS_RULE', platformCode: 'VERSION_CONFLICT', status: 409 });
  });

  it('reports a resubmitted case number as a duplicate with the original receipt', async () => {
    const client = clientFor(sim);
    const first = await client.cases.submit(caseInput('HY-0002'));
    const second = await client.cases.submit(caseInput('HY-0002'));
    expect(second).toMatchObject({
      status: 'duplicate',
      result: { platformId: first.status === 'sent' ? first.result.platformId : '' },
    });
  });

  it('rejects invalid input before sending, naming the field', async () => {
    const client = clientFor(sim);
    await expect(client.cases.submit(caseInput('HY-0003', { regionCode: '4304' }))).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_REQUEST_INVALID',
      side: 'request',
      message: expect.stringContaining('"regionCode"'),
    });
    await expect(
      client.certificates.findByHolder({ holderCode: ID_NUMBER, holderType: '111', useCause: '' }).toArray(),
    ).rejects.toMatchObject({ code: 'ERR_EXCHANGE_REQUEST_INVALID', message: expect.stringContaining('useCause') });
    expect(sim.requests()).toHaveLength(0);
  });

  it('retries 503 and a dropped-after-commit POST with the same Idempotency-Key, creating the case once', async () => {
    const retries: RetryState[] = [];
    const client = clientFor(sim, { hooks: { onRetry: (state) => retries.push(state) } });
    sim.addFaults([
      { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'status', status: 503, times: 1 },
      { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-after-commit', times: 1 },
    ]);
    const result = await client.cases.submit(caseInput('HY-0004'));
    expect(result.status).toBe('sent');
    expect(retries.map((state) => state.error.code)).toEqual([
      'ERR_EXCHANGE_PLATFORM_UNAVAILABLE',
      'ERR_EXCHANGE_NETWORK_FAILED',
    ]);
    const posts = sim.requests().filter((entry) => entry.method === 'POST');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((entry) => entry.idempotencyKey)).size).toBe(1);
    expect(new Set(posts.map((entry) => entry.requestId)).size).toBe(3);
    expect(posts.at(-1)?.replayed).toBe(true);
    expect(sim.cases()).toEqual([expect.objectContaining({ caseNo: 'HY-0004', submissions: 1 })]);
  });

  it('honours Retry-After on 429 (capped by maxRetryAfterMs)', async () => {
    const retries: RetryState[] = [];
    const client = clientFor(sim, {
      hooks: { onRetry: (state) => retries.push(state) },
      retry: { maxRetryAfterMs: 1_000 },
    });
    sim.addFaults([{ mode: 'rate-limit', retryAfterSeconds: 1, times: 1 }]);
    await client.items.list().toArray();
    expect(retries).toEqual([
      expect.objectContaining({
        delayMs: 1_000,
        error: expect.objectContaining({ code: 'ERR_EXCHANGE_RATE_LIMITED', retryAfterMs: 1_000 }),
      }),
    ]);
  });

  it('times out a slow attempt and retries it', async () => {
    const retries: RetryState[] = [];
    const client = clientFor(sim, { timeout: 100, hooks: { onRetry: (state) => retries.push(state) } });
    sim.addFaults([{ match: { method: 'GET' }, mode: 'latency', ms: 400, times: 1 }]);
    await client.items.list().toArray();
    expect(retries[0]?.error).toMatchObject({
      code: 'ERR_EXCHANGE_TIMEOUT',
      message: expect.stringContaining('100 ms'),
    });
  });

  it('gives up with the last error when retries are exhausted', async () => {
    const client = clientFor(sim, { retry: { limit: 2, baseDelayMs: 1, backoffLimitMs: 1 } });
    sim.addFaults([{ mode: 'status', status: 502 }]);
    await expect(client.items.list().toArray()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_PLATFORM_UNAVAILABLE',
      status: 502,
      isRetryable: true,
    });
    expect(sim.requests()).toHaveLength(3);
  });

  it('fails with ERR_EXCHANGE_AUTHENTICATION_FAILED on a wrong secret, without retrying', async () => {
    const client = clientFor(sim, { credentials: { appKey: sim.credentials.appKey, appSecret: 'wrong' } });
    await expect(client.items.list().toArray()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_AUTHENTICATION_FAILED',
      status: 401,
      message: expect.stringContaining('check credentials'),
    });
    expect(sim.requests()).toHaveLength(1);
  });

  it('resyncs once on CLOCK_SKEW and succeeds; fails typed when the clock keeps drifting', async () => {
    sim.setClockOffset(10 * 60_000);
    const client = clientFor(sim);
    await client.items.list().toArray();
    expect(Math.abs(client.clockOffsetMs - 10 * 60_000)).toBeLessThan(60_000);
    let drift = 0;
    const drifting = clientFor(sim, {
      now: () => {
        drift += 20 * 60_000;
        return new Date(Date.now() - drift);
      },
    });
    await expect(drifting.items.list().toArray()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_CLOCK_SKEW',
      status: 401,
    });
  });

  it('fails with ERR_EXCHANGE_REPLAY_DETECTED when nonces repeat', async () => {
    const client = clientFor(sim, { generateId: () => 'always-the-same' });
    await client.items.list().toArray();
    await expect(client.items.list().toArray()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_REPLAY_DETECTED',
      status: 401,
    });
  });

  it('never logs or reports ID numbers, phone numbers or the secret', async () => {
    const lines: string[] = [];
    const log = (message: string, fields: Record<string, unknown>) =>
      lines.push(`${message} ${JSON.stringify(fields)}`);
    const client = clientFor(sim, { logger: { debug: log, info: log, warn: log } });
    sim.addFaults([{ mode: 'status', status: 503, times: 1 }]);
    await client.cases.submit(caseInput('HY-0005'));
    await client.certificates
      .findByHolder({ holderCode: ID_NUMBER, holderType: '111', useCause: '办理食品经营许可' })
      .toArray();
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const secret of [ID_NUMBER, PHONE, sim.credentials.appSecret]) expect(text).not.toContain(secret);
  });
});

describe('responses', () => {
  const fakeFetch = (body: BodyInit | null, init: ResponseInit = { status: 200 }) =>
    (async () => new Response(body, init)) as typeof fetch;

  it('lets X-Exchange-Should-Retry override the retry decision', async () => {
    let calls = 0;
    const answer = (status: number, shouldRetry: string) =>
      (async () => {
        calls++;
        const body = JSON.stringify({
          code: status === 503 ? 'UNAVAILABLE' : 'INVALID_REQUEST',
          message: 'x',
          data: null,
          requestId: 'r',
        });
        return new Response(body, { status, headers: { 'x-exchange-should-retry': shouldRetry } });
      }) as typeof fetch;
    await expect(clientFor(sim, { fetch: answer(503, 'false') }).health()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_PLATFORM_UNAVAILABLE',
      data: null,
    });
    expect(calls).toBe(1);
    calls = 0;
    await expect(clientFor(sim, { fetch: answer(400, 'true') }).health()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_BUSINESS_RULE',
    });
    expect(calls).toBe(4);
  });

  it('accepts a province adapter as a fetch seam that maps another wire format onto the envelope', async () => {
    // A province whose gateway answers { resultCode: '00', resultMsg, result } instead of the normalized envelope.
    const provinceFetch = (async () =>
      new Response(
        JSON.stringify({
          resultCode: '00',
          resultMsg: '成功',
          result: { status: 'ok', time: '2026-05-01T09:30:00+08:00' },
        }),
        {
          status: 200,
        },
      )) as typeof fetch;
    const adapter = (async (input, init) => {
      const response = await provinceFetch(input, init);
      const body = (await response.json()) as { resultCode: string; resultMsg: string; result: unknown };
      const envelope = {
        code: body.resultCode === '00' ? '0' : body.resultCode,
        message: body.resultMsg,
        data: body.result,
        requestId: 'province',
      };
      return new Response(JSON.stringify(envelope), { status: response.status, headers: response.headers });
    }) as typeof fetch;
    expect(await clientFor(sim, { fetch: adapter }).health()).toEqual({
      status: 'ok',
      time: '2026-05-01T09:30:00+08:00',
    });
  });

  it('rejects a body that is not an envelope with ERR_EXCHANGE_RESPONSE_INVALID', async () => {
    const client = clientFor(sim, { fetch: fakeFetch('<html>gateway</html>') });
    await expect(client.health()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RESPONSE_INVALID',
      side: 'response',
      message: expect.stringContaining('not a JSON envelope'),
    });
  });

  it('names the failing field of a response that breaks its schema', async () => {
    const body = JSON.stringify({
      code: '0',
      message: 'ok',
      requestId: 'r',
      data: { items: [{ name: 1 }], nextCursor: null },
    });
    const client = clientFor(sim, { fetch: fakeFetch(body) });
    await expect(client.items.list().toArray()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RESPONSE_INVALID',
      message: expect.stringContaining('"data.items[0].implementationCode"'),
    });
  });

  it('stops reading an oversized response', async () => {
    const big = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const client = clientFor(sim, { fetch: fakeFetch(big), maxResponseBytes: 256 * 1024 });
    await expect(client.health()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RESPONSE_INVALID',
      message: expect.stringContaining('maxResponseBytes'),
    });
  });

  it('times out a body that stalls after the headers, even through a fetch that ignores the signal', async () => {
    const stalled = () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"code":"0",'));
        },
      });
    const client = clientFor(sim, {
      fetch: (async () => new Response(stalled(), { status: 200 })) as typeof fetch,
      timeout: 50,
      retry: { limit: 0 },
    });
    await expect(client.health()).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_TIMEOUT',
      message: expect.stringContaining('50 ms'),
    });
  });
});

describe('signing and idempotency against the simulator', () => {
  it('signs with HMAC-SM3 when asked', async () => {
    const client = clientFor(sim, { signing: 'hmac-sm3' });
    expect((await client.items.list().toArray()).length).toBeGreaterThan(0);
    expect(sim.requests()[0]?.authentication.result).toBe('ok');
  });

  it('fails with ERR_EXCHANGE_IDEMPOTENCY_MISMATCH when a key is reused for another payload', async () => {
    const client = clientFor(sim);
    await client.cases.submit(caseInput('HY-0100'), { idempotencyKey: 'fixed-key-1' });
    await expect(client.cases.submit(caseInput('HY-0101'), { idempotencyKey: 'fixed-key-1' })).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_IDEMPOTENCY_MISMATCH',
      status: 422,
      message: expect.stringContaining('use a new key'),
    });
  });

  it('stops at totalTimeout, and reports a caller abort', async () => {
    const client = clientFor(sim, { timeout: 100, totalTimeout: 250, retry: { baseDelayMs: 1, backoffLimitMs: 1 } });
    const retries: RetryState[] = [];
    sim.addFaults([{ match: { path: '/api/v1/items' }, mode: 'latency', ms: 1_000 }]);
    await expect(
      client
        .extend({ hooks: { onRetry: (state) => retries.push(state) } })
        .items.list()
        .toArray(),
    ).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_TIMEOUT',
      isRetryable: false,
      message: expect.stringContaining('totalTimeout'),
    });
    expect(retries.length).toBeGreaterThan(0);
    const controller = new AbortController();
    const pending = client.items.get('11430400MB1D03622L4000111400001', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_NETWORK_FAILED',
      message: expect.stringContaining('aborted'),
    });
  });
});
