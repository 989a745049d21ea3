import { describe, expect, it } from 'vitest';
import { ITEM_CODE, useSimulator } from '../../../test/helpers';

const { call } = useSimulator();
const service = {
  caseNo: 'C-EVAL',
  serviceNumber: 'S-1',
  itemCode: ITEM_CODE,
  itemName: '食品经营许可',
  department: { code: '11430400MB1D03622L', name: '衡阳市行政审批服务局' },
  regionCode: '430400000000',
  channel: 'online',
  userType: '1',
  userName: '张三',
  userIdNumber: '430405199001011234',
  mobile: '13812345678',
  acceptedAt: '2026-05-01T09:00:00+08:00',
  promisedLimit: { value: 5, unit: 'workday' },
  serviceTime: '2026-05-03T09:00:00+08:00',
};
const evaluation = {
  caseNo: 'C-EVAL',
  serviceNumber: 'S-1',
  assessNumber: 'A-1',
  channel: 'pc',
  satisfaction: 5,
  evaluatedAt: '2026-05-04T09:00:00+08:00',
};

describe('好差评', () => {
  it('registers a service once (409 DUPLICATE_SERVICE after)', async () => {
    expect((await call('POST', '/api/v1/evaluation-services', { body: service })).status).toBe(201);
    const again = await call('POST', '/api/v1/evaluation-services', { body: service });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('DUPLICATE_SERVICE');
    expect(again.json.message).toMatch(/^已存在该条服务信息，请勿重复提交/);
  });

  it('accepts one evaluation per assessNumber (409 DUPLICATE_EVALUATION after) and grades it', async () => {
    await call('POST', '/api/v1/evaluation-services', { body: service });
    const first = await call('POST', '/api/v1/evaluations', { body: evaluation });
    expect(first.status).toBe(201);
    expect(first.json.data).toMatchObject({ grade: 'good', satisfaction: 5 });
    const again = await call('POST', '/api/v1/evaluations', { body: evaluation });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('DUPLICATE_EVALUATION');
    expect(again.json.message).toMatch(/^本次服务已存在评价，请勿重复评价/);
    const second = await call('POST', '/api/v1/evaluations', {
      body: { ...evaluation, assessNumber: 'A-2', satisfaction: 3 },
    });
    expect(second.json.data.grade).toBe('average');
  });

  it('answers 400 for a 差评 without details or text, and accepts it with them', async () => {
    await call('POST', '/api/v1/evaluation-services', { body: service });
    const bare = await call('POST', '/api/v1/evaluations', { body: { ...evaluation, satisfaction: 2 } });
    expect(bare.status).toBe(400);
    expect(bare.json.code).toBe('INVALID_REQUEST');
    expect(bare.json.data.issues).toEqual([
      { path: 'details', message: 'a 差评 (satisfaction 1 or 2) needs details or text explaining it' },
    ]);
    const explained = await call('POST', '/api/v1/evaluations', {
      body: { ...evaluation, satisfaction: 1, details: ['办理时间长'] },
    });
    expect(explained.json.data.grade).toBe('bad');
  });

  it('answers 404 EVALUATION_SERVICE_NOT_FOUND for an unregistered service', async () => {
    const response = await call('POST', '/api/v1/evaluations', { body: evaluation });
    expect(response.status).toBe(404);
    expect(response.json.message).toContain('register it with POST /evaluation-services first');
  });
});
