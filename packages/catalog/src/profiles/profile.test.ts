import { describe, expect, it } from 'vitest';
import { createVendorCommonProfile, GB39554_OBSERVED_PROFILE, getProfile, registerProfile } from './profile';
import { toModelCodes, toProfileCodes } from './profile-codes';

const vendorRecord = {
  type: '01',
  body: { level: '6', dept_type: 'x' },
  serviceObjects: ['5', '7', '1'],
  handlingForms: ['1', '2', '3'],
  legalLimit: { value: 20, unit: '1' },
  promisedLimit: { value: 5, unit: '1' },
  process: [{ name: '受理', limit: { value: 1, unit: '0' } }],
  caseType: '3',
  vendor_only: { kept: true },
};

describe('profiles', () => {
  it('maps vendor-common raw codes to model values and remembers the raw ones', () => {
    const item = toModelCodes(vendorRecord, 'vendor-common');
    expect(item).toMatchObject({
      body: { level: '6' },
      serviceObjects: ['X_UNINCORPORATED', '6', '1'],
      handlingForms: ['1', '2', '4'],
      legalLimit: { unit: 'WORKING_DAY' },
      process: [{ limit: { unit: 'NATURAL_DAY' } }],
      caseType: '9',
      vendor_only: { kept: true },
    });
    expect(vendorRecord.serviceObjects).toEqual(['5', '7', '1']);
  });

  it('round-trips exactly, even for lossy mappings (7 and 9 → 其他组织)', () => {
    expect(toProfileCodes(toModelCodes(vendorRecord, 'vendor-common'), 'vendor-common')).toEqual(vendorRecord);
    const withNine = { ...vendorRecord, serviceObjects: ['9'] };
    expect(toProfileCodes(toModelCodes(withNine, 'vendor-common'), 'vendor-common')).toEqual(withNine);
  });

  it('exports changed values with the default reverse mapping', () => {
    const item = toModelCodes(vendorRecord, 'vendor-common');
    item.serviceObjects = ['X_UNINCORPORATED', '5'];
    expect(toProfileCodes(item, 'vendor-common').serviceObjects).toEqual(['5', '6']);
  });

  it('makes exercise level 6 configurable', () => {
    const tiered = { ...createVendorCommonProfile({ level6: 'tiered' }), name: 'vendor-tiered' };
    registerProfile(tiered);
    expect(toModelCodes(vendorRecord, 'vendor-tiered').body.level).toBe('7');
    expect(toModelCodes(vendorRecord, 'vendor-common').body.level).toBe('6');
  });

  it('maps the national-evaluation item types (11 → 20, others → 99)', () => {
    expect(toModelCodes({ type: '11' }, 'national-evaluation').type).toBe('20');
    expect(toProfileCodes({ type: '02' }, 'national-evaluation').type).toBe('99');
    expect(toProfileCodes({ type: '01' }, 'national-evaluation').type).toBe('01');
  });

  it('throws ERR_CATALOG_PROFILE_UNKNOWN for an unknown name', () => {
    expect(() => getProfile('hunan-x')).toThrow(
      expect.objectContaining({
        code: 'ERR_CATALOG_PROFILE_UNKNOWN',
        message: expect.stringMatching(/^Unknown profile "hunan-x"; registered: gb39554-observed, gb39046-2020/),
      }),
    );
    expect(getProfile()).toBe(GB39554_OBSERVED_PROFILE);
    expect(() => registerProfile({ ...GB39554_OBSERVED_PROFILE, name: '' })).toThrow(
      expect.objectContaining({ code: 'ERR_CATALOG_INPUT_INVALID' }),
    );
  });
});
