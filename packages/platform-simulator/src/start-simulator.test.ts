import { describe, expect, it } from 'vitest';
import { caseInput, useSimulator } from '../test/helpers';
import { DEFAULT_CREDENTIALS, isSimulatorError, startSimulator } from './index';

describe('startSimulator', () => {
  it('listens on a free loopback port and exposes url, apiUrl, credentials and the receipt key', async () => {
    const sim = await startSimulator();
    try {
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
      expect(sim.apiUrl).toBe(`${sim.url}/api/v1/`);
      expect(sim.credentials).toEqual(DEFAULT_CREDENTIALS);
      expect(sim.publicJwk.kid).toMatch(/^[\w-]{43}$/);
      expect((await fetch(`${sim.url}/health`)).status).toBe(200);
    } finally {
      await sim.close();
    }
    await expect(fetch(`${sim.url}/health`)).rejects.toThrow('fetch failed');
  });

  it('throws ERR_SIMULATOR_START_FAILED when the port is taken', async () => {
    const first = await startSimulator();
    try {
      await expect(startSimulator({ port: first.port })).rejects.toMatchObject({
        code: 'ERR_SIMULATOR_START_FAILED',
        message: `cannot listen on 127.0.0.1:${first.port} (EADDRINUSE); pass port 0 for a free port, or stop the process using it`,
      });
    } finally {
      await first.close();
    }
  });

  it('throws ERR_SIMULATOR_OPTIONS_INVALID and ERR_SIMULATOR_SEED_INVALID for bad options', async () => {
    await expect(startSimulator({ port: 70_000 })).rejects.toMatchObject({
      code: 'ERR_SIMULATOR_OPTIONS_INVALID',
      message: 'option port must be an integer from 0 to 65535, got 70000',
    });
    const error = await startSimulator({
      seed: { apps: [{ appKey: 'k', appSecret: 'short' }] },
    }).catch((caught: unknown) => caught);
    expect(isSimulatorError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'ERR_SIMULATOR_SEED_INVALID',
      message:
        'the seed is invalid at apps.0.appSecret: use a secret of at least 16 characters; fix the data (it must match the exchange wire schemas)',
    });
  });

  it('enforces a province profile: HMAC-SM3 only, a tighter clock window', async () => {
    const sim = await startSimulator({ signatureAlgorithms: ['hmac-sm3'], timestampToleranceMs: 60_000 });
    try {
      const { createHmacSigner } = await import('@zwfw/exchange-client');
      const url = `${sim.url}/api/v1/items?limit=1`;
      const sign = (algorithm: 'hmac-sha256' | 'hmac-sm3', timestamp = Date.now()) =>
        createHmacSigner({ ...sim.credentials, algorithm }).sign({
          method: 'GET',
          url,
          body: new Uint8Array(),
          timestamp,
          nonce: crypto.randomUUID(),
        });
      const sha = await fetch(url, { headers: await sign('hmac-sha256') });
      expect(sha.status).toBe(401);
      expect((await sha.json()).message).toBe(
        'authentication failed (UNSUPPORTED_METHOD): this platform accepts hmac-sm3 signatures only; set X-Exchange-Signature-Method accordingly',
      );
      expect((await fetch(url, { headers: await sign('hmac-sm3') })).status).toBe(200);
      const late = await fetch(url, { headers: await sign('hmac-sm3', Date.now() - 90_000) });
      expect((await late.json()).message).toMatch(/the platform accepts ±60 s/);
    } finally {
      await sim.close();
    }
    await expect(startSimulator({ signatureAlgorithms: [] })).rejects.toMatchObject({
      code: 'ERR_SIMULATOR_OPTIONS_INVALID',
    });
  });

  it('uses the first seeded app as credentials', async () => {
    const sim = await startSimulator({ seed: { apps: [{ appKey: 'ci-app', appSecret: 'ci-app-secret-0123456789' }] } });
    expect(sim.credentials).toEqual({ appKey: 'ci-app', appSecret: 'ci-app-secret-0123456789' });
    await sim.close();
  });

  it('close() cancels pending latency faults instead of waiting for them', async () => {
    const sim = await startSimulator();
    sim.addFaults([{ mode: 'latency', ms: 600_000 }]);
    const pending = fetch(`${sim.url}/health`).catch((error: unknown) => error);
    while (sim.faults()[0]?.hits !== 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await sim.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

const { holder, call } = useSimulator();

describe('programmatic controls', () => {
  it('throws typed errors for bad faults, clock offsets and advances', () => {
    const { sim } = holder;
    expect(() => sim.addFaults([{ mode: 'latency' }])).toThrow(
      expect.objectContaining({ code: 'ERR_SIMULATOR_FAULT_INVALID' }),
    );
    expect(() => sim.setClockOffset(Number.NaN)).toThrow(
      expect.objectContaining({
        code: 'ERR_SIMULATOR_FAULT_INVALID',
        message: 'offsetMs must be an integer number of milliseconds within ±1 year',
      }),
    );
    expect(() => sim.advanceCase('C-NONE', { status: 'accepted' })).toThrow(
      expect.objectContaining({ code: 'ERR_SIMULATOR_CASE_NOT_FOUND' }),
    );
    expect(() => sim.seed({ halls: [{ hallId: '', name: 'x' }] })).toThrow(
      expect.objectContaining({ code: 'ERR_SIMULATOR_SEED_INVALID' }),
    );
  });

  it('advances a case and refuses a disallowed transition', async () => {
    await call('POST', '/api/v1/cases', { body: caseInput('C-P') });
    expect(holder.sim.advanceCase('C-P', { status: 'rejected' })).toEqual({
      caseNo: 'C-P',
      version: 2,
      status: 'rejected',
      submissions: 1,
    });
    expect(() => holder.sim.advanceCase('C-P', { status: 'accepted' })).toThrow(
      expect.objectContaining({
        code: 'ERR_SIMULATOR_TRANSITION_NOT_ALLOWED',
        message: 'a case in status "rejected" cannot move to "accepted"; allowed next statuses: none (final status)',
      }),
    );
  });

  it('serves a seeded certificate file as given', async () => {
    const file = new TextEncoder().encode('%PDF-1.7 custom');
    holder.sim.seed({
      certificates: [
        {
          certId: '1.2.156.3005.2.11100000000013338W032.914304001000001234.HY2025000004.001.P',
          certTypeCode: '11100000000013338W032',
          certTypeName: '营业执照',
          certNo: 'HY2025000004',
          holderName: '示例',
          holderCode: '914304001000001234',
          holderType: '001',
          issuer: { code: '914304001000001234', name: '示例' },
          issuedAt: '2025-01-01',
          validUntil: null,
          status: '01',
          trustGrade: 'A',
          fileFormat: 'pdf',
          file: file.buffer,
        },
      ],
    });
    const response = await call(
      'GET',
      '/api/v1/certificates/1.2.156.3005.2.11100000000013338W032.914304001000001234.HY2025000004.001.P/file?useCause=x',
    );
    expect(Buffer.from(response.json.data.contentBase64, 'base64').toString()).toBe('%PDF-1.7 custom');
  });
});
