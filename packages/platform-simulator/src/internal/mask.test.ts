import { describe, expect, it } from 'vitest';
import { maskText, maskValue } from './mask';

describe('maskText', () => {
  it('masks 18- and 15-digit ID numbers and mobile numbers, leaving other numbers alone', () => {
    expect(maskText('id 43040519900101123X, old 430405900101123, tel 13812345678')).toBe(
      'id 430405********123X, old 430405******123, tel 138****5678',
    );
    expect(maskText('region 430400000000, fee 12345, landline 0734-8351438')).toBe(
      'region 430400000000, fee 12345, landline 0734-8351438',
    );
  });
});

describe('maskValue', () => {
  it('masks nested strings and replaces secret-looking fields', () => {
    expect(
      maskValue({ applicant: { idNumber: '430405199001011234', phone: '+86 13812345678' }, queryPassword: 'p', n: 1 }),
    ).toEqual({ applicant: { idNumber: '430405********1234', phone: '+86 138****5678' }, queryPassword: '***', n: 1 });
  });
});
