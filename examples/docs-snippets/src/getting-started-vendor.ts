import { validateCatalog } from '@zwfw/catalog';
import { createExchangeClient } from '@zwfw/exchange-client';
import { startSimulator } from '@zwfw/platform-simulator';

const sim = await startSimulator(); // the provincial platform, in-process, on a free loopback port
const client = createExchangeClient({
  baseUrl: sim.apiUrl,
  credentials: sim.credentials, // test-only credentials built into the simulator
  client: { regionCode: '430400000000', organizationCode: '11430400M54DRXAH81', systemCode: 'HY-MY-SYSTEM' },
  receipts: { verificationKey: sim.publicJwk },
});
const { items, cursor } = await client.items.sync(); // 事项下发: every item; keep `cursor` for the next sync
const report = validateCatalog(items);
console.log(`${report.itemCount} items, ${report.errors.length} errors; next sync from ${cursor}`);
await sim.close();
