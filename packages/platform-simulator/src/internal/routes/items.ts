import { ItemQuerySchema } from '@zwfw/exchange-client';
import { ApiError } from '../http';
import type { SimulatorItem } from '../../types';
import { type RouteContext, ok, paginate, parseInput, queryObject, timeKey } from './context';

/**
 * The significant prefix of a 12-digit region code: 430000000000 → 43 (province), 430400000000 → 4304 (city),
 * 430406000000 → 430406 (county), then 9 (town) and 12 (village) digits. Items of every sub-region match.
 */
function regionPrefix(regionCode: string): string {
  for (const length of [2, 4, 6, 9]) {
    if (/^0+$/.test(regionCode.slice(length))) return regionCode.slice(0, length);
  }
  return regionCode;
}

/** 事项下发: `GET /items` (incremental by `updatedSince`, cursor pagination) and `GET /items/{itemCode}`. */
export function registerItemRoutes(context: RouteContext): void {
  const { router, state } = context;
  router.add({
    method: 'GET',
    path: '/api/v1/items',
    authenticated: true,
    handler: ({ query }) => {
      const parsed = parseInput(ItemQuerySchema, queryObject(query), 'the item list query');
      const prefix = parsed.regionCode === undefined ? undefined : regionPrefix(parsed.regionCode);
      const since = parsed.updatedSince === undefined ? undefined : Date.parse(parsed.updatedSince);
      const key = (item: SimulatorItem) => timeKey(item.updatedAt, item.implementationCode);
      const selected = [...state.items.values()]
        .filter((item) => prefix === undefined || item.regionCode.startsWith(prefix))
        .filter((item) => since === undefined || Date.parse(item.updatedAt) >= since)
        .sort((a, b) => (key(a) < key(b) ? -1 : 1));
      return ok(paginate(selected, key, parsed.cursor, parsed.limit));
    },
  });
  router.add({
    method: 'GET',
    path: '/api/v1/items/{itemCode}',
    authenticated: true,
    handler: ({ params }) => {
      const item = params.itemCode === undefined ? undefined : state.items.get(params.itemCode);
      if (item === undefined) {
        throw new ApiError(
          'ITEM_NOT_FOUND',
          `item ${params.itemCode} is not on this platform; list items with GET /items`,
        );
      }
      return ok(item);
    },
  });
}
