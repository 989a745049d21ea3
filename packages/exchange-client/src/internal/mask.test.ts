import { describe, expect, it } from 'vitest';
import { maskDeep, maskText, maskUrl } from './mask';

describe('mask', () => {
  it('masks resident ID numbers and mobile numbers in text', () => {
    expect(maskText('申请人 430421199001011234 电话 13812345678')).toBe('申请人 430421********1234 电话 138****5678');
    expect(maskText('身份证 43042119900101123X')).toBe('身份证 430421********123X');
  });
  it('keeps codes that are not personal data', () => {
    expect(maskText('region 430400000000 caseNo C-1')).toBe('region 430400000000 caseNo C-1');
  });
  it('masks sensitive keys deeply and query parameters', () => {
    expect(maskDeep({ applicant: { idNumber: 'AB1234567', name: '张三' }, appSecret: 'topsecret' })).toEqual({
      applicant: { idNumber: 'AB*****67', name: '张三' },
      appSecret: 'to*****et',
    });
    expect(maskUrl('/api/v1/certificates?holderCode=430421199001011234&holderType=111')).toBe(
      '/api/v1/certificates?holderCode=43********34&holderType=111',
    );
  });
});
