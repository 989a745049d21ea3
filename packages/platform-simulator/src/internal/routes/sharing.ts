import { DataQueryInputSchema, type DataResource } from '@zwfw/exchange-client';
import { formatChinaTime } from '../clock';
import { ApiError } from '../http';
import type { SimulatorResource } from '../../types';
import { type RouteContext, ok, paginate, parseInput, requireUseCause } from './context';
import { z } from 'zod';

const ListQuerySchema = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

function publicView({ rows: _rows, ...resource }: SimulatorResource): DataResource {
  return resource;
}

/** 资源目录 and shared-data queries gated by 共享属性 (不予共享 → 403; 有条件共享 → approved apps only). */
export function registerSharingRoutes(context: RouteContext): void {
  const { router, state } = context;
  const findResource = (code: string | undefined) => {
    const resource = code === undefined ? undefined : state.resources.get(code);
    if (resource === undefined) {
      throw new ApiError(
        'RESOURCE_NOT_FOUND',
        `resource ${code} is not in the catalogue; list it with GET /catalog/resources`,
      );
    }
    return resource;
  };

  router.add({
    method: 'GET',
    path: '/api/v1/catalog/resources',
    authenticated: true,
    handler: ({ query }) => {
      const input = parseInput(ListQuerySchema, Object.fromEntries(query.entries()), 'the resource list query');
      const all = [...state.resources.values()].sort((a, b) => (a.code < b.code ? -1 : 1)).map(publicView);
      return ok(paginate(all, (resource) => resource.code, input.cursor, input.limit));
    },
  });
  router.add({
    method: 'GET',
    path: '/api/v1/catalog/resources/{code}',
    authenticated: true,
    handler: ({ params }) => ok(publicView(findResource(params.code))),
  });
  router.add({
    method: 'POST',
    path: '/api/v1/catalog/resources/{code}/query',
    authenticated: true,
    handler: ({ params, body, appKey }) => {
      const resource = findResource(params.code);
      requireUseCause((body as { useCause?: unknown } | undefined)?.useCause);
      const input = parseInput(DataQueryInputSchema, body, 'the data query');
      if (resource.shareType === 'none') {
        throw new ApiError(
          'PERMISSION_DENIED',
          `resource ${resource.code} is 不予共享 (not shared); it cannot be queried through the platform`,
          {
            shareType: resource.shareType,
          },
        );
      }
      if (resource.shareType === 'conditional') {
        const app = appKey === undefined ? undefined : state.apps.get(appKey);
        if (!app?.approvedResources?.includes(resource.code)) {
          throw new ApiError(
            'PERMISSION_DENIED',
            `resource ${resource.code} is 有条件共享 (conditional) and this app key is not approved for it; apply to ${resource.provider.name} (condition: ${resource.shareCondition ?? 'see the catalogue'})`,
            { shareType: resource.shareType },
          );
        }
      }
      const rows = (resource.rows ?? []).filter((row) =>
        Object.entries(input.params).every(([field, value]) => row[field] === value),
      );
      return ok({ resourceCode: resource.code, rows, queriedAt: formatChinaTime(context.now()) });
    },
  });
}
