import type { HandlerResponse } from './http';

/** What a route handler receives. */
export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (`undefined` when empty). */
  body: unknown;
  /** The raw body bytes. */
  rawBody: Uint8Array;
  /** The authenticated app key (API routes) or `undefined` (controls, health). */
  appKey: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  requestId: string;
}

export type RouteHandler = (request: RouteRequest) => HandlerResponse | Promise<HandlerResponse>;

/** One route: a method, a path template with `{name}` parameters, and whether the gateway authenticates it. */
export interface Route {
  method: string;
  path: string;
  authenticated: boolean;
  handler: RouteHandler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

/** The result of matching a request against the route table. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

/** A minimal router over path templates such as `/api/v1/cases/{caseNo}/events`. */
export class Router {
  private routes: CompiledRoute[] = [];

  add(route: Route): void {
    const names: string[] = [];
    const pattern = route.path.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ ...route, regex: new RegExp(`^${pattern}$`), names });
  }

  /** Every route as `METHOD /path/{param}`. */
  list(): string[] {
    return this.routes.map((route) => `${route.method} ${route.path}`);
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (found === null) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      let decoded = true;
      route.names.forEach((name, index) => {
        try {
          params[name] = decodeURIComponent(found[index + 1] ?? '');
        } catch {
          decoded = false;
        }
      });
      if (!decoded) return { kind: 'not-found' };
      return { kind: 'found', route, params };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}
