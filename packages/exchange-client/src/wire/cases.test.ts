import { describe, expect, it } from 'vitest';
import { CASE_STATUS_TRANSITIONS, CaseInputSchema, CaseStatusSchema, CompletionInputSchema } from './cases';
import { createPageSchema } from './common';
import { createEnvelopeSchema } from './envelope';

const caseInput = {
  caseNo: '430400-SYS01-0001',
  itemCode: '11430400MB1234567X4000111001001',
  projectName: '张三的营业执照设立登记',
  kind: 'promised',
  channel: 'online',
  regionCode: '430400000000',
  applicant: { type: 'person', name: '张三', idType: '111', idNumber: '430421199001011234' },
  acceptDepartment: { code: '11430400MB1234567X', name: '衡阳市行政审批服务局' },
  submittedAt: '2026-05-01T09:30:00+08:00',
};

describe('CaseInputSchema', () => {
  it('applies defaults and rejects a malformed region code, naming the field', () => {
    expect(CaseInputSchema.parse(caseInput)).toMatchObject({ version: 1, materials: [], deliveryMode: '00' });
    const result = CaseInputSchema.safeParse({ ...caseInput, regionCode: '4304' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['regionCode']);
  });
});

describe('CompletionInputSchema', () => {
  it('requires a fee for an issued result', () => {
    const base = { version: 3, result: 'issued', completedAt: '2026-05-02T10:00:00+08:00' };
    expect(CompletionInputSchema.safeParse(base).error?.issues[0]).toMatchObject({ path: ['fee'] });
    expect(CompletionInputSchema.parse({ ...base, fee: { amount: 0 } }).fee).toEqual({ amount: 0, currency: 'CNY' });
  });
});

describe('CASE_STATUS_TRANSITIONS', () => {
  it('has an entry for every status and only known targets', () => {
    for (const status of CaseStatusSchema.options) {
      for (const target of CASE_STATUS_TRANSITIONS[status]) expect(CaseStatusSchema.options).toContain(target);
    }
  });
});

describe('envelope and page schemas', () => {
  it('accept a success envelope of a page and reject an error code', () => {
    const schema = createEnvelopeSchema(createPageSchema(CaseStatusSchema));
    expect(
      schema.parse({ code: '0', message: 'ok', data: { items: ['accepted'], nextCursor: null }, requestId: 'r' }),
    ).toBeTruthy();
    expect(schema.safeParse({ code: 'REPLAY', message: 'x', data: null, requestId: 'r' }).success).toBe(false);
  });
});
