import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, createTestPki } from '../../testing/create-test-pki';
import { integer, sequence } from '../asn1/der';
import { createTimestampClient } from './create-timestamp-client';

let pki: TestPki;
const imprint = new Uint8Array(createHash('sha256').update('x').digest());

async function serve(
  reply: (body: Buffer) => { status: number; body: Uint8Array },
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { status, body } = reply(Buffer.concat(chunks));
      response.writeHead(status).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/tsa`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

beforeAll(async () => {
  pki = await createTestPki();
});

afterAll(() => undefined);

describe('createTimestampClient', () => {
  it('gets a token whose nonce and imprint match', async () => {
    const responder = await pki.tsa.startResponder();
    try {
      const client = createTimestampClient({ url: responder.url, headers: { authorization: 'Bearer secret-token' } });
      const token = await client.timestamp(imprint, 'SHA-256');
      expect(token[0]).toBe(0x30);
      expect(responder.issued).toBe(1);
    } finally {
      await responder.close();
    }
  });

  it('rejects invalid URLs', () => {
    expect(() => createTimestampClient({ url: 'not a url' })).toThrow(
      expect.objectContaining({ code: 'ERR_SEAL_INPUT_INVALID' }),
    );
    expect(() => createTimestampClient({ url: 'ftp://tsa.example/x' })).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_INPUT_INVALID',
        message: "url must use http or https, got ftp:; pass the TSA's HTTP endpoint.",
      }),
    );
  });

  it('fails with ERR_SEAL_TIMESTAMP_FAILED on HTTP errors, rejections and replayed tokens, without leaking credentials', async () => {
    const responder = await pki.tsa.startResponder();
    const replayed = await responder.client.timestamp(imprint, 'SHA-256');
    await responder.close();
    const cases: Array<[(body: Buffer) => { status: number; body: Uint8Array }, string]> = [
      [() => ({ status: 500, body: new Uint8Array() }), 'HTTP 500'],
      [() => ({ status: 200, body: sequence(sequence(integer(2))) }), 'rejected the request with status 2'],
      [() => ({ status: 200, body: sequence(sequence(integer(0)), replayed) }), 'does not echo the request nonce'],
      [() => ({ status: 200, body: new Uint8Array([1, 2, 3]) }), 'unusable response'],
    ];
    for (const [reply, message] of cases) {
      const server = await serve(reply);
      try {
        const client = createTimestampClient({ url: `${server.url.replace('http://', 'http://user:pw@')}?key=secret` });
        const error = await client.timestamp(imprint, 'SHA-256').then(
          () => undefined,
          (caught: unknown) => caught as { code: string; message: string },
        );
        expect(error?.code).toBe('ERR_SEAL_TIMESTAMP_FAILED');
        expect(error?.message).toContain(message);
        expect(error?.message).not.toContain('secret');
        expect(error?.message).not.toContain('pw');
      } finally {
        await server.close();
      }
    }
  });

  it('sends URL credentials as Basic authorization, not in the URL', async () => {
    let authorization: string | undefined;
    let path: string | undefined;
    const server = createServer((request, response) => {
      authorization = request.headers.authorization;
      path = request.url;
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = createTimestampClient({ url: `http://tsa-user:p%40ss@127.0.0.1:${port}/tsa?key=1` });
      await expect(client.timestamp(imprint, 'SHA-256')).rejects.toMatchObject({ code: 'ERR_SEAL_TIMESTAMP_FAILED' });
      expect(authorization).toBe(`Basic ${Buffer.from('tsa-user:p@ss').toString('base64')}`);
      expect(path).toBe('/tsa?key=1');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('fails when nothing listens', async () => {
    const server = await serve(() => ({ status: 200, body: new Uint8Array() }));
    await server.close();
    await expect(
      createTimestampClient({ url: server.url, timeoutMs: 2000 }).timestamp(imprint, 'SHA-256'),
    ).rejects.toMatchObject({
      code: 'ERR_SEAL_TIMESTAMP_FAILED',
      message: expect.stringContaining('did not answer'),
    });
  });
});
