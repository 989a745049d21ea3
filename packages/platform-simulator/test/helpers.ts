// Test helpers: a real simulator on loopback and a fetch wrapper that signs with the client's signing code.
import { randomUUID } from 'node:crypto';
import { type CaseInputInput, createHmacSigner } from '@zwfw/exchange-client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../src/index';

/** Options of one call. */
export interface CallOptions {
  /** JSON body (serialised) or raw bytes/string sent as is. */
  body?: unknown;
  raw?: Uint8Array | string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Signing overrides. */
  timestamp?: number;
  nonce?: string;
  secret?: string;
  appKey?: string;
  /** Send without any signature headers. */
  unsigned?: boolean;
}

/** A parsed response. */
export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience over arbitrary JSON envelopes
  json: any;
}

/** Start one simulator for the file, reset it before each test, close it after. */
export function useSimulator(options: SimulatorOptions = {}) {
  const holder = {} as { sim: Simulator };
  beforeAll(async () => {
    holder.sim = await startSimulator(options);
  });
  beforeEach(() => holder.sim.reset());
  afterAll(() => holder.sim.close());

  async function call(method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
    const { sim } = holder;
    const bytes =
      options.raw !== undefined
        ? typeof options.raw === 'string'
          ? new TextEncoder().encode(options.raw)
          : options.raw
        : options.body === undefined
          ? new Uint8Array()
          : new TextEncoder().encode(JSON.stringify(options.body));
    const url = sim.url + path;
    const signer = createHmacSigner({
      appKey: options.appKey ?? sim.credentials.appKey,
      appSecret: options.secret ?? sim.credentials.appSecret,
    });
    const signed = options.unsigned
      ? {}
      : await signer.sign({
          method,
          url,
          body: bytes,
          timestamp: options.timestamp ?? Date.now(),
          nonce: options.nonce ?? randomUUID(),
        });
    const headers: Record<string, string> = { ...signed, 'content-type': 'application/json', ...options.headers };
    if (method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? randomUUID();
    if (options.idempotencyKey === '') delete headers['idempotency-key'];
    const response = await fetch(url, {
      method,
      headers,
      body: method === 'GET' || method === 'DELETE' ? undefined : (bytes as Uint8Array<ArrayBuffer>),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
  }

  return { holder, call };
}

/** The first item of the built-in seed (企业投资项目备案, from the Hengyang catalog fixture). */
export const ITEM_CODE = '114304006XNYXARA873000104001000';

/** A valid case submission (overrides may make it invalid on purpose). */
export function caseInput(caseNo: string, overrides: Record<string, unknown> = {}): CaseInputInput {
  return {
    caseNo,
    itemCode: ITEM_CODE,
    projectName: '衡阳市示例食品有限公司食品经营许可申请',
    kind: 'promised',
    channel: 'online',
    regionCode: '430400000000',
    applicant: {
      type: 'person',
      name: '张三',
      idType: '111',
      idNumber: '430405199001011234',
      phone: '13812345678',
    },
    acceptDepartment: { code: '11430400MB1D03622L', name: '衡阳市行政审批服务局' },
    submittedAt: '2026-05-01T09:30:00+08:00',
    ...overrides,
  } as CaseInputInput;
}
