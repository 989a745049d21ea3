import {
  AppointmentInputSchema,
  AppointmentSchema,
  AppointmentSlotQuerySchema,
  AppointmentSlotSchema,
  CaseEventInputSchema,
  CaseInputSchema,
  CaseListQuerySchema,
  CaseMutationResultSchema,
  CaseSchema,
  CertificateFileSchema,
  CertificateQuerySchema,
  CertificateRecordSchema,
  CertificateVerificationSchema,
  CertificateVerifyInputSchema,
  CompletionInputSchema,
  DataQueryInputSchema,
  DataQueryResultSchema,
  DataResourceSchema,
  EvaluationInputSchema,
  EvaluationSchema,
  EvaluationServiceInputSchema,
  EvaluationServiceSchema,
  HealthSchema,
  ItemQuerySchema,
  ItemRecordSchema,
  PLATFORM_ERROR_STATUS,
  PageQuerySchema,
  PreAcceptanceDecisionInputSchema,
  PreAcceptanceInputSchema,
  PreAcceptanceSchema,
} from '@zwfw/exchange-client';
import { z } from 'zod';
import { AdvanceInputSchema, ClockInputSchema, FaultsInputSchema, SeedInputSchema } from './routes/controls';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Schemas of request bodies (zod input side: defaults optional). */
const REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  CaseInput: CaseInputSchema,
  CaseEventInput: CaseEventInputSchema,
  CompletionInput: CompletionInputSchema,
  PreAcceptanceInput: PreAcceptanceInputSchema,
  PreAcceptanceDecisionInput: PreAcceptanceDecisionInputSchema,
  AppointmentInput: AppointmentInputSchema,
  CertificateVerifyInput: CertificateVerifyInputSchema,
  DataQueryInput: DataQueryInputSchema,
  EvaluationServiceInput: EvaluationServiceInputSchema,
  EvaluationInput: EvaluationInputSchema,
  SimulatorSeedInput: SeedInputSchema,
  SimulatorFaultsInput: FaultsInputSchema,
  SimulatorClockInput: ClockInputSchema,
  SimulatorAdvanceInput: AdvanceInputSchema,
};

/** Schemas of response `data` (zod output side). */
const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  ItemRecord: ItemRecordSchema,
  Case: CaseSchema,
  CaseMutationResult: CaseMutationResultSchema,
  PreAcceptance: PreAcceptanceSchema,
  AppointmentSlot: AppointmentSlotSchema,
  Appointment: AppointmentSchema,
  CertificateRecord: CertificateRecordSchema,
  CertificateFile: CertificateFileSchema,
  CertificateVerification: CertificateVerificationSchema,
  DataResource: DataResourceSchema,
  DataQueryResult: DataQueryResultSchema,
  EvaluationService: EvaluationServiceSchema,
  Evaluation: EvaluationSchema,
  Health: HealthSchema,
};

function componentSchemas(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(converted.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    out[id] = rest;
  }
  return out;
}

/** Query parameters from the fields of a zod object schema. */
function queryParameters(schema: z.ZodObject, required: readonly string[] = []): Json[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name) || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const pathParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const page = (item: string) => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
  required: ['items', 'nextCursor'],
});

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
/** Headers on every response; error responses add the retry hints. */
const RESPONSE_HEADERS = {
  'X-Request-Id': header('RequestId'),
  'X-Exchange-Id': header('ExchangeId'),
  'X-Exchange-Request-Hash': header('RequestHash'),
};
const ERROR_HEADERS = {
  ...RESPONSE_HEADERS,
  'X-Exchange-Error': header('ExchangeError'),
  'X-Exchange-Should-Retry': header('ShouldRetry'),
  'Retry-After': header('RetryAfter'),
  'X-Exchange-Server-Time': header('ServerTime'),
};

const success = (status: number, data: Json, description = 'Success') => ({
  [status]: {
    description,
    headers: RESPONSE_HEADERS,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: { code: { const: '0' }, message: { type: 'string' }, data, requestId: { type: 'string' } },
          required: ['code', 'message', 'data', 'requestId'],
        },
      },
    },
  },
});

