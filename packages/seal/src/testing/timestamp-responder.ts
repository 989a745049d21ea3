import { createHash } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bitString, generalizedTime, integer, octetString, oid, sequence, tlv } from '../internal/asn1/der';
import { HASH_BY_OID, OID } from '../internal/asn1/oids';
import { buildSignedData, cmsDigestFor } from '../internal/cms/signed-data';
import { createTimestampClient } from '../internal/tsp/create-timestamp-client';
import { decodeTimestampRequest } from '../internal/tsp/timestamp-request';
import type { Signer } from '../signer';
import type { TimestampClient } from '../types';

/** Options of a test time-stamp responder. */
export interface TimestampResponderOptions {
  /**
   * Clock of the TSA (genTime).
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * TSA policy OID written into every token.
   * @default '2.999.1'
   */
  policy?: string;
}

/** A running local RFC 3161 responder. */
export interface TimestampResponder {
  /** `http://127.0.0.1:<port>/tsa`. */
  url: string;
  /** A {@link TimestampClient} for this responder. */
  client: TimestampClient;
  /** Number of tokens issued so far. */
  readonly issued: number;
  /** Stops the server. */
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 64 * 1024;
const TEST_TSA_POLICY = '2.999.1';

function statusOnly(status: number, text: string, failBit: number): Uint8Array {
  const bits = new Uint8Array(4);
  bits[failBit >> 3] = 0x80 >> (failBit & 7);
  return sequence(sequence(integer(status), sequence(tlv(0x0c, new TextEncoder().encode(text))), bitString(bits)));
}

/** Starts an RFC 3161 responder on 127.0.0.1 signing with `signer` (internal helper of the test PKI). */
export async function startTimestampResponder(
  signer: Signer,
  options: TimestampResponderOptions = {},
): Promise<TimestampResponder> {
  const now = options.now ?? (() => new Date());
  const policy = options.policy ?? TEST_TSA_POLICY;
  let serial = 0;

  async function respond(body: Uint8Array): Promise<Uint8Array> {
    let request: ReturnType<typeof decodeTimestampRequest>;
    try {
      request = decodeTimestampRequest(body);
    } catch {
      return statusOnly(2, 'malformed TimeStampReq', 5); // badDataFormat
    }
    const hash = HASH_BY_OID[request.hashOid];
    if (hash === undefined || hash === 'md5' || hash === 'sha1') return statusOnly(2, 'unsupported hash', 0); // badAlg
    if (createHash(hash).digest().length !== request.imprint.length) return statusOnly(2, 'imprint length', 5);
    if (request.policy !== undefined && request.policy !== policy) return statusOnly(2, 'unaccepted policy', 15);
    serial += 1;
    const tstInfo = sequence(
      integer(1),
      oid(policy),
      sequence(sequence(oid(request.hashOid)), octetString(request.imprint)),
      integer(serial),
      generalizedTime(now()),
      ...(request.nonce === undefined ? [] : [tlv(0x02, request.nonce)]),
    );
    const token = await buildSignedData({
      signer,
      includeCertificates: request.certReq,
      contentType: OID.tstInfo,
      content: tstInfo,
      contentDigest: new Uint8Array(createHash(cmsDigestFor(signer.algorithm)).update(tstInfo).digest()),
    });
    return sequence(sequence(integer(0)), token);
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      if (request.method !== 'POST') {
        response.writeHead(405).end();
        return;
      }
      respond(new Uint8Array(Buffer.concat(chunks))).then(
        (reply) => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(reply),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/tsa`;
  return {
    url,
    client: createTimestampClient({ url }),
    get issued() {
      return serial;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
