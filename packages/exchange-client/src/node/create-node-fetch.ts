/// <reference types="node" />
// A fetch over node:http / node:https for the client's `fetch` option (Node-only subpath `@zwfw/exchange-client/node`).
import * as NodeHttp from 'node:http';
import * as NodeHttps from 'node:https';

/** Options of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /**
   * Connections kept open per host (keep-alive).
   * @default 64
   */
  maxSockets?: number;
  /**
   * Options for TLS connections (`node:https` agent options: `ca`, `cert`, `key`, `rejectUnauthorized`, …), e.g. the
   * province gateway's private CA.
   */
  tls?: NodeHttps.AgentOptions;
}

/** A `fetch`-compatible function backed by `node:http`, with `close()` to release its sockets. */
export interface NodeFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Closes the kept-alive connections. Later calls open new ones. */
  close(): void;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function bodyBytes(body: RequestInit['body']): Uint8Array | string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError(
    'createNodeFetch: only string, Uint8Array and ArrayBuffer bodies are supported (the exchange client sends these)',
  );
}

/**
 * Creates a `fetch` for the exchange client's `fetch` option that sends over `node:http` / `node:https` with
 * keep-alive, instead of the runtime's `fetch` (undici on Node). The client and ky stay the same: ky builds the
 * request, this function only carries it. On Node 20 undici's `fetch` costs about as much CPU per call as the rest of
 * the client together; this is a fraction of it (see the package README, "Benchmarks").
 *
 * It honours the signal (an aborted request destroys its socket and rejects with the signal's reason), streams the
 * response body (so `maxResponseBytes` stops a large body early) and rejects with a `TypeError` on a network failure,
 * as `fetch` does. Redirects are not followed (the platform API does not redirect). Request bodies must be strings or
 * bytes.
 *
 * @param options - connection pool and TLS options.
 * @returns the fetch function, with `close()`.
 *
 * @example
 * ```ts
 * import { createExchangeClient } from '@zwfw/exchange-client';
 * import { createNodeFetch } from '@zwfw/exchange-client/node';
 *
 * const fetch = createNodeFetch();
 * const client = createExchangeClient({ baseUrl, credentials, fetch });
 * // … on shutdown
 * fetch.close();
 * ```
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const maxSockets = options.maxSockets ?? 64;
  const http = new NodeHttp.Agent({ keepAlive: true, maxSockets });
  const https = new NodeHttps.Agent({ ...options.tls, keepAlive: true, maxSockets });

  const send = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const request = typeof input === 'string' || input instanceof URL ? undefined : input;
      const url = new URL(request ? request.url : (input as string | URL));
      const signal = init.signal ?? request?.signal ?? undefined;
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const headers: Record<string, string> = {};
      new Headers(init.headers ?? request?.headers).forEach((value, key) => {
        headers[key] = value;
      });
      let body: Uint8Array | string | undefined;
      try {
        body = bodyBytes(init.body);
      } catch (error) {
        reject(error);
        return;
      }
      if (body === undefined && request?.body) {
        reject(new TypeError('createNodeFetch: pass the body in init, not as a Request stream'));
        return;
      }
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const isHttps = url.protocol === 'https:';
      if (!isHttps && url.protocol !== 'http:') {
        reject(new TypeError(`createNodeFetch: unsupported protocol ${url.protocol}`));
        return;
      }
      const outgoing = (isHttps ? NodeHttps.request : NodeHttp.request)(url, {
        method: init.method ?? request?.method ?? 'GET',
        headers,
        agent: isHttps ? https : http,
      });
      let response: NodeHttp.IncomingMessage | undefined;
      let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
      const onAbort = () => {
        const reason = abortError(signal!);
        outgoing.destroy();
        response?.destroy();
        if (controller) controller.error(reason);
        else reject(reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      outgoing.on('error', (error) => {
        done();
        if (controller) controller.error(error);
        else reject(new TypeError(`fetch failed: ${error.message}`, { cause: error }));
      });
      outgoing.on('response', (incoming) => {
        response = incoming;
        const responseHeaders = new Headers();
        const raw = incoming.rawHeaders;
        for (let index = 0; index < raw.length; index += 2) responseHeaders.append(raw[index]!, raw[index + 1]!);
        const status = incoming.statusCode ?? 502;
        const nullBody = status === 204 || status === 304 || init.method === 'HEAD';
        const stream = nullBody
          ? null
          : new ReadableStream<Uint8Array>({
              start(streamController) {
                controller = streamController;
                incoming.on('data', (chunk: Buffer) => streamController.enqueue(new Uint8Array(chunk)));
                incoming.on('end', () => {
                  done();
                  streamController.close();
                });
                incoming.on('error', (error) => {
                  done();
                  streamController.error(error);
                });
              },
              cancel() {
                done();
                incoming.destroy();
              },
            });
        if (nullBody) {
          incoming.resume();
          incoming.on('end', done);
        }
        resolve(new Response(stream, { status, statusText: incoming.statusMessage ?? '', headers: responseHeaders }));
      });
      outgoing.end(body);
    });

  return Object.assign(send, {
    close() {
      http.destroy();
      https.destroy();
    },
  });
}
