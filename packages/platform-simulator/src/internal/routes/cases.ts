import { createHash } from 'node:crypto';
import {
  type Case,
  CASE_STATUS_TRANSITIONS,
  CaseEventInputSchema,
  CaseInputSchema,
  CaseListQuerySchema,
  type CaseMutationResult,
  type CaseStatus,
  CompletionInputSchema,
} from '@zwfw/exchange-client';
import { formatChinaTime } from '../clock';
import { ApiError } from '../http';
import type { StoredCase } from '../state';
import { type RouteContext, ok, paginate, parseInput, queryObject, timeKey } from './context';

const BASE = '/api/v1/cases';

function findCase(context: RouteContext, caseNo: string | undefined): StoredCase {
  const stored = caseNo === undefined ? undefined : context.state.cases.get(caseNo);
  if (stored === undefined) {
    throw new ApiError(
      'CASE_NOT_FOUND',
      `case ${caseNo} is not known to the platform; submit it with POST /cases first`,
    );
  }
  return stored;
}

function checkVersion(stored: StoredCase, version: number): void {
  const expected = stored.case.version + 1;
  if (version !== expected) {
    throw new ApiError(
      'VERSION_CONFLICT',
      `version ${version} does not follow the case's current version ${stored.case.version}; send version ${expected} (GET the case to resynchronise)`,
      { currentVersion: stored.case.version },
    );
  }
}

function checkTransition(stored: StoredCase, to: CaseStatus): void {
  const from = stored.case.status;
  if (!CASE_STATUS_TRANSITIONS[from].includes(to)) {
    const allowed = CASE_STATUS_TRANSITIONS[from];
    throw new ApiError(
      'TRANSITION_NOT_ALLOWED',
      `a case in status "${from}" cannot move to "${to}"; allowed next statuses: ${allowed.length > 0 ? allowed.join(', ') : 'none (final status)'}`,
      { status: from, allowed },
    );
  }
}

async function mutationResult(
  context: RouteContext,
  stored: StoredCase,
  acceptedAt: string,
  rawBody: Uint8Array,
): Promise<CaseMutationResult> {
  const payloadSha256 = createHash('sha256').update(rawBody).digest('hex');
  const { caseNo, version, platformId, status } = stored.case;
  const receipt = await context.receipts.sign({ caseNo, version, acceptedAt, payloadSha256 });
  return { caseNo, platformId, version, status, acceptedAt, receipt };
}

/**
 * Apply a stage change (event or advance): checks are done by the caller. Returns the recorded time.
 * Exported for the `/__sim/cases/{caseNo}/advance` control.
 */
export function applyCaseEvent(
  context: RouteContext,
  stored: StoredCase,
  event: Omit<Case['events'][number], 'caseNo' | 'recordedAt'>,
): string {
  const recordedAt = formatChinaTime(context.now());
  stored.case.events.push({ caseNo: stored.case.caseNo, recordedAt, ...event });
  stored.case.version = event.version;
  stored.case.status = event.status;
  stored.case.updatedAt = recordedAt;
  return recordedAt;
}

/** Platform-side stage change for status-polling tests: version = current + 1, transitions enforced. */
export function advanceCase(context: RouteContext, caseNo: string, status: string, opinion?: string): Case {
  const stored = findCase(context, caseNo);
  const parsed = CaseEventInputSchema.shape.status.safeParse(status);
  if (!parsed.success && status !== 'completed') {
    throw new ApiError('INVALID_REQUEST', `status "${status}" is not a case status an advance can reach`);
  }
  const target = (parsed.success ? parsed.data : 'completed') as CaseStatus;
  checkTransition(stored, target);
  const occurredAt = formatChinaTime(context.now());
  const version = stored.case.version + 1;
  if (target === 'completed') {
    stored.case.completion = { version, result: 'done', completedAt: occurredAt, description: opinion };
  }
  applyCaseEvent(context, stored, {
    version,
    status: target,
    occurredAt,
    handler: { name: '平台模拟器 (simulator)' },
    opinion,
  });
  return structuredClone(stored.case);
}

