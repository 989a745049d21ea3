import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseInput, useSimulator } from '../../test/helpers';

const { holder, call } = useSimulator({ maxBodyBytes: 64 * 1024 });

describe('gateway checks', () => {
  it('accepts a correctly signed request and echoes the request id and request hash', async () => {
    const response = await call('GET', '/api/v1/items?limit=1', { headers: { 'x-request-id': 'req-1' } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ code: '0', message: 'ok', requestId: 'req-1' });
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(response.headers.get('x-exchange-request-hash')).toMatch(/^[0-9a-f]{64}$/);
    expect(response.headers.get('x-exchange-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(holder.sim.requests().at(-1)).toMatchObject({ authentication: { result: 'ok' }, status: 200 });
  });

  it('answers 401 AUTHENTICATION_FAILED for a wrong secret and logs the failed check', async () => {
    const response = await call('GET', '/api/v1/items', { secret: 'not-the-secret-0123456789' });
    expect(response.status).toBe(401);
    expect(response.json.code).toBe('AUTHENTICATION_FAILED');
    expect(response.json.message).toContain('SIGNATURE_MISMATCH');
    expect(response.headers.get('x-exchange-error')).toBe('gateway');
    expect(response.headers.get('x-exchange-should-retry')).toBe('false');
    expect(holder.sim.requests().at(-1)?.authentication).toEqual({
      result: 'failed',
      code: 'AUTHENTICATION_FAILED',
      detail: 'SIGNATURE_MISMATCH',
    });
  });

  it('accepts HMAC-SM3 signatures (X-Exchange-Signature-Method: HMAC-SM3)', async () => {
    const { sim } = holder;
    const { createHmacSigner } = await import('@zwfw/exchange-client');
    const signer = createHmacSigner({ ...sim.credentials, algorithm: 'hmac-sm3' });
    const url = `${sim.url}/api/v1/items?limit=1`;
    const headers = await signer.sign({
      method: 'GET',
      url,
      body: new Uint8Array(),
      timestamp: Date.now(),
      nonce: randomUUID(),
    });
    expect(headers['X-Exchange-Signature-Method']).toBe('HMAC-SM3');
    expect((await fetch(url, { headers })).status).toBe(200);
    const forged = { ...headers, 'X-Exchange-Nonce': randomUUID() };
    const rejected = await fetch(url, { headers: forged });
    expect(rejected.status).toBe(401);
    expect((await rejected.json()).data.reason).toBe('SIGNATURE_MISMATCH');
  });

  it('answers 401 for an unknown app key and for missing signature headers', async () => {
    const unknown = await call('GET', '/api/v1/items', { appKey: 'someone-else' });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toMatchObject({ code: 'AUTHENTICATION_FAILED', data: { reason: 'UNKNOWN_APP_KEY' } });
    const unsigned = await call('GET', '/api/v1/items', { unsigned: true });
    expect(unsigned.status).toBe(401);
    expect(unsigned.json.data.reason).toBe('MISSING_HEADER');
    expect(unsigned.json.message).toContain('X-Exchange-Signature');
  });

  it('rejects a body changed after signing', async () => {
    const { sim } = holder;
    const { createHmacSigner } = await import('@zwfw/exchange-client');
    const signer = createHmacSigner(sim.credentials);
    const body = new TextEncoder().encode(JSON.stringify(caseInput('C-TAMPER')));
    const headers = await signer.sign({
      method: 'POST',
      url: `${sim.url}/api/v1/cases`,
      body,
      timestamp: Date.now(),
      nonce: randomUUID(),
    });
    const response = await fetch(`${sim.url}/api/v1/cases`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify(caseInput('C-TAMPERED')),
    });
    expect(response.status).toBe(401);
    expect(sim.cases()).toEqual([]);
  });

  it('answers 401 CLOCK_SKEW outside ±5 minutes, with the server time to resynchronise', async () => {
    const late = await call('GET', '/api/v1/items', { timestamp: Date.now() - 6 * 60_000 });
    expect(late.status).toBe(401);
    expect(late.json.code).toBe('CLOCK_SKEW');
    expect(late.json.message).toMatch(/-3\d\d s away from the platform clock; the platform accepts ±300 s/);
    expect(Math.abs(late.json.data.serverTime - Date.now())).toBeLessThan(60_000);
    expect(late.headers.get('x-exchange-server-time')).toBe(String(late.json.data.serverTime));
    const inside = await call('GET', '/api/v1/items', { timestamp: Date.now() - 4 * 60_000 });
    expect(inside.status).toBe(200);
  });

  it('applies the clock offset of the controls', async () => {
    holder.sim.setClockOffset(10 * 60_000);
    const response = await call('GET', '/api/v1/items');
    expect(response.json.code).toBe('CLOCK_SKEW');
    const skewed = await call('GET', '/api/v1/items', { timestamp: Date.now() + 10 * 60_000 });
    expect(skewed.status).toBe(200);
  });

  it('answers 401 REPLAY when a nonce is reused, even with a fresh timestamp', async () => {
    const nonce = randomUUID();
    expect((await call('GET', '/api/v1/items', { nonce })).status).toBe(200);
    const replay = await call('GET', '/api/v1/items', { nonce, timestamp: Date.now() + 1 });
    expect(replay.status).toBe(401);
    expect(replay.json.code).toBe('REPLAY');
    expect(replay.json.message).toContain('fresh nonce');
  });

  it('requires an Idempotency-Key on POST (400 IDEMPOTENCY_KEY_MISSING)', async () => {
    const response = await call('POST', '/api/v1/cases', { body: caseInput('C-NOKEY'), idempotencyKey: '' });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe('IDEMPOTENCY_KEY_MISSING');
    expect(response.json.message).toContain('Idempotency-Key');
  });

  it('answers 400 INVALID_REQUEST on malformed JSON and 413 PAYLOAD_TOO_LARGE over the limit', async () => {
    const bad = await call('POST', '/api/v1/cases', { raw: '{"caseNo": ' });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('INVALID_REQUEST');
    expect(bad.json.message).toMatch(/^the request body is not valid UTF-8 JSON/);
    const big = await call('POST', '/api/v1/cases', { body: caseInput('C-BIG', { projectName: 'x'.repeat(70_000) }) });
    expect(big.status).toBe(413);
    expect(big.json.code).toBe('PAYLOAD_TOO_LARGE');
    expect(big.json.message).toContain('65536 bytes');
  });

  it('answers 413 for an oversized chunked body (no Content-Length) without buffering it', async () => {
    const { sim } = holder;
    const { createHmacSigner } = await import('@zwfw/exchange-client');
    const body = new TextEncoder().encode(JSON.stringify({ filler: 'x'.repeat(5_000_000) }));
    const url = `${sim.url}/api/v1/cases`;
    const headers = await createHmacSigner(sim.credentials).sign({
      method: 'POST',
      url,
      body,
      timestamp: Date.now(),
      nonce: randomUUID(),
    });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 NOT_FOUND for unknown paths and names the accepted methods', async () => {
    const unknown = await call('GET', '/api/v1/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('NOT_FOUND');
    const wrongMethod = await call('DELETE', '/api/v1/cases');
    expect(wrongMethod.json.message).toContain('this path accepts POST, GET');
  });

  it('serves /health and the receipt key without authentication', async () => {
    const health = await fetch(`${holder.sim.url}/health`).then((response) => response.json());
    expect(health.data).toMatchObject({ status: 'ok' });
    expect(health.data.time).toMatch(/\+08:00$/);
    const keys = await fetch(`${holder.sim.url}/api/v1/keys`).then((response) => response.json());
    expect(keys.data.keys).toEqual([holder.sim.publicJwk]);
    expect(holder.sim.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(holder.sim.publicJwk).not.toHaveProperty('d');
  });
});

describe('Idempotency-Key', () => {
  it('replays the stored response for the same key and payload, without a second case', async () => {
    const key = randomUUID();
    const first = await call('POST', '/api/v1/cases', { body: caseInput('C-IDEM'), idempotencyKey: key });
    const second = await call('POST', '/api/v1/cases', { body: caseInput('C-IDEM'), idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(holder.sim.cases()).toEqual([{ caseNo: 'C-IDEM', version: 1, status: 'submitted', submissions: 1 }]);
    expect(holder.sim.requests().at(-1)?.replayed).toBe(true);
  });

  it('answers 422 IDEMPOTENCY_MISMATCH for the same key with another payload', async () => {
    const key = randomUUID();
    await call('POST', '/api/v1/cases', { body: caseInput('C-A'), idempotencyKey: key });
    const other = await call('POST', '/api/v1/cases', { body: caseInput('C-B'), idempotencyKey: key });
    expect(other.status).toBe(422);
    expect(other.json.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(other.json.message).toContain('use a new key for a new operation');
    expect(holder.sim.cases().map((entry) => entry.caseNo)).toEqual(['C-A']);
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS while the first request is still processed', async () => {
    holder.sim.addFaults([{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'latency', ms: 3000, times: 1 }]);
    const key = randomUUID();
    const slow = call('POST', '/api/v1/cases', { body: caseInput('C-SLOW'), idempotencyKey: key });
    // The rule fires on arrival; the key is claimed right after the signature check, well inside the 3 s delay.
    while (holder.sim.faults()[0]?.hits !== 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 800));
    const concurrent = await call('POST', '/api/v1/cases', { body: caseInput('C-SLOW'), idempotencyKey: key });
    expect(concurrent.status).toBe(409);
    expect(concurrent.json.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(concurrent.headers.get('x-exchange-should-retry')).toBe('true');
    expect((await slow).status).toBe(201);
    const after = await call('POST', '/api/v1/cases', { body: caseInput('C-SLOW'), idempotencyKey: key });
    expect(after.json).toEqual((await slow).json);
  });

  it('keeps keys per app key', async () => {
    holder.sim.seed({
      apps: [{ ...holder.sim.credentials }, { appKey: 'second-app', appSecret: 'second-app-secret-0123456789' }],
    });
    const key = randomUUID();
    await call('POST', '/api/v1/cases', { body: caseInput('C-P1'), idempotencyKey: key });
    const other = await call('POST', '/api/v1/cases', {
      body: caseInput('C-P2'),
      idempotencyKey: key,
      appKey: 'second-app',
      secret: 'second-app-secret-0123456789',
    });
    expect(other.status).toBe(201);
  });
});
