import { CertificateRecordSchema, DataResourceSchema, ItemRecordSchema } from '@zwfw/exchange-client';
import { z } from 'zod';
import type { SimulatorSeed } from '../../types';
import { formatChinaTime } from '../clock';
import type { ApiError } from '../http';
import { FaultRuleInputSchema } from '../faults';
import type { SimulatorRuntime } from '../server';
import { advanceCase } from './cases';
import { type RouteContext, ok, parseInput } from './context';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** JSON form of a seed (`POST /__sim/seed`): certificate files as base64. */
export const SeedInputSchema = z.strictObject({
  items: z.array(ItemRecordSchema).optional(),
  certificates: z.array(CertificateRecordSchema.extend({ fileBase64: z.base64().optional() })).optional(),
  resources: z
    .array(
      DataResourceSchema.extend({
        rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))).optional(),
      }),
    )
    .optional(),
  apps: z
    .array(
      z.object({
        appKey: z.string().min(1).max(128),
        appSecret: z.string().min(16, 'use a secret of at least 16 characters'),
        name: z.string().optional(),
        approvedResources: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  halls: z
    .array(
      z.object({
        hallId: z.string().min(1).max(64),
        name: z.string().min(1),
        slotTimes: z.array(z.string().regex(TIME_OF_DAY, 'expected HH:mm')).optional(),
        capacity: z.int().min(0).optional(),
      }),
    )
    .optional(),
});

/** Body of `POST /__sim/faults`. */
export const FaultsInputSchema = z.strictObject({
  rules: z.array(FaultRuleInputSchema).min(1),
  seed: z.int().optional(),
});
/** Body of `POST /__sim/clock`. */
export const ClockInputSchema = z.strictObject({
  offsetMs: z
    .int()
    .min(-365 * 86_400_000)
    .max(365 * 86_400_000),
});
/** Body of `POST /__sim/cases/{caseNo}/advance`. */
export const AdvanceInputSchema = z.strictObject({
  status: z.string().min(1),
  opinion: z.string().max(2000).optional(),
});

/**
 * Turn the JSON form of a seed (as `POST /__sim/seed` and `zwfw-platform-sim --seed FILE` take it; certificate files
 * as `fileBase64`) into a {@link SimulatorSeed}. Throws a 400 `INVALID_REQUEST` {@link ApiError} naming the field.
 */
export function seedFromJson(value: unknown): SimulatorSeed {
  const seed = parseInput(SeedInputSchema, value, 'the seed');
  return {
    ...seed,
    certificates: seed.certificates?.map(({ fileBase64, ...record }) => ({
      ...record,
      file: fileBase64 === undefined ? undefined : new Uint8Array(Buffer.from(fileBase64, 'base64')),
    })),
  };
}

/** Summaries of every case, for assertions such as "exactly 1,000 cases, none submitted twice". */
export function summariseCases(context: RouteContext) {
  return [...context.state.cases.values()].map((stored) => ({
    caseNo: stored.case.caseNo,
    version: stored.case.version,
    status: stored.case.status,
    submissions: stored.submissions,
  }));
}

/** The `/__sim` test controls (never authenticated, never faulted, not for production). */
export function registerControlRoutes(context: RouteContext, runtime: SimulatorRuntime): void {
  const { router, state } = context;
  const add = (method: string, path: string, handler: Parameters<typeof router.add>[0]['handler']) =>
    router.add({ method, path: `/__sim${path}`, authenticated: false, handler });

  add('POST', '/reset', () => {
    runtime.reset();
    return ok({ reset: true });
  });
  add('POST', '/seed', ({ body }) => {
    state.seed(seedFromJson(body));
    return ok({
      items: state.items.size,
      certificates: state.certificates.size,
      resources: state.resources.size,
      apps: state.apps.size,
      halls: state.halls.size,
    });
  });
  add('GET', '/faults', () => ok({ rules: runtime.faults.list() }));
  add('POST', '/faults', ({ body }) => {
    const input = parseInput(FaultsInputSchema, body, 'the fault rules');
    return ok({ rules: runtime.faults.add(input.rules, input.seed) }, 201);
  });
  add('DELETE', '/faults', () => {
    runtime.faults.clear();
    return ok({ rules: [] });
  });
  add('GET', '/requests', () => ok({ items: runtime.log.list() }));
  add('DELETE', '/requests', () => {
    runtime.log.clear();
    return ok({ items: [] });
  });
  add('GET', '/clock', () => ok({ offsetMs: runtime.clock.offsetMs, now: formatChinaTime(context.now()) }));
  add('POST', '/clock', ({ body }) => {
    runtime.clock.offsetMs = parseInput(ClockInputSchema, body, 'the clock offset').offsetMs;
    return ok({ offsetMs: runtime.clock.offsetMs, now: formatChinaTime(context.now()) });
  });
  add('GET', '/cases', () => ok({ items: summariseCases(context) }));
  add('POST', '/cases/{caseNo}/advance', ({ params, body }) => {
    const input = parseInput(AdvanceInputSchema, body, 'the advance request');
    return ok(advanceCase(context, params.caseNo ?? '', input.status, input.opinion));
  });
}
