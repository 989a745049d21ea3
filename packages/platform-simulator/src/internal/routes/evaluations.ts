import { EvaluationInputSchema, EvaluationServiceInputSchema } from '@zwfw/exchange-client';
import { formatChinaTime } from '../clock';
import { ApiError } from '../http';
import { type RouteContext, ok, parseInput } from './context';

/** 好差评: register a service, then evaluate it once per assessNumber. */
export function registerEvaluationRoutes(context: RouteContext): void {
  const { router, state } = context;

  router.add({
    method: 'POST',
    path: '/api/v1/evaluation-services',
    authenticated: true,
    handler: ({ body }) => {
      const input = parseInput(EvaluationServiceInputSchema, body, 'the evaluation service');
      const key = `${input.caseNo}\n${input.serviceNumber}`;
      if (state.services.has(key)) {
        throw new ApiError(
          'DUPLICATE_SERVICE',
          `已存在该条服务信息，请勿重复提交: service ${input.serviceNumber} of case ${input.caseNo} is already registered`,
        );
      }
      const record = { ...input, registeredAt: formatChinaTime(context.now()) };
      state.services.set(key, record);
      return ok(record, 201);
    },
  });

  router.add({
    method: 'POST',
    path: '/api/v1/evaluations',
    authenticated: true,
    handler: ({ body }) => {
      const input = parseInput(EvaluationInputSchema, body, 'the evaluation');
      if (!state.services.has(`${input.caseNo}\n${input.serviceNumber}`)) {
        throw new ApiError(
          'EVALUATION_SERVICE_NOT_FOUND',
          `service ${input.serviceNumber} of case ${input.caseNo} is not registered; register it with POST /evaluation-services first`,
        );
      }
      const key = `${input.caseNo}\n${input.assessNumber}`;
      if (state.evaluations.has(key)) {
        throw new ApiError(
          'DUPLICATE_EVALUATION',
          `本次服务已存在评价，请勿重复评价: evaluation ${input.assessNumber} of case ${input.caseNo} already exists`,
        );
      }
      // 好差评: 1–2 差评, 3 中评, 4–5 好评 (satisfaction ≤ 2 needs details: enforced by the wire schema).
      const grade =
        input.satisfaction <= 2
          ? ('bad' as const)
          : input.satisfaction === 3
            ? ('average' as const)
            : ('good' as const);
      const record = { ...input, grade, receivedAt: formatChinaTime(context.now()) };
      state.evaluations.set(key, record);
      return ok(record, 201);
    },
  });
}
