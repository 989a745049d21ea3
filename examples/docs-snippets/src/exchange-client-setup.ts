import { createExchangeClient, type ReceiptKey } from '@zwfw/exchange-client';

declare const platformJwk: ReceiptKey; // the platform's public key for receipts (GET /api/v1/keys)

const client = createExchangeClient({
  baseUrl: 'https://gateway.example.gov.cn/exchange/api/v1/',
  credentials: { appKey: 'hengyang-xzsp', appSecret: process.env.EXCHANGE_SECRET ?? '' },
  client: { regionCode: '430400000000', organizationCode: '11430400M54DRXAH81', systemCode: 'HY-XZSP' },
  receipts: { verificationKey: platformJwk },
  timeout: 10_000, // per attempt
  retry: { limit: 3 },
  hooks: { onRetry: (state) => console.warn('retrying', state) }, // fields are masked
});
for await (const item of client.items.list({ regionCode: '430400000000' })) console.log(item.implementationCode);
