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

interface SortedItem {
  item: SimulatorItem;
  time: number;
  key: string;
}

/** 事项下发: `GET /items` (incremental by `updatedSince`, cursor pagination) and `GET /items/{itemCode}`. */
export function registerItemRoutes(context: RouteContext): void {
  const { router, state } = context;
  // Items change only when seeded: sort them (with precomputed keys) once per seed, not per request.
  let sorted: { source: Map<string, SimulatorItem> | undefined; entries: SortedItem[] } = {
    source: undefined,
    entries: [],
  };
  const sortedItems = (): SortedItem[] => {
    if (sorted.source !== state.items || sorted.entries.length !== state.items.size) {
      const entries = [...state.items.values()].map((item) => ({
        item,
        time: Date.parse(item.updatedAt),
        key: timeKey(item.updatedAt, item.implementationCode),
      }));
      entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      sorted = { source: state.items, entries };
    }
    return sorted.entries;
  };
  router.add({
    method: 'GET',
    path: '/api/v1/items',
    authenticated: true,
    handler: ({ query }) => {
      const parsed = parseInput(ItemQuerySchema, queryObject(query), 'the item list query');
      const prefix = parsed.regionCode === undefined ? undefined : regionPrefix(parsed.regionCode);
      const since = parsed.updatedSince === undefined ? undefined : Date.parse(parsed.updatedSince);
      const selected = sortedItems().filter(
        (entry) =>
          (prefix === undefined || entry.item.regionCode.startsWith(prefix)) &&
          (since === undefined || entry.time >= since),
      );
      const page = paginate(selected, (entry) => entry.key, parsed.cursor, parsed.limit);
      return ok({ items: page.items.map((entry) => entry.item), nextCursor: page.nextCursor });
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
