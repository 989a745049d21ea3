import type { ExchangeClient } from '@zwfw/exchange-client';

declare const client: ExchangeClient;
const outbox = client.outbox;
if (!outbox) throw new Error('create the client with outbox: { store }');

console.log(await outbox.counts()); // { pending, sent, dead }
for (const record of await outbox.dead()) {
  // lastError is `CODE: message` (masked); the body is stored exactly as it was sent
  console.log(record.id, record.operation, record.orderingKey, record.attempts, record.lastError);
}
// After fixing the cause on the platform side (e.g. the item was missing there):
const [first] = await outbox.dead(1);
if (first) {
  await outbox.replay(first.id); // back to pending, same Idempotency-Key and body
  console.log(await outbox.flush()); // { sent, requeued, dead }
}
