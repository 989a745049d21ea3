// Shared test helpers: a client wired to a simulator, and a valid case.
import { type Simulator, type SimulatorOptions, startSimulator } from '@zwfw/platform-simulator';
import { createExchangeClient, type ExchangeClientOptions } from '../src/index';
import { IDENTITY, ITEM_CODE } from './case-data';

export { caseInput, ID_NUMBER, IDENTITY, ITEM_CODE, PHONE } from './case-data';

/** The items the tests rely on (the simulator's default seed may change). */
export const TEST_ITEMS = [
  {
    implementationCode: ITEM_CODE,
    name: '食品经营许可',
    version: 1,
    regionCode: '430400000000',
    updatedAt: '2026-01-05T09:00:00+08:00',
    status: 'active',
  },
  {
    implementationCode: '11430400MB1D03622L4000111400002',
    name: '公共场所卫生许可',
    version: 2,
    regionCode: '430400000000',
    updatedAt: '2026-02-10T10:30:00+08:00',
    status: 'active',
  },
];

export async function withSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ ...options, seed: { items: TEST_ITEMS, ...options.seed } });
}

export function clientFor(sim: Simulator, overrides: Partial<ExchangeClientOptions> = {}) {
  return createExchangeClient({
    baseUrl: sim.apiUrl,
    credentials: sim.credentials,
    client: IDENTITY,
    receipts: { verificationKey: sim.publicJwk as JsonWebKey },
    retry: { baseDelayMs: 5, backoffLimitMs: 20, maxRetryAfterMs: 20 },
    timeout: 2_000,
    itemValidation: 'identity',
    ...overrides,
  });
}