/** Error responses by status, each naming the platform codes it can carry. */
function errors(...codes: (keyof typeof PLATFORM_ERROR_STATUS)[]): Json {
  const byStatus = new Map<number, string[]>();
  for (const code of codes)
    byStatus.set(PLATFORM_ERROR_STATUS[code], [...(byStatus.get(PLATFORM_ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: list.join(', '),
        headers: ERROR_HEADERS,
        content: { 'application/json': { schema: ref('ErrorEnvelope') } },
      },
    ]),
  );
}

const GATEWAY_ERRORS = ['AUTHENTICATION_FAILED', 'CLOCK_SKEW', 'REPLAY', 'RATE_LIMITED', 'UNAVAILABLE'] as const;
const POST_ERRORS = [
  ...GATEWAY_ERRORS,
  'INVALID_REQUEST',
  'IDEMPOTENCY_KEY_MISSING',
  'IDEMPOTENCY_IN_PROGRESS',
  'IDEMPOTENCY_MISMATCH',
  'PAYLOAD_TOO_LARGE',
] as const;

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    'One UUID per logical operation, the same on every retry. A repeat replays the stored response; a repeat while the first is processed is 409 IDEMPOTENCY_IN_PROGRESS; the same key with another payload is 422 IDEMPOTENCY_MISMATCH.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const body = (schema: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(schema) } },
});

function operation(summary: string, extra: Json): Json {
  return { summary, ...extra };
}

/**
 * The OpenAPI 3.1 document of the simulator's API: bodies from the exchange wire zod schemas (`z.toJSONSchema`),
 * paths written here. `docs/openapi.json` is generated from it and a test fails when the two drift apart.
 */
