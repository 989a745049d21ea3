// The default transport on Node: a fetch over node:http / node:https (createNodeFetch), against real loopback
// servers: bodies and headers both ways, streaming, aborts, network failures and TLS with a private CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch } from '../src/node/index';

type Handler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;
let handler: Handler = (_request, _body, response) => response.end();
let server: Server;
let base: string;
const nodeFetch = createNodeFetch();

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  nodeFetch.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createNodeFetch', () => {
  it('sends method, headers and body, and returns status, headers (repeated ones joined) and body', async () => {
    handler = (request, body, response) => {
      response.statusCode = 201;
      response.setHeader('content-type', 'application/json');
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      response.setHeader('x-seen', `${request.method} ${request.url} ${request.headers['x-app']}`);
      response.end(JSON.stringify({ echoed: body.toString('utf8'), length: request.headers['content-length'] }));
    };
    const body = JSON.stringify({ name: '衡阳市' });
    const response = await nodeFetch(new Request(`${base}/api/v1/cases?x=1`, { method: 'POST' }), {
      body,
      headers: { 'x-app': 'hy' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen')).toBe('POST /api/v1/cases?x=1 hy');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ echoed: body, length: String(Buffer.byteLength(body)) });
    const bytes = await nodeFetch(`${base}/bytes`, { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
    expect(JSON.parse(await bytes.text())).toMatchObject({ length: '3' });
  });

  it('takes the headers of a Request when init has none; 204 has a null body', async () => {
    handler = (request, _body, response) => {
      response.statusCode = 204;
      response.setHeader('x-seen', String(request.headers['x-from-request']));
      response.end();
    };
    const response = await nodeFetch(new Request(`${base}/empty`, { headers: { 'x-from-request': 'yes' } }));
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(response.headers.get('x-seen')).toBe('yes');
  });

  it('streams the body: the caller sees the headers before the server has finished, and can cancel', async () => {
    let finish: () => void = () => undefined;
    handler = (_request, _body, response) => {
      response.write('first');
      finish = () => response.end('last');
    };
    const response = await nodeFetch(`${base}/stream`);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    finish();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('last');
  });

  it("rejects with the signal's reason when aborted before the response, and errors the body when aborted after", async () => {
    handler = () => undefined; // never answers
    const controller = new AbortController();
    const pending = nodeFetch(`${base}/hang`, { signal: controller.signal });
    controller.abort(new Error('attempt timed out'));
    await expect(pending).rejects.toThrow('attempt timed out');
    await expect(nodeFetch(`${base}/x`, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });

    handler = (_request, _body, response) => response.write('partial');
    const late = new AbortController();
    const response = await nodeFetch(`${base}/half`, { signal: late.signal });
    const reader = response.body!.getReader();
    await reader.read();
    late.abort(new Error('body timed out'));
    await expect(reader.read()).rejects.toThrow('body timed out');
  });

  it('rejects with a TypeError (as fetch does) when nothing listens, and on unsupported input', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(nodeFetch(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(TypeError);
    await expect(nodeFetch('ftp://127.0.0.1/')).rejects.toThrow(/unsupported protocol/);
    await expect(nodeFetch(`${base}/`, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(/bodies/);
  });

  it('speaks TLS to a server with a private CA given in tls.ca, and refuses it without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwfw-node-fetch-'));
    try {
      execFileSync(
        'openssl',
        [
          ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1'],
          ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
          ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
        ],
        { stdio: 'ignore' },
      );
      const cert = readFileSync(join(dir, 'cert.pem'));
      const tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (_request, response) =>
        response.end('secure'),
      );
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;
      const trusting = createNodeFetch({ tls: { ca: cert } });
      try {
        expect(await (await trusting(url)).text()).toBe('secure');
        await expect(nodeFetch(url)).rejects.toBeInstanceOf(TypeError);
      } finally {
        trusting.close();
        tls.closeAllConnections();
        await new Promise((resolve) => tls.close(resolve));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
