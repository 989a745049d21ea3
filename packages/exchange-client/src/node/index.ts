/**
 * Node-only transport for the exchange client: {@link createNodeFetch}, a `fetch` over `node:http` with keep-alive,
 * to pass as the client's `fetch` option. The main entry stays runtime-agnostic.
 *
 * Exported from `@zwfw/exchange-client/node`.
 *
 * @module
 */
export { createNodeFetch } from './create-node-fetch';
export type { NodeFetch, NodeFetchOptions } from './create-node-fetch';
