import { Catalog } from '@zwfw/catalog';
import { createExchangeClient } from '@zwfw/exchange-client';
import { startSimulator } from '@zwfw/platform-simulator';

const sim = await startSimulator();
const client = createExchangeClient({
  baseUrl: sim.apiUrl,
  credentials: sim.credentials,
  client: { regionCode: '430400000000', organizationCode: '11430400M54DRXAH81', systemCode: 'HY-TEST' },
  receipts: { verificationKey: sim.publicJwk },
});
const [item] = Catalog.from((await client.items.sync()).items, { onInvalid: 'skip' }).query({ level: '3' });
if (!item) throw new Error('the simulator seed has no items');

// The platform stores the case, then the connection drops before the answer: does the retry duplicate it?
sim.addFaults([{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-after-commit', times: 1 }]);
await client.cases.submit({
  caseNo: 'HY-SIM-0001',
  itemCode: item.implementationCode,
  projectName: `测试办件：${item.name}`,
  kind: 'promised',
  channel: 'online',
  regionCode: '430400000000',
  applicant: { type: 'enterprise', name: '衡阳市示范科技有限公司', idType: '001', idNumber: '91430408MA4T2DEM1P' },
  acceptDepartment: { code: item.body.uscc, name: item.body.name },
  submittedAt: new Date().toISOString(),
});
console.log(sim.cases()); // [{ caseNo: 'HY-SIM-0001', version: 1, status: 'submitted', submissions: 1 }]
sim.advanceCase('HY-SIM-0001', { status: 'accepted', opinion: '窗口收件' }); // a department acts
console.log(sim.requests().length, sim.faults()[0]?.hits); // what the client sent; how often the fault fired
await sim.close();
