import { compactVerify, importJWK } from 'jose';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseInput, useSimulator } from '../../../test/helpers';

const { holder, call } = useSimulator();
const at = '2026-05-02T10:00:00+08:00';

async function submit(caseNo: string) {
  const response = await call('POST', '/api/v1/cases', { body: caseInput(caseNo) });
  expect(response.status).toBe(201);
  return response;
}

describe('POST /cases', () => {
  it('accepts a case and returns a JWS receipt binding caseNo, version and the payload hash', async () => {
    const body = caseInput('C-1');
    const response = await call('POST', '/api/v1/cases', { body });
    expect(response.status).toBe(201);
    expect(response.json.data).toMatchObject({
      caseNo: 'C-1',
      version: 1,
      status: 'submitted',
      platformId: 'HY000001',
    });
    const key = await importJWK(holder.sim.publicJwk, 'ES256');
    const { payload, protectedHeader } = await compactVerify(response.json.data.receipt, key);
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: holder.sim.publicJwk.kid });
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      caseNo: 'C-1',
      version: 1,
      acceptedAt: response.json.data.acceptedAt,
      payloadSha256: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
    });
  });

  it('answers 409 CASE_EXISTS with the original result for a known caseNo under another key', async () => {
    const first = await submit('C-DUP');
    const again = await call('POST', '/api/v1/cases', { body: caseInput('C-DUP', { projectName: 'changed' }) });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('CASE_EXISTS');
    expect(again.json.message).toContain('the original result is in data.original');
    expect(again.json.data.original).toEqual(first.json.data);
    expect(holder.sim.cases()).toEqual([{ caseNo: 'C-DUP', version: 1, status: 'submitted', submissions: 2 }]);
  });

  it('answers 400 INVALID_REQUEST naming the fields, and 404 for an unknown item', async () => {
    const invalid = await call('POST', '/api/v1/cases', {
      body: caseInput('C-BAD', { kind: 'weird', regionCode: '43' }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.code).toBe('INVALID_REQUEST');
    expect(invalid.json.message).toMatch(/^the case submission is invalid — /);
    expect(invalid.json.data.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'kind',
      'regionCode',
    ]);
    const unknown = await call('POST', '/api/v1/cases', { body: caseInput('C-NOITEM', { itemCode: 'NOPE' }) });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('ITEM_NOT_FOUND');
  });
});

describe('GET /cases', () => {
  it('gets one case with its events and 404s an unknown one', async () => {
    await submit('C-GET');
    const response = await call('GET', '/api/v1/cases/C-GET');
    expect(response.json.data).toMatchObject({ caseNo: 'C-GET', status: 'submitted', version: 1 });
    expect(response.json.data.events).toHaveLength(1);
    const missing = await call('GET', '/api/v1/cases/C-NONE');
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('CASE_NOT_FOUND');
  });

  it('lists with status filter and cursor pagination, without gaps or repeats', async () => {
    for (let i = 0; i < 5; i++) await submit(`C-L${i}`);
    holder.sim.advanceCase('C-L2', { status: 'accepted' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? 'limit=2' : `limit=2&cursor=${cursor}`;
      const page = await call('GET', `/api/v1/cases?${query}`);
      seen.push(...page.json.data.items.map((item: { caseNo: string }) => item.caseNo));
      cursor = page.json.data.nextCursor;
    } while (cursor !== null);
    expect(seen.sort()).toEqual(['C-L0', 'C-L1', 'C-L2', 'C-L3', 'C-L4']);
    const accepted = await call('GET', '/api/v1/cases?status=accepted');
    expect(accepted.json.data.items.map((item: { caseNo: string }) => item.caseNo)).toEqual(['C-L2']);
    const badCursor = await call('GET', '/api/v1/cases?cursor=garbage');
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.message).toContain('pass the nextCursor of the previous page');
  });
});

describe('POST /cases/{caseNo}/events and /completion', () => {
  it('moves a case along allowed transitions with version + 1, each with a receipt', async () => {
    await submit('C-EV');
    const accepted = await call('POST', '/api/v1/cases/C-EV/events', {
      body: { version: 2, status: 'accepted', occurredAt: at },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.json.data).toMatchObject({ version: 2, status: 'accepted' });
    expect(accepted.json.data.receipt.split('.')).toHaveLength(3);
    const completion = await call('POST', '/api/v1/cases/C-EV/completion', {
      body: { version: 3, result: 'issued', fee: { amount: 0 }, completedAt: at },
    });
    expect(completion.status).toBe(201);
    const stored = await call('GET', '/api/v1/cases/C-EV');
    expect(stored.json.data).toMatchObject({ status: 'completed', version: 3, completion: { result: 'issued' } });
    expect(stored.json.data.events.map((event: { status: string }) => event.status)).toEqual([
      'submitted',
      'accepted',
      'completed',
    ]);
  });

  it('answers 409 VERSION_CONFLICT when the version is not current + 1', async () => {
    await submit('C-VER');
    const response = await call('POST', '/api/v1/cases/C-VER/events', {
      body: { version: 3, status: 'accepted', occurredAt: at },
    });
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ code: 'VERSION_CONFLICT', data: { currentVersion: 1 } });
    expect(response.json.message).toContain('send version 2');
  });

  it('answers 409 TRANSITION_NOT_ALLOWED for a disallowed status change', async () => {
    await submit('C-TR');
    const response = await call('POST', '/api/v1/cases/C-TR/events', {
      body: { version: 2, status: 'approved', occurredAt: at },
    });
    expect(response.status).toBe(409);
    expect(response.json.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(response.json.message).toBe(
      'a case in status "submitted" cannot move to "approved"; allowed next statuses: preAccepted, accepted, rejected, supplementRequested, withdrawn',
    );
    const early = await call('POST', '/api/v1/cases/C-TR/completion', {
      body: { version: 2, result: 'done', completedAt: at },
    });
    expect(early.json.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('requires a fee when the completion result is "issued"', async () => {
    await submit('C-FEE');
    await call('POST', '/api/v1/cases/C-FEE/events', { body: { version: 2, status: 'accepted', occurredAt: at } });
    const response = await call('POST', '/api/v1/cases/C-FEE/completion', {
      body: { version: 3, result: 'issued', completedAt: at },
    });
    expect(response.status).toBe(400);
    expect(response.json.data.issues).toEqual([
      {
        path: 'fee',
        message: 'fee is required when result is "issued" (出证办结 needs 收费金额; use amount 0 when free)',
      },
    ]);
  });

  it('404s events for an unknown case', async () => {
    const response = await call('POST', '/api/v1/cases/C-NONE/events', {
      body: { version: 2, status: 'accepted', occurredAt: at },
    });
    expect(response.json.code).toBe('CASE_NOT_FOUND');
  });
});
