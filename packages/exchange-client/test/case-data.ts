// Test data without the simulator (the crash child imports it).
import type { CaseInputInput } from '../src/index';

export const IDENTITY = { regionCode: '430400000000', organizationCode: '11430400MB1D03622L', systemCode: 'HY-TEST' };
export const ITEM_CODE = '11430400MB1D03622L4000111400001';
export const ID_NUMBER = '430421199001011234';
export const PHONE = '13812345678';

export function caseInput(caseNo: string, overrides: Partial<CaseInputInput> = {}): CaseInputInput {
  return {
    caseNo,
    itemCode: ITEM_CODE,
    projectName: '张三申请食品经营许可',
    kind: 'promised',
    channel: 'online',
    regionCode: '430400000000',
    applicant: { type: 'person', name: '张三', idType: '111', idNumber: ID_NUMBER, phone: PHONE },
    acceptDepartment: { code: '11430400MB1D03622L', name: '衡阳市行政审批服务局' },
    submittedAt: '2026-05-01T09:30:00+08:00',
    ...overrides,
  };
}
