import { z } from 'zod';

/** The `mode`s of a fault rule (exchange.md §6, test controls). */
export const FAULT_MODES = [
  'down',
  'latency',
  'status',
  'rate-limit',
  'drop-before-commit',
  'drop-after-commit',
] as const;

export const FaultRuleInputSchema = z
  .strictObject({
    match: z
      .strictObject({
        method: z
          .string()
          .regex(/^[A-Za-z]+$/, 'an HTTP method such as POST')
          .optional(),
        path: z.string().startsWith('/', 'a path such as /api/v1/cases or /api/v1/cases/*').optional(),
      })
      .optional(),
    mode: z.enum(FAULT_MODES),
    status: z.int().min(400).max(599).optional(),
    ms: z.int().min(0).max(600_000).optional(),
    retryAfterSeconds: z.int().min(0).max(3600).optional(),
    times: z.int().min(1).optional(),
    forMs: z.int().min(1).max(86_400_000).optional(),
    probability: z.number().gt(0).max(1).optional(),
  })
  .refine((rule) => rule.mode !== 'latency' || rule.ms !== undefined, {
    message: 'a latency rule needs `ms` (the delay in milliseconds)',
    path: ['ms'],
  });

export type FaultRuleInput = z.input<typeof FaultRuleInputSchema>;

export interface ActiveFaultRule {
  id: string;
  match: { method?: string; path?: string };
  mode: (typeof FAULT_MODES)[number];
  status?: number;
  ms?: number;
  retryAfterSeconds?: number;
  times?: number;
  forMs?: number;
  /** When a `forMs` rule stops firing (ISO 8601). */
  activeUntil?: string;
  probability?: number;
  hits: number;
}

/** A glob over URL paths: `*` matches within one segment, `**` across segments. */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const pattern = escaped
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${pattern}$`);
}

/** mulberry32: a small seeded PRNG, so a test can replay a random mix of faults. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Holds the fault rules and decides, once per request, which rule (if any) fires. Probabilistic rules that match
 * share one random draw and occupy consecutive bands of [0, 1), so `{p: 0.2}` then `{p: 0.1}` fire on 20 % and 10 %
 * of requests, never both.
 */
export class FaultInjector {
  private rules: (ActiveFaultRule & { regex?: RegExp })[] = [];
  private random: () => number;
  private nextId = 1;

  /** @param clock - real time in ms for `forMs` windows (not the skewable simulator clock). */
  constructor(
    seed: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.random = createRandom(seed);
  }

  add(inputs: readonly FaultRuleInput[], seed?: number): ActiveFaultRule[] {
    const parsed = inputs.map((input) => FaultRuleInputSchema.parse(input));
    if (seed !== undefined) this.random = createRandom(seed);
    const added = parsed.map((rule) => {
      const active: ActiveFaultRule & { regex?: RegExp } = {
        id: `fault-${this.nextId++}`,
        match: { ...rule.match, method: rule.match?.method?.toUpperCase() },
        mode: rule.mode,
        status: rule.status,
        ms: rule.ms,
        retryAfterSeconds: rule.retryAfterSeconds,
        times: rule.times,
        forMs: rule.forMs,
        activeUntil: rule.forMs === undefined ? undefined : new Date(this.clock() + rule.forMs).toISOString(),
        probability: rule.probability,
        hits: 0,
        regex: rule.match?.path === undefined ? undefined : globToRegExp(rule.match.path),
      };
      this.rules.push(active);
      return active;
    });
    return added.map(({ regex: _regex, ...rule }) => structuredClone(rule));
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFaultRule[] {
    return this.rules.map(({ regex: _regex, ...rule }) => structuredClone(rule));
  }

  /** Decide the fault for one request; counts the hit and retires rules whose `times` are used up. */
  pick(method: string, path: string): ActiveFaultRule | undefined {
    let draw: number | undefined;
    let band = 0;
    for (const rule of this.rules) {
      if (rule.match.method !== undefined && rule.match.method !== method) continue;
      if (rule.regex !== undefined && !rule.regex.test(path)) continue;
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (rule.activeUntil !== undefined && this.clock() > Date.parse(rule.activeUntil)) continue;
      if (rule.probability !== undefined) {
        draw ??= this.random();
        band += rule.probability;
        if (draw >= band) continue;
      }
      rule.hits += 1;
      return rule;
    }
    return undefined;
  }
}
