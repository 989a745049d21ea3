// A province adapter through the codec seam: a loopback gateway that speaks an envelope of its own
// ({ code: '200', msg, data } with pinyin-initial field names, errors as HTTP 200 with code '404' / '429'), and a
// codec that maps the normalized API onto it.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaseInput,
  createExchangeClient,
  createMemoryOutboxStore,
  type ExchangeClientOptions,
  type ExchangeCodec,
  type RetryState,
  verifyRequestSignature,
} from '../src/index';
import { caseInput, ID_NUMBER, IDENTITY } from './case-data';

const CREDENTIALS = { appKey: 'hn-apas-test', appSecret: 'hn-apas-test-secret' };

/** The province's case record (申办 fields named after their pinyin initials). */
interface ProvinceCase {
  sblsh: string; // 申办流水号
  sxbm: string; // 事项编码
  sbxmmc: string; // 申办项目名称
  infotype: string; // 1 即办件 2 承诺件 3 联办件 4 上报件
  applyfrom: string; // 1 网上 2 窗口 9 其它
  areacode: string;
  sqrlx: string; // 申请人类型
  sqrmc: string; // 申请人名称
  sqrzjlx: string; // 申请人证件类型
  sqrzjhm: string; // 申请人证件号码
  sldwdm: string; // 受理单位代码
  sldwmc: string; // 受理单位名称
  sbsj: string; // 申办时间
  dataver: number;
}

interface ProvinceRecord extends ProvinceCase {
  ptlsh: string; // 平台流水号
  zt: string; // 状态: 01 申办
  slsj: string; // 受理时间
}

const KINDS = { immediate: '1', promised: '2', joint: '3', reported: '4' } as const;
const CHANNELS = { online: '1', window: '2', other: '9' } as const;
const APPLICANT_TYPES = { person: '1', enterprise: '2', nonEnterprise: '3' } as const;
const invert = <T extends Record<string, string>>(map: T) =>
  Object.fromEntries(Object.entries(map).map(([key, value]) => [value, key])) as Record<string, keyof T>;

/** The province adapter under test: normalized `cases.submit` / `cases.get` onto the province's `apas` endpoints. */
const hunanApasCodec: ExchangeCodec = {
  name: 'hunan-apas',
  encodeRequest(request) {
    if (request.operation === 'cases.submit') {
      const input = JSON.parse(request.body ?? '{}') as CaseInput;
      const wire: ProvinceCase = {
        sblsh: input.caseNo,
        sxbm: input.itemCode,
        sbxmmc: input.projectName,
        infotype: KINDS[input.kind],
        applyfrom: CHANNELS[input.channel],
        areacode: input.regionCode,
        sqrlx: APPLICANT_TYPES[input.applicant.type],
        sqrmc: input.applicant.name,
        sqrzjlx: input.applicant.idType,
        sqrzjhm: input.applicant.idNumber,
        sldwdm: input.acceptDepartment.code,
        sldwmc: input.acceptDepartment.name,
        sbsj: input.submittedAt,
        dataver: input.version,
      };
      return {
        method: 'POST',
        path: 'apas/accept',
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: JSON.stringify(wire),
      };
    }
    if (request.operation === 'cases.get') {
      const caseNo = decodeURIComponent(request.path.split('/')[1] ?? '');
      return { method: 'GET', path: 'apas/query', query: { sblsh: caseNo } };
    }
    throw new Error(`operation ${request.operation} is not offered by this province`);
  },
  decodeResponse(response, request) {
    const body = JSON.parse(response.body) as { code?: unknown; msg?: unknown; data?: unknown };
    if (typeof body.code !== 'string' || typeof body.msg !== 'string') return undefined;
    if (body.code !== '200') {
      const code =
        body.code === '404'
          ? request.operation.startsWith('cases.')
            ? 'CASE_NOT_FOUND'
            : 'NOT_FOUND'
          : body.code === '429'
            ? 'RATE_LIMITED'
            : `HN_${body.code}`;
      return { code, message: body.msg, data: body.data };
    }
    const record = body.data as ProvinceRecord & { hz?: string };
    const status = record.zt === '01' ? 'submitted' : 'accepted';
    if (request.operation === 'cases.submit') {
      return {
        code: '0',
        message: body.msg,
        data: {
          caseNo: record.sblsh,
          platformId: record.ptlsh,
          version: record.dataver,
          status,
          acceptedAt: record.slsj,
          receipt: record.hz,
        },
      };
    }
    return {
      code: '0',
      message: body.msg,
      data: {
        caseNo: record.sblsh,
        version: record.dataver,
        itemCode: record.sxbm,
        projectName: record.sbxmmc,
        kind: invert(KINDS)[record.infotype],
        channel: invert(CHANNELS)[record.applyfrom],
        regionCode: record.areacode,
        applicant: {
          type: invert(APPLICANT_TYPES)[record.sqrlx],
          name: record.sqrmc,
          idType: record.sqrzjlx,
          idNumber: record.sqrzjhm,
        },
        acceptDepartment: { code: record.sldwdm, name: record.sldwmc },
        submittedAt: record.sbsj,
        platformId: record.ptlsh,
        status,
        acceptedAt: record.slsj,
        updatedAt: record.slsj,
        events: [],
      },
    };
  },
};

