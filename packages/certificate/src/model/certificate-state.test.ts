import { describe, expect, it } from 'vitest';
import { addCertificateStatusChange, CERTIFICATE_STATE_TRANSITIONS, CERTIFICATE_STATES } from './certificate-state';

const at = new Date('2025-07-01T02:00:00Z');

describe('addCertificateStatusChange', () => {
  it('suspends and returns a certificate (暂扣 → 暂扣发还), keeping the history and the input untouched', () => {
    const record = { state: 'VALID' as const, history: [] };
    const suspended = addCertificateStatusChange(record, {
      to: 'SUSPENDED',
      at,
      reason: '衡审批罚〔2025〕12号',
      operator: 'staff-17',
    });
    const returned = addCertificateStatusChange(suspended, {
      to: 'VALID',
      at: new Date('2025-08-01T02:00:00Z'),
      reason: '暂扣期满发还',
    });
    expect(record.state).toBe('VALID');
    expect(returned.state).toBe('VALID');
    expect(returned.history).toEqual([
      {
        from: 'VALID',
        to: 'SUSPENDED',
        at: '2025-07-01T02:00:00.000Z',
        reason: '衡审批罚〔2025〕12号',
        operator: 'staff-17',
      },
      { from: 'SUSPENDED', to: 'VALID', at: '2025-08-01T02:00:00.000Z', reason: '暂扣期满发还' },
    ]);
  });

  it('refuses to leave a final state (ERR_CERTIFICATE_STATUS_TRANSITION_INVALID)', () => {
    expect(() => addCertificateStatusChange({ state: 'REVOKED' }, { to: 'VALID', at, reason: 'x' })).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_STATUS_TRANSITION_INVALID',
        message:
          'A certificate cannot go from 吊销 (REVOKED) to 有效 (VALID); 吊销 is final: issue a new certificate that points back with previousIdentifier',
      }),
    );
    expect(() =>
      addCertificateStatusChange({ state: 'TRANSFERRED_OUT' }, { to: 'SUSPENDED', at, reason: 'x' }),
    ).toThrow(
      expect.objectContaining({
        message:
          'A certificate cannot go from 转出 (TRANSFERRED_OUT) to 暂扣 (SUSPENDED); allowed: VALID, CANCELLED, OTHER',
      }),
    );
  });

  it('requires a reason and a valid date (ERR_CERTIFICATE_INPUT_INVALID)', () => {
    expect(() => addCertificateStatusChange({ state: 'VALID' }, { to: 'CANCELLED', at, reason: ' ' })).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_INPUT_INVALID',
        message: 'Status change needs a reason (原因 or decision number)',
      }),
    );
    expect(() =>
      addCertificateStatusChange({ state: 'VALID' }, { to: 'CANCELLED', at: new Date('x'), reason: 'r' }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_INPUT_INVALID',
        message: 'Status change time must be a valid Date',
      }),
    );
  });

  it('has a consistent transition table: final states have no exits, every target is a known state', () => {
    for (const [state, targets] of Object.entries(CERTIFICATE_STATE_TRANSITIONS)) {
      const info = CERTIFICATE_STATES[state as keyof typeof CERTIFICATE_STATES];
      expect(info.terminal).toBe(targets.length === 0);
      for (const target of targets) expect(target in CERTIFICATE_STATES).toBe(true);
    }
    expect(Object.values(CERTIFICATE_STATES).map((s) => s.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '99',
    ]);
  });
});
