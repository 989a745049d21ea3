import {
  type DataQueryInput,
  DataQueryInputSchema,
  type DataQueryResult,
  DataQueryResultSchema,
  type DataResource,
  DataResourceSchema,
} from '../wire/sharing';
import {
  getData,
  type PageIterable,
  paginate,
  parseInput,
  type ReadOptions,
  type ResourceContext,
  segment,
  sendData,
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
      async get(code, options) {
        const path = `catalog/resources/${segment(code, 'code', 'sharing.resources.get')}`;
        return getData(context, 'sharing.resources.get', path, DataResourceSchema, options);
      },
    },
    async query(code, input, options) {
      const body = parseInput(DataQueryInputSchema, input, 'sharing.query');
      const path = `catalog/resources/${segment(code, 'code', 'sharing.query')}/query`;
      return sendData(context, 'sharing.query', { path, body }, DataQueryResultSchema, options);
    },
  };
}
