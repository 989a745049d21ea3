// Contract test: the real @zwfw/exchange-client against the simulator (signing, receipts, replay, clock resync, items).
import { createExchangeClient } from '@zwfw/exchange-client';
import { describe, expect, it } from 'vitest';
import { caseInput, useSimulator } from './helpers';

const { holder } = useSimulator();

function client() {
  const { sim } = holder;
  return createExchangeClient({
    baseUrl: sim.apiUrl,
    credentials: sim.credentials,
    client: { regionCode: '430400000000', organizationCode: '11430400MB1D03622L', systemCode: 'SIM-TEST' },
    receipts: { verificationKey: sim.publicJwk as JsonWebKey },
    retry: { baseDelayMs: 5, backoffLimitMs: 20, maxRetryAfterMs: 20 },
    timeout: 5_000,
  });
}

describe('@zwfw/exchange-client against the simulator', () => {
  it('submits a case whose answer is lost after commit: one case, the original receipt verified', async () => {
    const { sim } = holder;
    sim.addFaults([{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-after-commit', times: 1 }]);
    const result = await client().cases.submit(caseInput('INTEROP-1'));
    expect(result.status).toBe('sent');
    expect(sim.cases()).toEqual([{ caseNo: 'INTEROP-1', version: 1, status: 'submitted', submissions: 1 }]);
    const attempts = sim.requests().filter((entry) => entry.method === 'POST');
    expect(attempts.map((entry) => [entry.status, entry.replayed])).toEqual([
      [null, false],
      [201, true],
    ]);
    expect(new Set(attempts.map((entry) => entry.idempotencyKey)).size).toBe(1);
    expect(attempts[0]).toMatchObject({ client: '430400000000/11430400MB1D03622L/SIM-TEST', issue: 'INTEROP-1' });
    expect(attempts[0]?.correlationId).toBe(attempts[1]?.correlationId);
  });

  it('resynchronises after CLOCK_SKEW and reads every seeded item through the wire schema', async () => {
    const { sim } = holder;
    sim.setClockOffset(10 * 60_000);
    const items = [];
    for await (const item of client().items.list({ limit: 200 })) items.push(item);
    expect(items).toHaveLength(498);
    expect(sim.requests()[0]?.authentication.code).toBe('CLOCK_SKEW');
  });
});