export function createOpenApiDocument(version: string): Json {
  const post = (summary: string, tag: string, request: string, status: number, data: Json, more: string[] = []) =>
    operation(summary, {
      tags: [tag],
      parameters: [idempotencyKey],
      requestBody: body(request),
      responses: {
        ...success(status, data),
        ...errors(...POST_ERRORS, ...(more as (keyof typeof PLATFORM_ERROR_STATUS)[])),
      },
    });
  const get = (summary: string, tag: string, parameters: Json[], data: Json, more: string[] = []) =>
    operation(summary, {
      tags: [tag],
      parameters,
      responses: {
        ...success(200, data),
        ...errors(...GATEWAY_ERRORS, 'INVALID_REQUEST', ...(more as (keyof typeof PLATFORM_ERROR_STATUS)[])),
      },
    });
  const control = (
    summary: string,
    request?: string,
    response: { status?: number; data?: Json; errors?: (keyof typeof PLATFORM_ERROR_STATUS)[] } = {},
  ): Json =>
    operation(summary, {
      tags: ['simulator controls'],
      security: [],
      ...(request === undefined ? {} : { requestBody: body(request) }),
      responses: {
        ...success(response.status ?? 200, response.data ?? { type: 'object' }),
        ...errors('INVALID_REQUEST', ...(response.errors ?? [])),
      },
    });
  const caseNo = pathParameter('caseNo', '申办流水号 (client-generated)');
  const caseMutation = (summary: string, request: string) => ({
    post: {
      ...post(summary, 'cases', request, 201, ref('CaseMutationResult'), [
        'CASE_NOT_FOUND',
        'VERSION_CONFLICT',
        'TRANSITION_NOT_ALLOWED',
      ]),
      parameters: [caseNo, idempotencyKey],
    },
  });

  return {
    openapi: '3.1.0',
    info: {
      title: 'zwfw platform simulator — normalized exchange API',
      version,
      description:
        'The normalized API of the provincial integrated platform (省一体化平台) as served by @zwfw/platform-simulator. Every response is an envelope { code, message, data, requestId }; code "0" is success. Requests under /api/v1 (except /health and /keys) are signed: X-Exchange-Signature = base64(HMAC-SHA256(secret, METHOD\\nPATH\\nsortedQuery\\nhex(sha256(body))\\ntimestamp\\nnonce)), timestamps within ±5 minutes, nonces unique per app key for 15 minutes. /__sim is the simulator\'s test-control API and does not exist on a real platform.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '8080' } } }],
    security: [{ appKey: [], timestamp: [], nonce: [], signature: [] }],
    paths: {
      '/health': { get: { ...get('Liveness', 'system', [], ref('Health')), security: [] } },
      '/api/v1/health': { get: { ...get('Liveness', 'system', [], ref('Health')), security: [] } },
      '/api/v1/keys': {
        get: {
          ...get('Receipt verification keys (JWK Set, ES256)', 'system', [], {
            type: 'object',
            properties: { keys: { type: 'array', items: { type: 'object' } } },
          }),
          security: [],
        },
      },
      '/api/v1/items': {
        get: get(
          '事项下发: list items (incremental by updatedSince)',
          'items',
          queryParameters(ItemQuerySchema),
          page('ItemRecord'),
        ),
      },
      '/api/v1/items/{itemCode}': {
        get: get('事项详情', 'items', [pathParameter('itemCode', '实施编码')], ref('ItemRecord'), ['ITEM_NOT_FOUND']),
      },
      '/api/v1/cases': {
        post: post(
          '统一受理: submit a case (201 with a JWS receipt)',
          'cases',
          'CaseInput',
          201,
          ref('CaseMutationResult'),
          ['CASE_EXISTS', 'ITEM_NOT_FOUND'],
        ),
        get: get('List cases', 'cases', queryParameters(CaseListQuerySchema), page('Case')),
      },
      '/api/v1/cases/{caseNo}': {
        get: get('Get a case with its events', 'cases', [caseNo], ref('Case'), ['CASE_NOT_FOUND']),
      },
      '/api/v1/cases/{caseNo}/events': caseMutation(
        '过程信息: record a stage change (version = current + 1)',
        'CaseEventInput',
      ),
      '/api/v1/cases/{caseNo}/completion': caseMutation(
        '办结: complete a case (fee required for result "issued")',
        'CompletionInput',
      ),
      '/api/v1/pre-acceptances': {
        post: post('网上预受理', 'services', 'PreAcceptanceInput', 201, ref('PreAcceptance'), ['ITEM_NOT_FOUND']),
      },
      '/api/v1/pre-acceptances/{id}': {
        get: get('Get a pre-acceptance', 'services', [pathParameter('id', 'pre-acceptance id')], ref('PreAcceptance'), [
          'PRE_ACCEPTANCE_NOT_FOUND',
        ]),
      },
      '/api/v1/pre-acceptances/{id}/decision': {
        post: {
          ...post(
            'Decide a pre-acceptance (once)',
            'services',
            'PreAcceptanceDecisionInput',
            200,
            ref('PreAcceptance'),
            ['PRE_ACCEPTANCE_NOT_FOUND', 'ALREADY_DECIDED'],
          ),
          parameters: [pathParameter('id', 'pre-acceptance id'), idempotencyKey],
        },
      },
      '/api/v1/appointments/slots': {
        get: get(
          '预约时段 of an item at a hall on a date',
          'services',
          queryParameters(AppointmentSlotQuerySchema),
          page('AppointmentSlot'),
          ['ITEM_NOT_FOUND', 'NOT_FOUND'],
        ),
      },
      '/api/v1/appointments': {
        post: post('Book a slot', 'services', 'AppointmentInput', 201, ref('Appointment'), [
          'SLOT_FULL',
          'ITEM_NOT_FOUND',
          'NOT_FOUND',
        ]),
      },
      '/api/v1/appointments/{id}': {
        get: get('Get an appointment', 'services', [pathParameter('id', 'appointment id')], ref('Appointment'), [
          'APPOINTMENT_NOT_FOUND',
        ]),
        delete: get(
          'Cancel an appointment (idempotent)',
          'services',
          [pathParameter('id', 'appointment id')],
          ref('Appointment'),
          ['APPOINTMENT_NOT_FOUND'],
        ),
      },
      '/api/v1/certificates': {
        get: get(
          '证照查询 by holder (useCause mandatory)',
          'certificates',
          queryParameters(CertificateQuerySchema),
          page('CertificateRecord'),
          ['USE_CAUSE_REQUIRED'],
        ),
      },
      '/api/v1/certificates/{certId}/file': {
        get: get(
          'Download a certificate file (useCause mandatory)',
          'certificates',
          [
            pathParameter('certId', '电子证照标识 1.2.156.3005.2.…'),
            { name: 'useCause', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } },
          ],
          ref('CertificateFile'),
          ['USE_CAUSE_REQUIRED', 'CERTIFICATE_NOT_FOUND'],
        ),
      },
      '/api/v1/certificates/verify': {
        post: post(
          '核验: identifier check character, status and file hash',
          'certificates',
          'CertificateVerifyInput',
          200,
          ref('CertificateVerification'),
        ),
      },
      '/api/v1/catalog/resources': {
        get: get('资源目录', 'sharing', queryParameters(PageQuerySchema), page('DataResource')),
      },
      '/api/v1/catalog/resources/{code}': {
        get: get('One catalogue resource', 'sharing', [pathParameter('code', 'resource code')], ref('DataResource'), [
          'RESOURCE_NOT_FOUND',
        ]),
      },
      '/api/v1/catalog/resources/{code}/query': {
        post: {
          ...post(
            'Query shared data (不予共享 → 403; 有条件共享 → approved apps only)',
            'sharing',
            'DataQueryInput',
            200,
            ref('DataQueryResult'),
            ['RESOURCE_NOT_FOUND', 'PERMISSION_DENIED', 'USE_CAUSE_REQUIRED'],
          ),
          parameters: [pathParameter('code', 'resource code'), idempotencyKey],
        },
      },
      '/api/v1/evaluation-services': {
        post: post(
          '好差评: register a service',
          'evaluations',
          'EvaluationServiceInput',
          201,
          ref('EvaluationService'),
          ['DUPLICATE_SERVICE'],
        ),
      },
      '/api/v1/evaluations': {
        post: post(
          '好差评: submit an evaluation (satisfaction ≤ 2 needs details)',
          'evaluations',
          'EvaluationInput',
          201,
          ref('Evaluation'),
          ['DUPLICATE_EVALUATION', 'EVALUATION_SERVICE_NOT_FOUND'],
        ),
      },
      '/__sim/reset': { post: control('Clear all state and re-apply the initial seed') },
      '/__sim/seed': { post: control('Load items, certificates, resources, apps, halls', 'SimulatorSeedInput') },
      '/__sim/faults': {
        get: control('List fault rules with hit counts'),
        post: control('Add fault rules', 'SimulatorFaultsInput', { status: 201 }),
        delete: control('Remove every fault rule'),
      },
      '/__sim/requests': { get: control('Request log (PII masked)'), delete: control('Clear the request log') },
      '/__sim/clock': {
        get: control('Clock offset'),
        post: control('Skew the simulator clock', 'SimulatorClockInput'),
      },
      '/__sim/cases': { get: control('Every case with its submission count') },
      '/__sim/cases/{caseNo}/advance': {
        post: {
          ...control('Platform-side stage change (version + 1)', 'SimulatorAdvanceInput', {
            data: ref('Case'),
            errors: ['CASE_NOT_FOUND', 'TRANSITION_NOT_ALLOWED'],
          }),
          parameters: [caseNo],
        },
      },
    },
    components: {
      headers: {
        RequestId: { description: 'The request id sent in X-Request-Id (or one assigned)', schema: { type: 'string' } },
        ExchangeId: { description: "The platform's id of this exchange", schema: { type: 'string' } },
        RequestHash: {
          description: 'hex SHA-256 of the canonical request the gateway verified (authenticated routes)',
          schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
        ExchangeError: { description: '`gateway` when the gateway layer failed', schema: { const: 'gateway' } },
        ShouldRetry: { description: 'whether retrying may succeed', schema: { enum: ['true', 'false'] } },
        RetryAfter: { description: 'seconds to wait (429, 503)', schema: { type: 'string' } },
        ServerTime: {
          description: 'the platform clock in milliseconds since the epoch (CLOCK_SKEW)',
          schema: { type: 'string' },
        },
      },
      securitySchemes: {
        appKey: { type: 'apiKey', in: 'header', name: 'X-Exchange-App-Key' },
        timestamp: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Exchange-Timestamp',
          description: 'milliseconds since the epoch',
        },
        nonce: { type: 'apiKey', in: 'header', name: 'X-Exchange-Nonce' },
        signature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Exchange-Signature',
          description:
            'base64 HMAC of the canonical request; X-Exchange-Signature-Method HMAC-SHA256 (default) or HMAC-SM3',
        },
      },
      schemas: {
        ErrorEnvelope: {
          type: 'object',
          properties: {
            code: { type: 'string', enum: Object.keys(PLATFORM_ERROR_STATUS) },
            message: { type: 'string' },
            data: {},
            requestId: { type: 'string' },
          },
          required: ['code', 'message', 'data', 'requestId'],
        },
        ...componentSchemas(REQUEST_SCHEMAS, 'input'),
        ...componentSchemas(RESPONSE_SCHEMAS, 'output'),
      },
    },
  };
}