/** 统一受理: submit, query, list, events, completion. */
export function registerCaseRoutes(context: RouteContext): void {
  const { router, state } = context;

  router.add({
    method: 'POST',
    path: BASE,
    authenticated: true,
    handler: async ({ body, rawBody }) => {
      const input = parseInput(CaseInputSchema, body, 'the case submission');
      if (!state.items.has(input.itemCode)) {
        throw new ApiError(
          'ITEM_NOT_FOUND',
          `itemCode ${input.itemCode} is not an item of this platform; use an 实施编码 from GET /items`,
        );
      }
      const existing = state.cases.get(input.caseNo);
      if (existing !== undefined) {
        existing.submissions += 1;
        throw new ApiError(
          'CASE_EXISTS',
          `case ${input.caseNo} was already submitted (with another Idempotency-Key); the original result is in data.original`,
          { original: existing.original },
        );
      }
      const acceptedAt = formatChinaTime(context.now());
      const platformId = state.nextId('HY');
      const stored: StoredCase = {
        case: {
          ...input,
          platformId,
          status: 'submitted',
          acceptedAt,
          updatedAt: acceptedAt,
          events: [
            {
              caseNo: input.caseNo,
              version: input.version,
              status: 'submitted',
              occurredAt: input.submittedAt,
              recordedAt: acceptedAt,
              handler: undefined,
            },
          ],
        },
        original: undefined as unknown as CaseMutationResult,
        submissions: 1,
      };
      // Committed before the (async) receipt signature, so a concurrent duplicate sees CASE_EXISTS.
      state.cases.set(input.caseNo, stored);
      stored.original = await mutationResult(context, stored, acceptedAt, rawBody);
      return ok(stored.original, 201);
    },
  });

  router.add({
    method: 'GET',
    path: BASE,
    authenticated: true,
    handler: ({ query }) => {
      const parsed = parseInput(CaseListQuerySchema, queryObject(query), 'the case list query');
      const since = parsed.updatedSince === undefined ? undefined : Date.parse(parsed.updatedSince);
      const all = [...state.cases.values()]
        .map((stored) => stored.case)
        .filter((item) => parsed.status === undefined || item.status === parsed.status)
        .filter((item) => since === undefined || Date.parse(item.updatedAt) >= since);
      const key = (item: Case) => timeKey(item.updatedAt, item.caseNo);
      all.sort((a, b) => (key(a) < key(b) ? -1 : 1));
      return ok(paginate(all, key, parsed.cursor, parsed.limit));
    },
  });

  router.add({
    method: 'GET',
    path: `${BASE}/{caseNo}`,
    authenticated: true,
    handler: ({ params }) => ok(findCase(context, params.caseNo).case),
  });

  /** A stage change of an existing case: version = current + 1, transition allowed, then a receipt. */
  const addMutation = <T extends { version: number }>(
    suffix: string,
    parse: (body: unknown) => T,
    toEvent: (input: T, stored: StoredCase) => Omit<Case['events'][number], 'caseNo' | 'recordedAt'>,
  ) =>
    router.add({
      method: 'POST',
      path: `${BASE}/{caseNo}/${suffix}`,
      authenticated: true,
      handler: async ({ params, body, rawBody }) => {
        const stored = findCase(context, params.caseNo);
        const input = parse(body);
        checkVersion(stored, input.version);
        const event = toEvent(input, stored);
        checkTransition(stored, event.status);
        if (event.status === 'completed') stored.case.completion = input as unknown as Case['completion'];
        const recordedAt = applyCaseEvent(context, stored, event);
        return ok(await mutationResult(context, stored, recordedAt, rawBody), 201);
      },
    });
  addMutation(
    'events',
    (body) => parseInput(CaseEventInputSchema, body, 'the case event'),
    (input) => input,
  );
  addMutation(
    'completion',
    (body) => parseInput(CompletionInputSchema, body, 'the completion (办结)'),
    (input) => ({
      version: input.version,
      status: 'completed',
      occurredAt: input.completedAt,
      handler: undefined,
      opinion: input.description,
    }),
  );
}
