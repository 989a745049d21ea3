import { createExchangeClient, type ExchangeCodec, normalizedCodec } from '@zwfw/exchange-client';

declare function toCase(record: unknown): unknown; // the province's 申办 fields (sblsh, sxbm, …) → the normalized Case

// A province whose gateway answers { code: '200', msg, data } (errors too, with HTTP 200) and queries cases elsewhere.
const provinceCodec: ExchangeCodec = {
  name: 'hunan-apas',
  encodeRequest(request) {
    if (request.operation === 'cases.get') {
      const caseNo = decodeURIComponent(request.path.split('/')[1] ?? '');
      return { method: 'GET', path: 'apas/query', query: { sblsh: caseNo } };
    }
    return normalizedCodec.encodeRequest(request); // the other operations as in the normalized API
  },
  decodeResponse(response, request) {
    const body = JSON.parse(response.body) as { code?: unknown; msg?: unknown; data?: unknown };
    if (typeof body.code !== 'string') return undefined; // not this format: ERR_EXCHANGE_RESPONSE_INVALID
    const message = String(body.msg ?? '');
    if (body.code === '404') return { code: 'CASE_NOT_FOUND', message, data: null }; // ERR_EXCHANGE_NOT_FOUND
    if (body.code === '429') return { code: 'RATE_LIMITED', message, data: null }; // retried with backoff
    if (body.code !== '200') return { code: `HN_${body.code}`, message, data: body.data }; // a business rule
    return { code: '0', message, data: request.operation === 'cases.get' ? toCase(body.data) : body.data };
  },
};

const client = createExchangeClient({
  baseUrl: 'https://zwfw.hunan.example.gov.cn/gateway/',
  credentials: { appKey: 'hengyang-xzsp', appSecret: process.env.EXCHANGE_SECRET ?? '' },
  client: { regionCode: '430400000000', organizationCode: '11430400M54DRXAH81', systemCode: 'HY-XZSP' },
  codec: provinceCodec,
});
console.log((await client.cases.get('HY-2026-000123')).status);