/** A loopback gateway of the province: checks the client's signature, keeps cases, issues ES256 receipts. */
async function startProvinceGateway() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const cases = new Map<string, ProvinceRecord>();
  const seen: { method: string; url: string; body: string }[] = [];
  let throttleNext = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const reply = (code: string, msg: string, data: unknown = null) => {
        response.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        response.end(JSON.stringify({ code, msg, data }));
      };
      seen.push({ method: request.method ?? '', url: request.url ?? '', body: raw.toString('utf8') });
      const check = await verifyRequestSignature(
        { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: raw },
        (key) => (key === CREDENTIALS.appKey ? CREDENTIALS.appSecret : undefined),
      );
      if (!check.valid) return reply('401', '签名错误');
      const url = new URL(request.url ?? '/', 'http://gateway');
      if (request.method === 'POST' && url.pathname === '/prov/apas/accept') {
        const wire = JSON.parse(raw.toString('utf8')) as ProvinceCase;
        const record: ProvinceRecord = {
          ...wire,
          ptlsh: `HN${String(cases.size + 1).padStart(8, '0')}`,
          zt: '01',
          slsj: '2026-05-01T09:31:00+08:00',
        };
        cases.set(wire.sblsh, record);
        const payload = {
          caseNo: record.sblsh,
          version: record.dataver,
          acceptedAt: record.slsj,
          payloadSha256: createHash('sha256').update(raw).digest('hex'),
        };
        const hz = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
          .setProtectedHeader({ alg: 'ES256' })
          .sign(privateKey);
        return reply('200', '成功', { ...record, hz });
      }
      if (request.method === 'GET' && url.pathname === '/prov/apas/query') {
        if (throttleNext > 0) {
          throttleNext--;
          return reply('429', '请求过于频繁');
        }
        const record = cases.get(url.searchParams.get('sblsh') ?? '');
        return record ? reply('200', '成功', record) : reply('404', '办件不存在');
      }
      reply('404', '接口不存在');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prov/`,
    publicJwk: await exportJWK(publicKey),
    seen,
    throttle: (times: number) => {
      throttleNext = times;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let gateway: Awaited<ReturnType<typeof startProvinceGateway>>;
beforeAll(async () => {
  gateway = await startProvinceGateway();
});
afterAll(() => gateway.close());

const provinceClient = (overrides: Partial<ExchangeClientOptions> = {}) =>
  createExchangeClient({
    baseUrl: gateway.baseUrl,
    credentials: CREDENTIALS,
    client: IDENTITY,
    codec: hunanApasCodec,
    receipts: { verificationKey: gateway.publicJwk },
    retry: { baseDelayMs: 1, backoffLimitMs: 5 },
    ...overrides,
  });

describe('a province adapter through the codec seam', () => {
  it('submits a case in the province wire format and verifies the receipt against the body sent', async () => {
    const result = await provinceClient().cases.submit(caseInput('HN-CODEC-1'));
    expect(result).toMatchObject({
      status: 'sent',
      caseNo: 'HN-CODEC-1',
      result: { platformId: 'HN00000001', status: 'submitted', version: 1 },
      receipt: { verified: true, payload: { caseNo: 'HN-CODEC-1', version: 1 } },
    });
    const sent = gateway.seen.at(-1);
    expect(sent).toMatchObject({ method: 'POST', url: '/prov/apas/accept' });
    expect(JSON.parse(sent?.body ?? '')).toMatchObject({
      sblsh: 'HN-CODEC-1',
      infotype: '2',
      applyfrom: '1',
      sqrzjhm: ID_NUMBER,
      dataver: 1,
    });
  });

  it('sends through the outbox over the same codec', async () => {
    const client = provinceClient({ outbox: { store: createMemoryOutboxStore() } });
    const result = await client.cases.submit(caseInput('HN-CODEC-2'));
    expect(result).toMatchObject({ status: 'sent', receipt: { verified: true } });
    expect(await client.outbox?.pending()).toEqual([]);
  });

  it('gets a case, decoding the province record into the normalized model', async () => {
    await provinceClient().cases.submit(caseInput('HN-CODEC-3', { kind: 'immediate', channel: 'window' }));
    const found = await provinceClient().cases.get('HN-CODEC-3');
    expect(found).toMatchObject({
      caseNo: 'HN-CODEC-3',
      kind: 'immediate',
      channel: 'window',
      platformId: expect.stringMatching(/^HN\d{8}$/),
      applicant: { type: 'person', idNumber: ID_NUMBER },
      materials: [],
    });
    expect(gateway.seen.at(-1)).toMatchObject({ method: 'GET', url: '/prov/apas/query?sblsh=HN-CODEC-3' });
  });

  it('maps province error codes sent with HTTP 200 onto typed errors and retry decisions', async () => {
    await expect(provinceClient().cases.get('HN-MISSING')).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_NOT_FOUND',
      platformCode: 'CASE_NOT_FOUND',
      platformMessage: '办件不存在',
      isRetryable: false,
    });
    await provinceClient().cases.submit(caseInput('HN-CODEC-4'));
    const retries: RetryState[] = [];
    gateway.throttle(1);
    const found = await provinceClient({ hooks: { onRetry: (state) => retries.push(state) } }).cases.get('HN-CODEC-4');
    expect(found.caseNo).toBe('HN-CODEC-4');
    expect(retries).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'ERR_EXCHANGE_RATE_LIMITED' }) }),
    ]);
  });

  it('fails with typed errors for an operation the codec cannot encode or a body it cannot decode', async () => {
    await expect(provinceClient().items.get('11430400MB1D03622L4000111400001')).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_REQUEST_INVALID',
      message: expect.stringContaining('codec "hunan-apas"'),
    });
    const html = (async () => new Response('<html>维护中</html>', { status: 200 })) as typeof fetch;
    await expect(provinceClient({ fetch: html }).cases.get('HN-CODEC-4')).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RESPONSE_INVALID',
      message: expect.stringContaining('"hunan-apas" wire format'),
    });
  });
});
