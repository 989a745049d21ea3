import { createExchangeClient, type ExchangeClientOptions } from '@zwfw/exchange-client';
import { createSqliteOutboxStore } from '@zwfw/exchange-client/sqlite';

declare const connection: Omit<ExchangeClientOptions, 'outbox' | 'hooks'>; // baseUrl, credentials, client, receipts

const store = await createSqliteOutboxStore({ path: '/var/lib/hy-xzsp/exchange-outbox.db' });
const client = createExchangeClient({
  ...connection,
  outbox: { store, relay: { baseDelayMs: 1000, maxDelayMs: 300_000 } },
  hooks: {
    onQueued: ({ caseNo, error, nextAttemptAt }) => console.warn('queued', caseNo, error?.code, nextAttemptAt),
    onDead: ({ outboxId, caseNo, error }) => console.error('DEAD LETTER', outboxId, caseNo, error.code),
  },
});
client.outbox?.start({ intervalMs: 1000 }); // the relay sends what was queued

async function shutdown(): Promise<void> {
  const result = await client.outbox?.drain({ timeoutMs: 20_000 }); // stop the relay, send what can be sent
  console.log(`outbox drained: sent ${result?.sent}, still pending ${result?.pending}, dead ${result?.dead}`);
  await store.close(); // pending records stay in the file and are sent after the restart
}
process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
