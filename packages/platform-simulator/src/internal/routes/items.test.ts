import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../test/helpers';

const { holder, call } = useSimulator();

function item(code: string, regionCode: string, updatedAt: string) {
  return { implementationCode: code, name: `事项 ${code}`, version: 1, regionCode, updatedAt, status: 'active' };
}

describe('GET /items', () => {
  it('pages through every item with a cursor, oldest change first', async () => {
    holder.sim.seed({
      items: Array.from({ length: 7 }, (_, i) => item(`ITEM-${i}`, '430400000000', `2026-01-0${i + 1}T08:00:00+08:00`)),
    });
    const codes: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await call('GET', `/api/v1/items?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(page.status).toBe(200);
      codes.push(...page.json.data.items.map((entry: { implementationCode: string }) => entry.implementationCode));
      cursor = page.json.data.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(codes).toEqual(['ITEM-0', 'ITEM-1', 'ITEM-2', 'ITEM-3', 'ITEM-4', 'ITEM-5', 'ITEM-6']);
  });

  it('filters by updatedSince (inclusive) and by region, including sub-regions', async () => {
    holder.sim.seed({
      items: [
        item('CITY', '430400000000', '2026-01-01T08:00:00+08:00'),
        item('COUNTY', '430406000000', '2026-02-01T08:00:00+08:00'),
        item('OTHER', '430100000000', '2026-03-01T08:00:00+08:00'),
      ],
    });
    const since = await call('GET', `/api/v1/items?updatedSince=${encodeURIComponent('2026-02-01T08:00:00+08:00')}`);
    expect(since.json.data.items.map((entry: { implementationCode: string }) => entry.implementationCode)).toEqual([
      'COUNTY',
      'OTHER',
    ]);
    const city = await call('GET', '/api/v1/items?regionCode=430400000000');
    expect(city.json.data.items.map((entry: { implementationCode: string }) => entry.implementationCode)).toEqual([
      'CITY',
      'COUNTY',
    ]);
    const county = await call('GET', '/api/v1/items?regionCode=430406000000');
    expect(county.json.data.items).toHaveLength(1);
  });

  it('answers 400 for a malformed query', async () => {
    const response = await call('GET', '/api/v1/items?limit=0&regionCode=4304');
    expect(response.status).toBe(400);
    expect(response.json.data.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'limit',
      'regionCode',
    ]);
  });

  it('gets one item and 404s an unknown one', async () => {
    const list = await call('GET', '/api/v1/items?limit=1');
    const code = list.json.data.items[0].implementationCode;
    expect((await call('GET', `/api/v1/items/${code}`)).json.data.implementationCode).toBe(code);
    const missing = await call('GET', '/api/v1/items/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('ITEM_NOT_FOUND');
  });
});
