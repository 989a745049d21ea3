// Child process of the SIGKILL reliability test: resumes what a killed predecessor left in the SQLite outbox, then
// submits the cases it has not written yet. Run with `node --import tsx`.
import { createExchangeClient } from '../src/index';
import { createSqliteOutboxStore } from '../src/sqlite/index';
import { IDENTITY } from './case-data';
import { caseNoOf, RELIABILITY_CLIENT, RELIABILITY_RELAY, submitMany } from './submit-many';

const env = process.env as Record<string, string>;
const total = Number(env.TOTAL);
const store = await createSqliteOutboxStore({ path: env.DB_PATH as string });
const client = createExchangeClient({
  baseUrl: env.SIM_API_URL as string,
  credentials: { appKey: env.SIM_APP_KEY as string, appSecret: env.SIM_APP_SECRET as string },
  client: IDENTITY,
  receipts: { verificationKey: JSON.parse(env.SIM_JWK as string) },
  ...RELIABILITY_CLIENT,
  outbox: { store, relay: RELIABILITY_RELAY },
});
const resumed = await client.outbox?.drain({ timeoutMs: 60_000 });
const written = new Set((await store.list({ limit: 1_000_000 })).map((record) => record.orderingKey));
const remaining = Array.from({ length: total }, (_, index) => index).filter((index) => !written.has(caseNoOf(index)));
process.stdout.write(`resumed ${JSON.stringify(resumed)}; ${remaining.length} to submit\n`);
await submitMany(client, remaining, 8);
const drained = await client.outbox?.drain({ timeoutMs: 60_000 });
process.stdout.write(`${JSON.stringify({ drained, counts: await store.counts() })}\n`);
await store.close();
