import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLATFORM_ERROR_STATUS, type PlatformErrorCode } from '@zwfw/exchange-client';

/** A platform-level error raised by a route handler; turned into the JSON envelope by the server. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    readonly data?: unknown,
    options: { status?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = options.status ?? PLATFORM_ERROR_STATUS[code];
    this.headers = options.headers ?? {};
  }
  readonly headers: Record<string, string>;
}

/** A response produced by a handler, before envelope headers are added. */
export interface HandlerResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The body of a request could not be read because it exceeds the limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/**
 * Read a request body, stopping (without buffering the rest) once `limit` bytes are exceeded.
 * Rejects with {@link BodyTooLargeError}, or with the stream error when the client aborts.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    request.once('error', reject);
    request.once('aborted', () => reject(new Error('request aborted by the client')));
  });
}

/** The success envelope of §6: `{ code: "0", message, data, requestId }`. */
export function okEnvelope(data: unknown, requestId: string): unknown {
  return { code: '0', message: 'ok', data, requestId };
}

/** The error envelope of §6: `{ code: "<ERROR>", message, data, requestId }`. */
export function errorEnvelope(code: string, message: string, requestId: string, data?: unknown): unknown {
  return { code, message, data: data ?? null, requestId };
}

/** Write a JSON response (UTF-8) unless the socket is gone. */
export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  if (response.destroyed || response.writableEnded) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Parse a JSON body; an empty body parses as `undefined`. Throws a 400 {@link ApiError} on malformed JSON. */
export function parseJsonBody(body: Uint8Array): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new ApiError(
      'INVALID_REQUEST',
      `the request body is not valid UTF-8 JSON (${(error as Error).message}); send a JSON document with content-type application/json`,
    );
  }
}
