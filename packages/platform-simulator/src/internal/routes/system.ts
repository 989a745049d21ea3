import { formatChinaTime } from '../clock';
import { type RouteContext, ok } from './context';

/** Liveness (`/health`, `/api/v1/health`) and the receipt verification key (`/api/v1/keys`, a JWK Set). */
export function registerSystemRoutes(context: RouteContext): void {
  const health = () => ok({ status: 'ok', time: formatChinaTime(context.now()) });
  context.router.add({ method: 'GET', path: '/health', authenticated: false, handler: health });
  context.router.add({ method: 'GET', path: '/api/v1/health', authenticated: false, handler: health });
  context.router.add({
    method: 'GET',
    path: '/api/v1/keys',
    authenticated: false,
    handler: () => ok({ keys: [context.receipts.publicJwk] }),
  });
}
