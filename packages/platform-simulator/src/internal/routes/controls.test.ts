import { describe, expect, it } from 'vitest';
import { caseInput, useSimulator } from '../../../test/helpers';

const { holder, call } = useSimulator();

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${holder.sim.url}/__sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('/__sim controls over HTTP', () => {
  it('installs, lists and clears faults; 400 names a bad rule', async () => {
    const added = await control('POST', '/faults', {
      rules: [{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'rate-limit', retryAfterSeconds: 5, times: 1 }],
      seed: 42,
    });
    expect(added.status).toBe(201);
    expect(added.json.data.rules[0]).toMatchObject({ id: 'fault-1', mode: 'rate-limit', hits: 0 });
    const limited = await call('POST', '/api/v1/cases', { body: caseInput('C-RL') });
    expect(limited.status).toBe(429);
    expect((await control('GET', '/faults')).json.data.rules[0].hits).toBe(1);
    await control('DELETE', '/faults');
    expect((await control('GET', '/faults')).json.data.rules).toEqual([]);
    const bad = await control('POST', '/faults', { rules: [{ mode: 'latency' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.data.issues).toEqual([
      { path: 'rules.0.ms', message: 'a latency rule needs `ms` (the delay in milliseconds)' },
    ]);
  });

  it('seeds data, validated against the wire schemas', async () => {
    const seeded = await control('POST', '/seed', {
      items: [
        {
          implementationCode: 'NEW-ITEM',
          name: '新事项',
          version: 1,
          regionCode: '430400000000',
          updatedAt: '2026-04-01T08:00:00+08:00',
          status: 'active',
        },
      ],
    });
    expect(seeded.json.data).toMatchObject({ items: 1, apps: 1 });
    expect((await call('GET', '/api/v1/items/NEW-ITEM')).status).toBe(200);
    const bad = await control('POST', '/seed', { items: [{ implementationCode: 'X' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^the seed is invalid — items\.0\.name/);
  });

  it('returns the request log with ID and mobile numbers masked', async () => {
    await call('POST', '/api/v1/cases', { body: caseInput('C-LOG') });
    await call('GET', '/api/v1/certificates?holderCode=430405199001011234&holderType=111&useCause=x');
    const log = (await control('GET', '/requests')).json.data.items;
    const text = JSON.stringify(log);
    expect(text).not.toContain('430405199001011234');
    expect(text).not.toContain('13812345678');
    expect(log[0].body.applicant).toMatchObject({ idNumber: '430405********1234', phone: '138****5678' });
    expect(log[1].url).toBe('/api/v1/certificates?holderCode=430405********1234&holderType=111&useCause=x');
    expect(log[0]).toMatchObject({ method: 'POST', status: 201, code: '0', authentication: { result: 'ok' } });
    await control('DELETE', '/requests');
    expect((await control('GET', '/requests')).json.data.items).toEqual([]);
  });

  it('skews the clock', async () => {
    const set = await control('POST', '/clock', { offsetMs: 600_000 });
    expect(set.json.data.offsetMs).toBe(600_000);
    expect((await call('GET', '/api/v1/items')).json.code).toBe('CLOCK_SKEW');
    expect((await control('POST', '/clock', { offsetMs: 1.5 })).status).toBe(400);
  });

  it('advances a case on the platform side and lists cases', async () => {
    await call('POST', '/api/v1/cases', { body: caseInput('C-ADV') });
    const advanced = await control('POST', '/cases/C-ADV/advance', { status: 'accepted', opinion: '材料齐全' });
    expect(advanced.json.data).toMatchObject({ status: 'accepted', version: 2 });
    const stored = await call('GET', '/api/v1/cases/C-ADV');
    expect(stored.json.data.events.at(-1)).toMatchObject({ status: 'accepted', opinion: '材料齐全', version: 2 });
    const refused = await control('POST', '/cases/C-ADV/advance', { status: 'certificateCollected' });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('TRANSITION_NOT_ALLOWED');
    const completed = await control('POST', '/cases/C-ADV/advance', { status: 'completed' });
    expect(completed.json.data).toMatchObject({ status: 'completed', completion: { result: 'done' } });
    expect((await control('GET', '/cases')).json.data.items).toEqual([
      { caseNo: 'C-ADV', version: 3, status: 'completed', submissions: 1 },
    ]);
  });

  it('resets all state and re-applies the initial seed', async () => {
    await call('POST', '/api/v1/cases', { body: caseInput('C-RESET') });
    await control('POST', '/faults', { rules: [{ mode: 'status', match: { path: '/nowhere' } }] });
    await control('POST', '/reset');
    expect((await control('GET', '/cases')).json.data.items).toEqual([]);
    expect((await control('GET', '/faults')).json.data.rules).toEqual([]);
    expect((await call('GET', '/api/v1/items')).json.data.items.length).toBeGreaterThan(0);
  });
});
