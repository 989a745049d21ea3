import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../test/helpers';

const { holder, call } = useSimulator();
const query = (params: Record<string, unknown>, useCause: string | undefined = '核验申请人身份') => ({
  body: useCause === undefined ? { params } : { params, useCause },
});

describe('catalogue resources', () => {
  it('lists resources without their rows and gets one', async () => {
    const list = await call('GET', '/api/v1/catalog/resources');
    expect(list.json.data.items.map((resource: { code: string }) => resource.code)).toEqual([
      '430400-GA-0002',
      '430400-SC-0001',
      '430400-SW-0003',
    ]);
    expect(list.json.data.items[0]).not.toHaveProperty('rows');
    const one = await call('GET', '/api/v1/catalog/resources/430400-SC-0001');
    expect(one.json.data).toMatchObject({ shareType: 'unconditional', name: '企业登记基本信息' });
    expect((await call('GET', '/api/v1/catalog/resources/NOPE')).json.code).toBe('RESOURCE_NOT_FOUND');
  });
});

describe('POST /catalog/resources/{code}/query', () => {
  it('answers an unconditional resource with the matching rows', async () => {
    const response = await call(
      'POST',
      '/api/v1/catalog/resources/430400-SC-0001/query',
      query({ uscc: '914304001000001234' }),
    );
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ resourceCode: '430400-SC-0001', rows: [{ state: '存续' }] });
    const none = await call('POST', '/api/v1/catalog/resources/430400-SC-0001/query', query({ uscc: 'x' }));
    expect(none.json.data.rows).toEqual([]);
  });

  it('answers 403 PERMISSION_DENIED for 不予共享', async () => {
    const response = await call('POST', '/api/v1/catalog/resources/430400-SW-0003/query', query({}));
    expect(response.status).toBe(403);
    expect(response.json.code).toBe('PERMISSION_DENIED');
    expect(response.json.message).toContain('不予共享');
  });

  it('serves 有条件共享 only to an approved app key', async () => {
    const approved = await call('POST', '/api/v1/catalog/resources/430400-GA-0002/query', query({ name: '张三' }));
    expect(approved.status).toBe(200);
    expect(approved.json.data.rows).toHaveLength(1);
    holder.sim.seed({
      apps: [{ appKey: 'county-app', appSecret: 'county-app-secret-0123456789' }],
    });
    const denied = await call('POST', '/api/v1/catalog/resources/430400-GA-0002/query', {
      ...query({ name: '张三' }),
      appKey: 'county-app',
      secret: 'county-app-secret-0123456789',
    });
    expect(denied.status).toBe(403);
    expect(denied.json.message).toContain('this app key is not approved for it; apply to 衡阳市公安局');
  });

  it('answers 400 USE_CAUSE_REQUIRED without 用证事由', async () => {
    const response = await call('POST', '/api/v1/catalog/resources/430400-SC-0001/query', { body: { params: {} } });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe('USE_CAUSE_REQUIRED');
  });
});
