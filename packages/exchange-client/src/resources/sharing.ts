import {
  type DataQueryInput,
  DataQueryInputSchema,
  type DataQueryResult,
  DataQueryResultSchema,
  type DataResource,
  DataResourceSchema,
} from '../wire/sharing';
import {
  type PageIterable,
  paginate,
  parseInput,
  type ReadOptions,
  type ResourceContext,
  segment,
  type WriteOptions,
} from './shared';

/** 资源目录 and shared-data queries (共享). */
export interface SharingResource {
  /** The resource catalogue. */
  resources: {
    /** All resources, lazily paged. */
    list(options?: ReadOptions): PageIterable<DataResource>;
    /** One resource. @throws ExchangeHttpError `ERR_EXCHANGE_NOT_FOUND`. */
    get(code: string, options?: ReadOptions): Promise<DataResource>;
  };
  /**
   * Query a resource. 不予共享 resources and unapproved 有条件共享 ones answer `ERR_EXCHANGE_PERMISSION_DENIED`.
   * @param code - resource code.
   * @param input - useCause (required) and parameters.
   * @returns matching rows.
   * @throws ExchangeHttpError `ERR_EXCHANGE_PERMISSION_DENIED`; ExchangeValidationError without `useCause`.
   */
  query(code: string, input: DataQueryInput, options?: WriteOptions): Promise<DataQueryResult>;
}

export function createSharingResource(context: ResourceContext): SharingResource {
  return {
    resources: {
      list(options) {
        return paginate(
          context,
          'sharing.resources.list',
          'catalog/resources',
          () => ({}),
          DataResourceSchema,
          options,
        );
      },
      async get(code, options = {}) {
        const { data } = await context.transport.send({
          name: 'sharing.resources.get',
          method: 'GET',
          path: `catalog/resources/${segment(code, 'code', 'sharing.resources.get')}`,
          schema: DataResourceSchema,
          signal: options.signal,
        });
        return data;
      },
    },
    async query(code, input, options = {}) {
      const body = parseInput(DataQueryInputSchema, input, 'sharing.query');
      const { data } = await context.transport.send({
        name: 'sharing.query',
        method: 'POST',
        path: `catalog/resources/${segment(code, 'code', 'sharing.query')}/query`,
        body: JSON.stringify(body),
        schema: DataQueryResultSchema,
        idempotencyKey: options.idempotencyKey ?? context.generateId(),
        signal: options.signal,
      });
      return data;
    },
  };
}
