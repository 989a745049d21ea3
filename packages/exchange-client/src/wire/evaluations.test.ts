import { describe, expect, it } from 'vitest';
import { EvaluationInputSchema } from './evaluations';

describe('EvaluationInputSchema', () => {
  const evaluation = {
    caseNo: 'C-1',
    serviceNumber: 'S-1',
    assessNumber: 'A-1',
    channel: 'pc',
    satisfaction: 2,
    evaluatedAt: '2026-05-03T08:00:00+08:00',
  };
  it('requires details or text for satisfaction 2 or less (差评)', () => {
    expect(EvaluationInputSchema.safeParse(evaluation).error?.issues[0]).toMatchObject({
      path: ['details'],
      message: expect.stringContaining('差评'),
    });
    expect(EvaluationInputSchema.safeParse({ ...evaluation, text: '窗口等待过久' }).success).toBe(true);
    expect(EvaluationInputSchema.safeParse({ ...evaluation, satisfaction: 5 }).success).toBe(true);
  });
});
