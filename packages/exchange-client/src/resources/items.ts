import { ImplementationItemSchema } from '@zwfw/catalog';
import type { z } from 'zod';
import { type ItemQuery, ItemQuerySchema, type ItemRecord, ItemRecordSchema } from '../wire/items';

import {
  getData,
  type PageIterable,
  paginate,
  parseInput,
  type ReadOptions,
  type ResourceContext,
  segment,
} from './shared';

/** Result of `items.sync`. */
export interface ItemSyncResult {
  /** Items changed since the cursor (including `cancelled` ones, which must be removed locally). */
  items: ItemRecord[];
  /** Pass as `since` to the next sync: the latest `updatedAt` seen, or the previous cursor when nothing changed. */
  cursor: string | undefined;
}

/** 事项库: items pushed down by the platform (事项下发). */
export interface ItemsResource {
  /**
   * Items, as an async iterable over all pages.
   * @param query - region, updatedSince, page size.
   * @returns lazily paged items.
   * @throws ExchangeValidationError `ERR_EXCHANGE_REQUEST_INVALID` for a bad query.
   */
  list(query?: Partial<ItemQuery>, options?: ReadOptions): PageIterable<ItemRecord>;
  /**
   * One item by 实施编码.
   * @param implementationCode - the item's code.
   * @throws ExchangeHttpError `ERR_EXCHANGE_NOT_FOUND`.
   */
  get(implementationCode: string, options?: ReadOptions): Promise<ItemRecord>;
  /**
   * Incremental sync: every item changed since `since` (inclusive), and the cursor for the next call.
   * @param since - the cursor of the previous sync; omit for a full sync.
   * @param options - region filter, signal.
   */
  sync(since?: string, options?: ReadOptions & { regionCode?: string }): Promise<ItemSyncResult>;
}

/** How strictly items are validated: against `@zwfw/catalog`'s full item model, or only their wire identity fields. */
export type ItemValidation = 'catalog' | 'identity';

/**
 * The catalog's item model (`ImplementationItemSchema`, defaults applied) plus the wire fields it lacks (`regionCode`,
 * `updatedAt`): every check of both in one pass. (A refinement of the wire record that ran the catalog schema
 * inside cost about twice as much per item.)
 */
const CatalogItemRecordSchema: z.ZodType<ItemRecord> = ImplementationItemSchema.extend({
  regionCode: ItemRecordSchema.shape.regionCode,
  updatedAt: ItemRecordSchema.shape.updatedAt,
});

export function createItemsResource(context: ResourceContext, validation: ItemValidation = 'catalog'): ItemsResource {
  const itemSchema = validation === 'catalog' ? CatalogItemRecordSchema : ItemRecordSchema;
  const list = (query: Partial<ItemQuery> = {}, options?: ReadOptions) => {
    return paginate(
      context,
      'items.list',
      'items',
      () => ({ ...parseInput(ItemQuerySchema.partial(), query, 'items.list') }),
      itemSchema,
      options,
    );
  };
  return {
    list,
    async get(implementationCode, options) {
      const path = `items/${segment(implementationCode, 'implementationCode', 'items.get')}`;
      return getData(context, 'items.get', path, itemSchema, options);
    },
    async sync(since, options = {}) {
      const items: ItemRecord[] = [];
      let cursor = since;
      for await (const item of list({ updatedSince: since, regionCode: options.regionCode }, options)) {
        items.push(item);
        if (cursor === undefined || Date.parse(item.updatedAt) > Date.parse(cursor)) cursor = item.updatedAt;
      }
      return { items, cursor };
    },
  };
}
