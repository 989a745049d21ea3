import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './mask-personal-data';

describe('maskPersonalData', () => {
  it('masks 18- and 15-digit ID numbers and mobile numbers, and leaves other codes alone', () => {
    expect(maskPersonalData('申请人 430421199001011234，电话 13812345678')).toBe(
      '申请人 430421********1234，电话 138****5678',
    );
    expect(maskPersonalData('id 43042119900101123X old 430421900101123')).toBe(
      'id 430421********123X old 430421******123',
    );
    expect(maskPersonalData('USCC 91430408MA4T2DEM1P, division 430421, 实施编码 11450721MB155808114000104002000')).toBe(
      'USCC 91430408MA4T2DEM1P, division 430421, 实施编码 11450721MB155808114000104002000',
    );
  });

  it('masks inside URLs and JSON text', () => {
    expect(maskPersonalData('/certificates?holderCode=430421199001011234&x=1')).toBe(
      '/certificates?holderCode=430421********1234&x=1',
    );
    expect(maskPersonalData('{"phone":"+86 13812345678"}')).toBe('{"phone":"+86 138****5678"}');
  });
});
