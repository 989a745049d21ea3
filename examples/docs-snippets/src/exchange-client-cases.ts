import { type ExchangeClient, isExchangeError, isExchangeHttpError } from '@zwfw/exchange-client';

declare const client: ExchangeClient;
const caseNo = 'HY-2026-000123'; // yours, stable across retries

try {
  const submitted = await client.cases.submit({
    caseNo,
    itemCode: '11430400M54DRXAH813000113001000', // 实施编码
    projectName: '衡阳市示范科技有限公司企业设立登记',
    kind: 'promised', // 承诺件
    channel: 'online',
    regionCode: '430400000000',
    applicant: { type: 'enterprise', name: '衡阳市示范科技有限公司', idType: '001', idNumber: '91430408MA4T2DEM1P' },
    acceptDepartment: { code: '11430400M54DRXAH81', name: '衡阳市市场监督管理局' },
    submittedAt: new Date().toISOString(),
  });
  console.log(submitted.status); // 'sent' | 'duplicate' (| 'queued' with an outbox)
  await client.cases.addEvent(caseNo, { version: 2, status: 'accepted', occurredAt: new Date().toISOString() });
  await client.cases.complete(caseNo, { version: 3, result: 'done', completedAt: new Date().toISOString() });
  console.log((await client.cases.get(caseNo)).status); // 'completed'
} catch (error) {
  if (isExchangeHttpError(error)) console.error(error.code, error.status, error.platformCode, error.message);
  else if (isExchangeError(error))
    console.error(error.code, error.message); // messages mask personal data
  else throw error;
}
